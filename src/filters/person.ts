import type { ExpertCard, SiteInfo } from '../model/types.js';

/** An expert as a schema.org Person. https://schema.org/Person */
export function person(expert: ExpertCard, site: Pick<SiteInfo, 'url' | 'basePath'>): Record<string, unknown> {
  const origin = site.url.slice(0, site.url.length - site.basePath.length);
  return {
    '@type': 'Person',
    name: expert.name,
    url: `${origin}${expert.url}`,
    jobTitle: expert.specialty,
    ...(expert.photo ? { image: expert.photo.share.url } : {}),
    ...(expert.credentials.length ? { honorificSuffix: expert.credentials.join(', ') } : {}),
    address: {
      '@type': 'PostalAddress',
      addressLocality: expert.city,
      ...(expert.region ? { addressRegion: expert.region } : {}),
      ...(expert.country ? { addressCountry: expert.country } : {}),
    },
  };
}
