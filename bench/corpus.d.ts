export interface Corpus {
  site: { title: string; url: string; language: string; description: string; disclaimer: string };
  topics: { id: string; name: string; description: string }[];
  experts: unknown[];
  questions: { slug: string; title: string; asked: string; topics: string[]; body: string; answers: unknown[] }[];
}
export function random(seed: number): () => number;
export function generateCorpus(options: { questions: number; seed?: number; experts?: number; topics?: number }): Corpus;
export function writeAnswerpressData(corpus: Corpus, dir: string): Promise<void>;
export function commonWord(seed?: number): string;
