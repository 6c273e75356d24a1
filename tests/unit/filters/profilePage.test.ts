import { describe, expect, it } from 'vitest';
import type { LoadedData } from '../../../src/data/load.js';
import type { ExpertData } from '../../../src/data/schema.js';
import { profilePage } from '../../../src/filters/profilePage.js';
import { buildModel } from '../../../src/model/buildModel.js';

function model(url: string, experts: Record<string, ExpertData>) {
  const data: LoadedData = {
    sourceHash: 'test',
    site: { id: 'site', file: 'site.yaml', data: { title: 'Site', url } },
    topics: { id: 'topics', file: 'topics.yaml', data: { t: { name: 'T' } } },
    experts: Object.entries(experts).map(([id, expert]) => ({ id, file: `experts/${id}.yaml`, data: expert })),
    questions: [],
  };
  return buildModel(data);
}

const full: ExpertData = {
  name: 'Jane Doe',
  credentials: ['MD'],
  specialty: 'Neurologist',
  location: { city: 'Boston', region: 'Massachusetts', country: 'USA' },
  rating: { value: 4.9, count: 75 },
  bio: 'Treats **migraine** and [headaches](https://example.com/).',
  website: 'https://jane.example.org/',
};

const bare: ExpertData = { name: 'Al Bare', specialty: 'Dermatologist', location: { city: 'Leeds' } };

describe('profilePage', () => {
  it('is a ProfilePage whose main entity is the expert as a Person', () => {
    const m = model('https://example.org/', { 'jane-doe': full });
    const expert = m.experts[0];
    if (!expert) throw new Error('no expert');
    expect(profilePage(expert, m.site)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'ProfilePage',
      url: 'https://example.org/experts/jane-doe/',
      mainEntity: {
        '@type': 'Person',
        name: 'Jane Doe',
        url: 'https://example.org/experts/jane-doe/',
        jobTitle: 'Neurologist',
        honorificSuffix: 'MD',
        address: { '@type': 'PostalAddress', addressLocality: 'Boston', addressRegion: 'Massachusetts', addressCountry: 'USA' },
        description: 'Treats migraine and headaches.',
        sameAs: ['https://jane.example.org/'],
      },
    });
  });

  it('leaves out what the expert does not have', () => {
    const m = model('https://example.org/', { 'al-bare': bare });
    const expert = m.experts[0];
    if (!expert) throw new Error('no expert');
    const entity = profilePage(expert, m.site).mainEntity as Record<string, unknown>;
    expect(entity).not.toHaveProperty('description');
    expect(entity).not.toHaveProperty('sameAs');
    expect(entity).not.toHaveProperty('honorificSuffix');
    expect(entity.address).toEqual({ '@type': 'PostalAddress', addressLocality: 'Leeds' });
  });

  it('uses absolute URLs under a base path', () => {
    const m = model('https://example.org/docs/', { 'jane-doe': full });
    const expert = m.experts[0];
    if (!expert) throw new Error('no expert');
    const ld = profilePage(expert, m.site);
    expect(ld.url).toBe('https://example.org/docs/experts/jane-doe/');
    expect((ld.mainEntity as Record<string, unknown>).url).toBe('https://example.org/docs/experts/jane-doe/');
  });
});
