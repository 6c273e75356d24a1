import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newAnswer, newExpert, newQuestion, slugify } from '../../../src/cli/scaffold.js';
import { loadData } from '../../../src/data/load.js';
import { DataError } from '../../../src/errors/DataError.js';
import { UsageError } from '../../../src/errors/UsageError.js';
import { cleanup, fixturesDir, tempDir } from '../../helpers/site.js';

describe('answerpress new', () => {
  let root: string;
  let data: string;
  beforeEach(async () => {
    root = await tempDir();
    data = join(root, 'data');
    await cp(join(fixturesDir, 'search'), data, { recursive: true });
  });
  afterEach(() => cleanup(root));

  it.each([
    ['How long does Botox last?', 'how-long-does-botox-last'],
    ['  Café au lait spots — normal?  ', 'cafe-au-lait-spots-normal'],
    ['C++ & "quotes"', 'c-quotes'],
  ])('makes the slug of %j', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it('writes a question, an answer and an expert whose every TODO validate reports, on its line, until it is written', async () => {
    const question = await newQuestion(data, 'Is "sun allergy" real?', ['skin', 'headaches'], '2025-08-01');
    expect(question).toBe(join(data, 'questions', 'is-sun-allergy-real.yaml'));
    await newExpert(data, 'ivy-new');
    await newAnswer(data, 'is-sun-allergy-real', 'ivy-new', '2025-08-02');
    await newAnswer(data, 'is-sun-allergy-real', 'ada-okonkwo', '2025-08-03');
    const error = await loadData(data).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    const issues = (error as DataError).issues;
    const lines = async (file: string) => (await readFile(join(data, file), 'utf8')).split('\n').flatMap((line, i) => (line.includes('TODO') ? [i + 1] : []));
    // Every TODO written is reported, at its own line, and nothing else is.
    expect(issues.map((issue) => `${issue.file}:${issue.line}`).sort()).toEqual(
      [...(await lines('experts/ivy-new.yaml')).map((n) => `experts/ivy-new.yaml:${n}`), ...(await lines('questions/is-sun-allergy-real.yaml')).map((n) => `questions/is-sun-allergy-real.yaml:${n}`)].sort(),
    );
    expect(issues.find((issue) => issue.file === 'questions/is-sun-allergy-real.yaml' && issue.line === 5)?.message).toBe('body still holds a TODO placeholder: write it');
    expect(issues.map((issue) => issue.message)).toContain('answers[0].title still holds a TODO placeholder: write it, or delete the field');

    // Filled in, the files validate as they are.
    for (const file of ['experts/ivy-new.yaml', 'questions/is-sun-allergy-real.yaml']) {
      const text = await readFile(join(data, file), 'utf8');
      await writeFile(join(data, file), text.replace(/TODO:[^"\n]*/g, 'Written'));
    }
    const loaded = await loadData(data);
    const written = loaded.questions.find((q) => q.id === 'is-sun-allergy-real');
    expect(written?.data.title).toBe('Is "sun allergy" real?');
    expect(written?.data.answers?.map((a) => a.author)).toEqual(['ivy-new', 'ada-okonkwo']);
  });

  it('refuses an unknown topic, naming the nearest and every topic there is, and writes nothing', async () => {
    await expect(newQuestion(data, 'A new question', ['skn', 'fillers'])).rejects.toThrow(
      'unknown topic "skn": did you mean "skin"? The topics in topics.yaml: headaches, skin\nunknown topic "fillers": nearest: skin, headaches. The topics in topics.yaml: headaches, skin\nAdd a new topic to topics.yaml first.',
    );
    await expect(readFile(join(data, 'questions', 'a-new-question.yaml'))).rejects.toThrow();
  });

  it('refuses an unknown author, naming the nearest and every expert there is, and leaves the question as it was', async () => {
    const file = join(data, 'questions', 'itchy-rash-after-hiking.yaml');
    const before = await readFile(file, 'utf8');
    const error = await newAnswer(data, 'itchy-rash-after-hiking', 'ada-okonkow').then(() => undefined, (e: unknown) => e as Error);
    expect(error).toBeInstanceOf(UsageError);
    expect(error?.message).toMatch(/^unknown expert "ada-okonkow": did you mean "ada-okonkwo"\? The experts in experts\/: ada-okonkwo, bram-vandenberg, carmen-soto, dmitri-volkov, elif-yilmaz, farid-haddad, greta-lindholm, hiro-tanabe\n/);
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('suggests the question meant by a misspelled slug', async () => {
    await expect(newAnswer(data, 'itchy-rash-after-hikng', 'ada-okonkwo')).rejects.toThrow('no question itchy-rash-after-hikng: there is no file questions/itchy-rash-after-hikng.yaml: did you mean "itchy-rash-after-hiking"?');
  });

  it('adds an answer last even when other fields follow the answers list', async () => {
    const file = join(data, 'questions', 'reordered.yaml');
    await writeFile(file, 'title: T\nasked: 2025-01-01\nanswers:\n  - author: ada-okonkwo\n    date: 2025-01-02\n    body: First.\ntopics: [skin]\nbody: B\n');
    await newAnswer(data, 'reordered', 'carmen-soto', '2025-01-03');
    const value = load(await readFile(file, 'utf8')) as { topics: string[]; answers: { author: string }[] };
    expect(value.topics).toEqual(['skin']);
    expect(value.answers.map((a) => a.author)).toEqual(['ada-okonkwo', 'carmen-soto']);
    const error = (await loadData(data).then(() => undefined, (e: unknown) => e)) as DataError;
    expect(error.issues.map((issue) => issue.message)).toEqual(['answers[1].title still holds a TODO placeholder: write it, or delete the field', 'answers[1].body still holds a TODO placeholder: write it']);
  });

  it('refuses to overwrite a file, and names a missing question', async () => {
    await expect(newExpert(data, 'ada-okonkwo')).rejects.toThrow(UsageError);
    await expect(newQuestion(data, 'Itchy rash after hiking', ['skin'])).rejects.toThrow('add an answer to it with answerpress new answer itchy-rash-after-hiking --author ID, or reword the title');
    await expect(newAnswer(data, 'no-such-question', 'ada-okonkwo')).rejects.toThrow('no question no-such-question');
    await expect(newQuestion(data, 'Valid title', [])).rejects.toThrow('at least one topic');
  });
});
