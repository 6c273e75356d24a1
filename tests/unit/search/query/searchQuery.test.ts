import { describe, expect, it } from 'vitest';
import { synonymTable } from '../../../../src/search/query/concepts.js';
import type { VocabularyEntry } from '../../../../src/search/query/correct.js';
import { searchQuery, type Engine, type EngineResponse } from '../../../../src/search/query/searchQuery.js';
import { vocabularyKey } from '../../../../src/search/query/words.js';

/**
 * Pagefind's matching, as its search_term and exact_term do it in pagefind_web (1.6): every
 * word must be on a page; an unquoted word matches the indexed words it starts, or failing
 * those the longest indexed word that starts it; a quoted word only itself; a word nothing
 * matches is dropped. Scores: one per matching word on the page, more for the title.
 */
function engine(pages: Record<string, string>): Engine & { searches: string[] } {
  const words = new Map(Object.entries(pages).map(([id, text]) => [id, text.toLowerCase().split(/\W+/).filter(Boolean)]));
  const all = new Set([...words.values()].flat());
  const searches: string[] = [];
  const matches = (term: string, exact: boolean): Set<string> | null => {
    let forms = exact ? [...all].filter((w) => w === term) : [...all].filter((w) => w.startsWith(term));
    if (forms.length === 0 && !exact) {
      const prefix = [...all].filter((w) => term.startsWith(w)).sort((a, b) => b.length - a.length)[0];
      forms = prefix ? [prefix] : [];
    }
    if (forms.length === 0) return null;
    return new Set([...words].filter(([, list]) => list.some((w) => forms.includes(w))).map(([id]) => id));
  };
  return {
    searches,
    async search(term) {
      searches.push(term ?? '');
      if (term === null) return { results: [...words.keys()].map((id) => ({ id, score: 1, data: async () => id })) };
      const exact = term.startsWith('"');
      const sets = term.replace(/"/g, '').split(' ').map((w) => matches(w, exact)).filter((s): s is Set<string> => s !== null);
      if (sets.length === 0) return { results: [] };
      const ids = [...words.keys()].filter((id) => sets.every((set) => set.has(id)));
      const response: EngineResponse = {
        results: ids.map((id) => ({ id, score: (words.get(id) ?? []).filter((w) => term.includes(w)).length + (id.startsWith('t-') ? 1 : 0), data: async () => id })),
        filters: { count: { n: ids.length } },
      };
      response.results.sort((a, b) => b.score - a.score);
      return response;
    },
  };
}

const pages = {
  'rhinoplasty-swelling': 'rhinoplasty swelling weeks tip nose surgery',
  'lip-filler-lumps': 'lip filler lumps massage weeks',
  'tear-trough-blue': 'tear trough filler blue tyndall effect',
  'botox-forehead': 'botox forehead lines months',
  'initials': 'dr lorrie b klein restylane',
};

function vocabulary(): (key: string) => Promise<readonly VocabularyEntry[]> {
  const counts = new Map<string, number>();
  for (const text of Object.values(pages)) for (const word of new Set(text.split(' '))) if (word.length >= 3) counts.set(word, (counts.get(word) ?? 0) + 1);
  const loaded: string[] = [];
  const load = async (key: string) => {
    loaded.push(key);
    return [...counts].filter(([word]) => vocabularyKey(word) === key);
  };
  return Object.assign(load, { loaded });
}

const options = (extra = {}) => ({ language: 'en', synonyms: synonymTable([['rhinoplasty', 'nose job'], ['swelling', 'swollen']]), filters: {}, vocabulary: vocabulary(), ...extra });
const ids = async (text: string, extra = {}) => (await searchQuery(engine(pages), text, options(extra)))?.results.map((r) => r.result.id);

describe('searchQuery', () => {
  it('finds a natural question whose every word no page holds', async () => {
    const outcome = await searchQuery(engine(pages), 'how long until the swelling goes down after a nose job', options());
    expect(outcome?.results[0]?.result.id).toBe('rhinoplasty-swelling');
    expect(outcome?.results[0]?.missing).toEqual([]);
    expect(outcome?.unknown).toEqual(['long', 'goes']);
  });

  it('corrects a typo to the nearest word of the vocabulary and says so', async () => {
    const outcome = await searchQuery(engine(pages), 'rhinoplsty tip', options());
    expect(outcome?.corrections).toEqual([{ from: 'rhinoplsty', to: 'rhinoplasty' }]);
    expect(outcome?.searched).toBe('rhinoplasty tip');
    expect(outcome?.results.map((r) => r.result.id)).toEqual(['rhinoplasty-swelling']);
  });

  it('never lets an unknown word match an initial it starts with', async () => {
    const outcome = await searchQuery(engine(pages), 'bxqzvw', options());
    expect(outcome?.results).toEqual([]);
    expect(outcome?.unknown).toEqual(['bxqzvw']);
  });

  it('loads no vocabulary when the index holds every word', async () => {
    const load = vocabulary() as ((key: string) => Promise<readonly VocabularyEntry[]>) & { loaded: string[] };
    await searchQuery(engine(pages), 'lip filler', options({ vocabulary: load }));
    expect(load.loaded).toEqual([]);
  });

  it('searches a word still being typed as a prefix', async () => {
    expect(await ids('rhino')).toEqual(['rhinoplasty-swelling']);
  });

  it('applies synonyms to a word the index lacks', async () => {
    expect(await ids('swollen nose')).toEqual(['rhinoplasty-swelling']);
  });

  it('puts pages with every concept first, then those with most of them, each with what it lacks', async () => {
    const outcome = await searchQuery(engine(pages), 'filler weeks blue', options());
    expect(outcome?.results.map((r) => [r.result.id, r.missing])).toEqual([
      ['lip-filler-lumps', ['blue']],
      ['tear-trough-blue', ['weeks']],
    ]);
  });

  it('shows only the pages with every concept when there are a handful', async () => {
    const outcome = await searchQuery(engine(pages), 'filler weeks', options({ handful: 1 }));
    expect(outcome?.results.map((r) => r.result.id)).toEqual(['lip-filler-lumps']);
  });

  it('searches the words as typed when asked to', async () => {
    const outcome = await searchQuery(engine(pages), 'rhinoplsty', options({ verbatim: true }));
    expect(outcome?.corrections).toEqual([]);
    expect(outcome?.results).toEqual([]);
  });

  it('keeps Pagefind’s own order for pages holding every word', async () => {
    const search = engine(pages);
    const outcome = await searchQuery(search, 'filler weeks', options());
    expect(outcome?.results[0]?.result.id).toBe('lip-filler-lumps');
    expect(outcome?.results[0]?.missing).toEqual([]);
    expect(search.searches).toContain('filler weeks');
  });

  it('lists every page for filters alone', async () => {
    expect(await ids('')).toHaveLength(Object.keys(pages).length);
  });
});
