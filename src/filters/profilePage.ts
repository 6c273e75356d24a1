import type { Expert, SiteInfo } from '../model/types.js';
import { person } from './person.js';

/** schema.org ProfilePage whose main entity is the expert. https://schema.org/ProfilePage */
export function profilePage(expert: Expert, site: SiteInfo): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'ProfilePage',
    url: `${site.url}/${expert.path}`,
    mainEntity: {
      ...person(expert, site),
      ...(expert.bioText ? { description: expert.bioText } : {}),
      ...(expert.website ? { sameAs: [expert.website] } : {}),
    },
  };
}
