import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { init, newAnswer, newExpert, newQuestion, slugify, workflow } from '../../../src/cli/scaffold.js';
import { loadData } from '../../../src/data/load.js';
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

  it('writes a question, an answer and an expert that validate as written', async () => {
    const question = await newQuestion(data, 'Is "sun allergy" real?', ['skin', 'headaches'], '2025-08-01');
    expect(question).toBe(join(data, 'questions', 'is-sun-allergy-real.yaml'));
    await newExpert(data, 'ivy-new');
    await newAnswer(data, 'is-sun-allergy-real', 'ivy-new', '2025-08-02');
    await newAnswer(data, 'is-sun-allergy-real', 'ada-okonkwo', '2025-08-03');
    const loaded = await loadData(data);
    const written = loaded.questions.find((q) => q.id === 'is-sun-allergy-real');
    expect(written?.data.title).toBe('Is "sun allergy" real?');
    expect(written?.data.answers?.map((a) => a.author)).toEqual(['ivy-new', 'ada-okonkwo']);
    expect(await readFile(question, 'utf8')).toContain('TODO');
  });

  it('adds an answer last even when other fields follow the answers list', async () => {
    const file = join(data, 'questions', 'reordered.yaml');
    await writeFile(file, 'title: T\nasked: 2025-01-01\nanswers:\n  - author: ada-okonkwo\n    date: 2025-01-02\n    body: First.\ntopics: [skin]\nbody: B\n');
    await newAnswer(data, 'reordered', 'carmen-soto', '2025-01-03');
    const value = load(await readFile(file, 'utf8')) as { topics: string[]; answers: { author: string }[] };
    expect(value.topics).toEqual(['skin']);
    expect(value.answers.map((a) => a.author)).toEqual(['ada-okonkwo', 'carmen-soto']);
    await expect(loadData(data)).resolves.toBeDefined();
  });

  it('refuses to overwrite a file, and names a missing question', async () => {
    await expect(newExpert(data, 'ada-okonkwo')).rejects.toThrow(UsageError);
    await expect(newAnswer(data, 'no-such-question', 'ada-okonkwo')).rejects.toThrow('no question no-such-question');
    await expect(newQuestion(data, 'Valid title', [])).rejects.toThrow('at least one topic');
  });
});

describe('answerpress init', () => {
  it('writes a workflow that validates pull requests with annotations and deploys main to Pages', async () => {
    const root = await tempDir();
    try {
      const path = await init(root, 'content/data', 'content/layouts');
      const parsed = load(await readFile(path, 'utf8')) as {
        on: { pull_request: { paths: string[] }; push: { branches: string[] } };
        jobs: { validate: { steps: { run?: string }[] }; deploy: { if: string; steps: { run?: string; uses?: string; with?: Record<string, string> }[] } };
      };
      expect(parsed.on.pull_request.paths).toContain('content/data/**');
      expect(parsed.on.push.branches).toEqual(['main']);
      expect(parsed.jobs.validate.steps.map((s) => s.run)).toContain('npx answerpress validate --data content/data --format github');
      expect(parsed.jobs.deploy.steps.map((s) => s.run)).toContain('npx answerpress build --data content/data --layouts content/layouts --out _site --cache .answerpress-cache');
      expect(parsed.jobs.deploy.steps.map((s) => s.uses)).toContain('actions/deploy-pages@v4');
      // The last output and the build cache are kept between runs, restored before the build.
      const steps = parsed.jobs.deploy.steps;
      const cache = steps.findIndex((s) => s.uses === 'actions/cache@v4');
      expect(cache).toBeGreaterThan(-1);
      expect(cache).toBeLessThan(steps.findIndex((s) => s.run?.startsWith('npx answerpress build')));
      expect(steps[cache]?.with?.path?.split('\n').filter(Boolean)).toEqual(['_site', '.answerpress-mirror-_site', '.answerpress-cache']);
      expect(steps[cache]?.with?.key).toBe('answerpress-${{ github.sha }}');
      await expect(init(root, 'data', undefined)).rejects.toThrow('already exists');
    } finally {
      await cleanup(root);
    }
    expect(workflow('data', undefined)).not.toContain('--layouts');
  });
});
