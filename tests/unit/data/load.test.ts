import { readFileSync, statSync } from 'node:fs';
import { cp, mkdir, readFile, rename, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadData } from '../../../src/data/load.js';
import { DataError } from '../../../src/errors/DataError.js';
import { UsageError } from '../../../src/errors/UsageError.js';
import { cleanup, copyData, fixturesDir, tempDir } from '../../helpers/site.js';
import { issuesOf } from '../../helpers/dataIssues.js';

const good = join(fixturesDir, 'good');

describe('loadData on the good fixture', () => {
  it('returns the site, the topics, and the experts and questions sorted by id', async () => {
    const data = await loadData(good);
    expect(data.site.file).toBe('site.yaml');
    expect(data.site.id).toBe('site');
    expect(data.site.data).toMatchObject({ title: 'Ask the Gardeners', url: 'https://example.org/' });
    expect(data.topics.file).toBe('topics.yaml');
    expect(Object.keys(data.topics.data)).toEqual(['vegetables', 'flowers', 'soil']);
    expect(data.experts.map((e) => [e.id, e.file])).toEqual([
      ['ada-fenwick', 'experts/ada-fenwick.yaml'],
      ['bram-oduya', 'experts/bram-oduya.yaml'],
      ['cleo-tamsin', 'experts/cleo-tamsin.yaml'],
    ]);
    expect(data.questions.map((q) => [q.id, q.file])).toEqual([
      ['can-i-compost-citrus-peel', 'questions/can-i-compost-citrus-peel.yaml'],
      ['how-often-water-succulents', 'questions/how-often-water-succulents.yaml'],
      ['when-to-prune-roses', 'questions/when-to-prune-roses.yaml'],
      ['why-are-tomato-leaves-yellow', 'questions/why-are-tomato-leaves-yellow.yaml'],
    ]);
  });

  it('keeps the data as written: optional fields absent, answers in file order, dates as strings', async () => {
    const data = await loadData(good);
    const byId = new Map(data.questions.map((q) => [q.id, q.data]));
    expect(byId.get('can-i-compost-citrus-peel')).not.toHaveProperty('answers');
    expect(byId.get('when-to-prune-roses')?.answers).toEqual([]);
    expect(byId.get('why-are-tomato-leaves-yellow')?.answers?.map((a) => a.author)).toEqual(['ada-fenwick', 'bram-oduya', 'cleo-tamsin']);
    expect(byId.get('why-are-tomato-leaves-yellow')?.asked).toBe('2024-06-03');
    const untitled = byId.get('how-often-water-succulents')?.answers?.[0];
    expect(untitled?.author).toBe('cleo-tamsin');
    expect(untitled).not.toHaveProperty('title');
    const experts = new Map(data.experts.map((e) => [e.id, e.data]));
    expect(experts.get('bram-oduya')).not.toHaveProperty('rating');
    expect(experts.get('cleo-tamsin')).not.toHaveProperty('credentials');
    expect(experts.get('ada-fenwick')?.rating).toEqual({ value: 4.8, count: 41 });
  });
});

describe('loadData on broken data', () => {
  let root: string;
  let data: string;

  beforeEach(async () => {
    root = await tempDir('answerpress-load-');
    data = await copyData(good, root);
  });

  afterEach(async () => {
    await cleanup(root);
  });

  it('reports every mistake in every file in one error, sorted by file and line', async () => {
    await writeFile(join(data, 'site.yaml'), 'title: Ask the Gardeners\nurl: example.org\nlangauge: en\n');
    await writeFile(
      join(data, 'experts/bram-oduya.yaml'),
      'name: Bram Oduya\nspecialty: Soil Science\nlocation:\n  city: Utrecht\nrating:\n  value: 7\n  count: 2\n',
    );
    await writeFile(
      join(data, 'questions/when-to-prune-roses.yaml'),
      'title: When?\nasked: 2024-13-45\ntopics: [flowers, herbs]\nbody: Now?\nanswers:\n  - author: cleo-tamsin\n    date: 2024-02-11\n    body: Late winter.\n  - author: bram-oduyo\n    date: 2024-02-12\n    body: Agreed.\n',
    );
    await writeFile(join(data, 'questions/can-i-compost-citrus-peel.yaml'), 'title: x\n  asked: y\n');
    expect(await issuesOf(data)).toEqual([
      { file: 'experts/bram-oduya.yaml', line: 6, col: 10, message: 'rating.value must be at most 5, not 7' },
      { file: 'questions/can-i-compost-citrus-peel.yaml', line: 2, col: 8, message: 'YAML syntax error: bad indentation of a mapping entry in "asked: y": check the indentation and quoting on this line' },
      {
        file: 'questions/when-to-prune-roses.yaml',
        line: 2,
        col: 8,
        message: 'asked is not a real calendar date: check the month (01-12) and the day (found "2024-13-45")',
      },
      { file: 'questions/when-to-prune-roses.yaml', line: 3, col: 19, message: 'unknown topic "herbs" in topics[1]: topics must be ids defined in topics.yaml' },
      {
        file: 'questions/when-to-prune-roses.yaml',
        line: 9,
        col: 13,
        message: 'unknown expert "bram-oduyo" in answers[1].author: did you mean "bram-oduya"? there is no file experts/bram-oduyo.yaml',
      },
      { file: 'site.yaml', line: 2, col: 6, message: 'url must be an absolute http(s) URL such as https://example.org/ (found "example.org")' },
      { file: 'site.yaml', line: 3, col: 1, message: 'unknown field "langauge": did you mean "language"?' },
    ]);
  });

  it('puts the count and every issue in the error message', async () => {
    await writeFile(join(data, 'questions/can-i-compost-citrus-peel.yaml'), '');
    await writeFile(join(data, 'experts/cleo-tamsin.yaml'), 'name: Cleo Tamsin\nspecialty: Cut Flowers\nlocation:\n  city: Hobart\nwebsite: hobart\n');
    const error: unknown = await loadData(data).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).message).toBe(
      '2 errors in the data:\n' +
        'experts/cleo-tamsin.yaml:5:10: website must be an absolute http(s) URL such as https://example.org/ (found "hobart")\n' +
        'questions/can-i-compost-citrus-peel.yaml:1:1: the file is empty: fill in the required fields',
    );
  });

  it('suggests site.yaml for an unknown top-level file sites.yaml', async () => {
    await cp(join(data, 'site.yaml'), join(data, 'sites.yaml'));
    const issues = await issuesOf(data);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'sites.yaml', line: 1, col: 1 });
    expect(issues[0]?.message).toMatch(/^"sites\.yaml" is not part of the data contract: did you mean "site\.yaml"\? \(data files are/);
    expect(issues[0]?.message).toContain('data files are site.yaml, topics.yaml, synonyms.yaml, experts/*.yaml and questions/*.yaml');
  });

  it('reports an unknown top-level file with no close match, and ignores files that are not YAML', async () => {
    await writeFile(join(data, 'authors.yml'), 'a: 1\n');
    await writeFile(join(data, 'README.md'), '# notes\n');
    await writeFile(join(data, 'questions/notes.txt'), 'todo\n');
    expect(await issuesOf(data)).toEqual([
      {
        file: 'authors.yml',
        line: 1,
        col: 1,
        message: '"authors.yml" is not part of the data contract (data files are site.yaml, topics.yaml, synonyms.yaml, experts/*.yaml and questions/*.yaml)',
      },
    ]);
  });

  it('suggests questions/ for an unknown folder question/, and ignores hidden folders', async () => {
    await mkdir(join(data, 'question'));
    await cp(join(data, 'questions/when-to-prune-roses.yaml'), join(data, 'question/when-to-prune-roses.yaml'));
    await mkdir(join(data, '.git'));
    await writeFile(join(data, '.git/config.yaml'), 'a: 1\n');
    expect(await issuesOf(data)).toEqual([
      {
        file: 'question/',
        line: 1,
        col: 1,
        message: 'folder "question" is not part of the data contract: did you mean "questions"? (only experts/ and questions/ hold data files; other folders may hold images only)',
      },
    ]);
  });

  it('reports a question defined twice, as foo.yaml and foo.yml', async () => {
    await cp(join(data, 'questions/when-to-prune-roses.yaml'), join(data, 'questions/when-to-prune-roses.yml'));
    expect(await issuesOf(data)).toEqual([
      {
        file: 'questions/when-to-prune-roses.yml',
        line: 1,
        col: 1,
        message: 'both questions/when-to-prune-roses.yaml and questions/when-to-prune-roses.yml define "when-to-prune-roses": keep one',
      },
    ]);
  });

  it('reports topics.yaml and topics.yml both present', async () => {
    await cp(join(data, 'topics.yaml'), join(data, 'topics.yml'));
    expect(await issuesOf(data)).toEqual([
      { file: 'topics.yml', line: 1, col: 1, message: 'both topics.yaml and topics.yml exist: keep one' },
    ]);
  });

  it('accepts the .yml extension', async () => {
    await rm(join(data, 'site.yaml'));
    await cp(join(fixturesDir, 'good/site.yaml'), join(data, 'site.yml'));
    await rm(join(data, 'experts/cleo-tamsin.yaml'));
    await cp(join(fixturesDir, 'good/experts/cleo-tamsin.yaml'), join(data, 'experts/cleo-tamsin.yml'));
    const loaded = await loadData(data);
    expect(loaded.site.file).toBe('site.yml');
    expect(loaded.experts.map((e) => e.file)).toEqual(['experts/ada-fenwick.yaml', 'experts/bram-oduya.yaml', 'experts/cleo-tamsin.yml']);
  });

  it.each([
    ['experts/Dr Smith.yaml', 'file name "Dr Smith.yaml" is not a valid expert id: use lowercase letters, digits and single hyphens, e.g. dr-smith.yaml'],
    ['experts/ada_fenwick2.yml', 'file name "ada_fenwick2.yml" is not a valid expert id: use lowercase letters, digits and single hyphens, e.g. ada-fenwick2.yml'],
    ['questions/Why--Yellow.yaml', 'file name "Why--Yellow.yaml" is not a valid slug: use lowercase letters, digits and single hyphens, e.g. why-yellow.yaml'],
    ['questions/___.yaml', 'file name "___.yaml" is not a valid slug: use lowercase letters, digits and single hyphens'],
  ])('reports the bad file name %j with a fix', async (file, message) => {
    const source = file.startsWith('experts/') ? 'experts/bram-oduya.yaml' : 'questions/can-i-compost-citrus-peel.yaml';
    await cp(join(data, source), join(data, file));
    expect(await issuesOf(data)).toEqual([{ file, line: 1, col: 1, message }]);
  });

  it.each(['site.yaml', 'topics.yaml'])('reports a missing %s', async (file) => {
    await rm(join(data, file));
    const issues = await issuesOf(data);
    expect(issues).toContainEqual({ file, line: 1, col: 1, message: `missing file ${file}: create it (see the data contract in the README)` });
  });

  it('reports a missing experts/ or questions/ folder rather than load a site without them', async () => {
    await rm(join(data, 'experts'), { recursive: true });
    await rm(join(data, 'questions'), { recursive: true });
    expect(await issuesOf(data)).toEqual([
      { file: 'experts/', line: 1, col: 1, message: 'missing folder experts/: create it with one file per expert (answerpress new expert ID); without it the site would have no experts' },
      {
        file: 'questions/',
        line: 1,
        col: 1,
        message: 'missing folder questions/: create it with one file per question (answerpress new question "Title?" --topic ID); without it the site would have no questions',
      },
    ]);
  });

  it('loads an empty questions/ folder', async () => {
    await rm(join(data, 'questions'), { recursive: true });
    await mkdir(join(data, 'questions'));
    expect((await loadData(data)).questions).toEqual([]);
  });

  it('reports a file that is not UTF-8', async () => {
    await writeFile(join(data, 'topics.yaml'), Buffer.from('soil:\n  name: L\xe9gumes\n', 'latin1'));
    expect(await issuesOf(data)).toEqual([
      { file: 'topics.yaml', line: 2, col: 10, message: 'the file is not valid UTF-8: save it with UTF-8 encoding' },
    ]);
  });

  it('accepts a file that starts with a byte order mark and locates mistakes after it', async () => {
    await writeFile(join(data, 'experts/cleo-tamsin.yaml'), '\uFEFFname: Cleo Tamsin\nspecialty: Cut Flowers\nlocation:\n  city: Hobart\nrating:\n  value: 4.2\n  count: -9\n');
    expect(await issuesOf(data)).toEqual([
      { file: 'experts/cleo-tamsin.yaml', line: 7, col: 10, message: 'rating.count must be at least 0, not -9' },
    ]);
  });

  it('follows questions/ and experts/ when they are symbolic links to folders elsewhere', async () => {
    const elsewhere = join(root, 'elsewhere');
    await mkdir(elsewhere);
    await rename(join(data, 'questions'), join(elsewhere, 'questions'));
    await rename(join(data, 'experts'), join(elsewhere, 'experts'));
    await symlink(join(elsewhere, 'questions'), join(data, 'questions'));
    await symlink('../elsewhere/experts', join(data, 'experts'));
    const loaded = await loadData(data);
    const direct = await loadData(join(fixturesDir, 'good'));
    expect(loaded.questions.map((q) => q.id)).toEqual(direct.questions.map((q) => q.id));
    expect(loaded.questions.length).toBeGreaterThan(2);
    expect(loaded.experts.map((e) => e.id)).toEqual(direct.experts.map((e) => e.id));
  });

  it('follows a data file linked inside the data folder, and reports one linked outside it without reading it', async () => {
    await mkdir(join(data, 'drafts'));
    await rename(join(data, 'questions/when-to-prune-roses.yaml'), join(data, 'drafts/when-to-prune-roses.yaml'));
    await symlink('../drafts/when-to-prune-roses.yaml', join(data, 'questions/when-to-prune-roses.yaml'));
    const secret = join(root, 'secret.yaml');
    await writeFile(secret, 'title: [unclosed\n');
    await symlink(secret, join(data, 'questions/stolen.yaml'));
    await symlink(join(root, 'nothing.yaml'), join(data, 'experts/gone.yaml'));
    const issues = await issuesOf(data);
    // drafts/ is a folder outside the contract (reported as such); the question linked into it is read.
    expect(issues.map((issue) => `${issue.file}: ${issue.message}`)).toEqual([
      'drafts/: folder "drafts" is not part of the data contract (only experts/ and questions/ hold data files; other folders may hold images only)',
      'experts/gone.yaml: "experts/gone.yaml" is a symbolic link to nothing: remove it or point it at a file that exists',
      'questions/stolen.yaml: "questions/stolen.yaml" is a symbolic link to a file outside the data folder, which is not read: copy the file into the data folder instead',
    ]);
  });

  it('warns about files that look like data but are not read, and loads .yml files', async () => {
    await cp(join(data, 'questions/when-to-prune-roses.yaml'), join(data, 'questions/pruning-again.YAML'));
    await writeFile(join(data, 'questions/q.json'), '{}');
    await mkdir(join(data, 'questions/archive'));
    await cp(join(data, 'questions/when-to-prune-roses.yaml'), join(data, 'questions/archive/old.yaml'));
    await cp(join(data, 'questions/when-to-prune-roses.yaml'), join(data, 'questions/pruning-twice.yml'));
    await writeFile(join(data, 'questions/.DS_Store'), '');
    await writeFile(join(data, 'site.json'), '{}');
    const loaded = await loadData(data);
    expect(loaded.questions.map((q) => q.file)).toContain('questions/pruning-twice.yml');
    expect(loaded.warnings).toEqual([
      { file: 'site.json', line: 1, col: 1, message: '"site.json" is not read: data files are YAML: site.yaml, topics.yaml' },
      { file: 'questions/pruning-again.YAML', line: 1, col: 1, message: '"questions/pruning-again.YAML" is not read: rename it to end in .yaml (lowercase)' },
      { file: 'questions/q.json', line: 1, col: 1, message: '"questions/q.json" is not read: data files are YAML: questions/*.yaml' },
      { file: 'questions/archive/', line: 1, col: 1, message: 'folder "questions/archive/" is not read: questions are files directly in questions/, not in folders within it' },
    ]);
  });

  it('reports a TODO placeholder on its line, and an answer dated before its question', async () => {
    const file = join(data, 'questions/when-to-prune-roses.yaml');
    const asked = '2024-02-10';
    const changed = `title: When should I prune climbing roses?\nasked: ${asked}\ntopics: [flowers]\nbody: |\n  Some words first.\n  TODO: the rest\nanswers:\n  - author: ada-fenwick\n    date: 2000-01-01\n    body: Late winter.\n`;
    await writeFile(file, changed);
    const lines = changed.split('\n');
    const issues = await issuesOf(data);
    expect(issues).toEqual([
      { file: 'questions/when-to-prune-roses.yaml', line: lines.findIndex((l) => l.includes('TODO')) + 1, col: 3, message: 'body still holds a TODO placeholder: write it' },
      {
        file: 'questions/when-to-prune-roses.yaml',
        line: lines.findIndex((l) => l.includes('2000-01-01')) + 1,
        col: 11,
        message: `answers[0].date 2000-01-01 is before the question was asked (${asked}): correct one of the two dates`,
      },
    ]);
  });

  it('throws a UsageError when the data folder does not exist', async () => {
    const missing = join(root, 'no-such-folder');
    const error: unknown = await loadData(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe(`data folder not found: ${missing} (pass --data DIR)`);
  });
});

describe('loadData with files known from an earlier build', () => {
  let root: string;
  let data: string;

  beforeEach(async () => {
    root = await tempDir('answerpress-known-');
    data = await copyData(good, root);
  });

  afterEach(async () => {
    await cleanup(root);
  });

  it('stamps every file with its size, modification time in nanoseconds and inode', async () => {
    const { files } = await loadData(data);
    expect(files?.size).toBeGreaterThan(4);
    for (const [file, known] of files ?? []) {
      const info = statSync(join(data, file), { bigint: true });
      expect(known.stamp).toBe(`${info.size}:${info.mtimeNs}:${info.ino}`);
    }
  });

  it('reuses the parsed value of an unchanged file and parses a changed one again', async () => {
    const first = await loadData(data);
    const question = 'questions/how-often-water-succulents.yaml';
    const other = first.questions.find((q) => q.file !== question);
    const text = readFileSync(join(data, question), 'utf8');
    await writeFile(join(data, question), text.replace(/^title: .*$/m, 'title: "How often should succulents be watered?"'));
    const second = await loadData(data, { known: first.files });
    expect(second.questions.find((q) => q.file === other?.file)?.data).toBe(other?.data);
    expect(second.questions.find((q) => q.file === question)?.data.title).toBe('How often should succulents be watered?');
    expect(second.files?.get(question)?.hash).not.toBe(first.files?.get(question)?.hash);
  });
});

describe('loadData and memory', () => {
  let root: string;

  beforeEach(async () => {
    root = await tempDir('answerpress-strings-');
  });
  afterEach(async () => {
    await cleanup(root);
  });

  it('keeps no file\'s text alive through the strings of its value', async () => {
    const data = await copyData(good, root);
    // A question of about 8 MB of answers, parsed on this thread.
    const answer = `  - author: ada-fenwick\n    date: 2024-06-04\n    body: |\n${'      A long answer about watering, with many words in it.\n'.repeat(20000)}`;
    await writeFile(join(data, 'questions', 'a-very-long-question.yaml'), `title: How much water do tomatoes need in a hot summer?\nasked: 2024-06-03\ntopics: [vegetables]\nbody: In the heat of July, how often and how much?\nanswers:\n${answer.repeat(8)}`);
    const collect = await fullCollection();
    collect();
    const before = process.memoryUsage().heapUsed;
    const loaded = await loadData(data, { threads: 0 });
    // What a model keeps of a question: its title, not its answers.
    const title = loaded.questions.find((q) => q.id === 'a-very-long-question')?.data.title;
    loaded.questions.length = 0;
    loaded.files?.clear();
    collect();
    const held = process.memoryUsage().heapUsed - before;
    expect(title).toBe('How much water do tomatoes need in a hot summer?');
    expect(held).toBeLessThan(4 * 1024 ** 2);
  });
});

/** V8's gc(), without starting Node with --expose-gc. */
async function fullCollection(): Promise<() => void> {
  const { setFlagsFromString } = await import('node:v8');
  const { runInNewContext } = await import('node:vm');
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('loadData with worker threads', () => {
  let root: string;
  let data: string;

  beforeEach(async () => {
    root = await tempDir('answerpress-threads-');
    data = await copyData(good, root);
  });

  afterEach(async () => {
    await cleanup(root);
  });

  /** What a load gives, without the files' texts (read lazily for some, kept for others). */
  const contents = (loaded: Awaited<ReturnType<typeof loadData>>) => ({
    sourceHash: loaded.sourceHash,
    files: [...(loaded.files ?? [])],
    site: loaded.site,
    topics: loaded.topics,
    experts: loaded.experts,
    questions: loaded.questions,
  });

  it.each([1, 2, 3])('gives with %i worker threads what it gives on one thread', async (threads) => {
    expect(contents(await loadData(data, { threads }))).toEqual(contents(await loadData(data, { threads: 0 })));
  });

  it('reports every mistake of files checked in worker threads, located as on one thread', async () => {
    const questions = join(data, 'questions');
    await writeFile(join(questions, 'bad-yaml.yaml'), 'title: "unclosed\nasked: 2024-01-01\n');
    await writeFile(join(questions, 'bad-date.yaml'), 'title: "When?"\nasked: 2024-02-30\nbody: "Soon."\n');
    await writeFile(join(questions, 'bad-author.yaml'), 'title: "Who?"\nasked: 2024-01-02\nbody: "Anyone."\nanswers:\n  - author: ada-fenwik\n    date: 2024-01-03\n    body: "Me."\n');
    await writeFile(join(questions, 'not-utf8.yaml'), Buffer.from([0x74, 0x69, 0x74, 0x6c, 0x65, 0x3a, 0x20, 0xff, 0xfe, 0x0a]));
    const one = await issuesOf(data);
    const error: unknown = await loadData(data, { threads: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).issues).toEqual(one);
    expect(new Set(one.map((issue) => issue.file))).toEqual(new Set(['questions/bad-yaml.yaml', 'questions/bad-date.yaml', 'questions/bad-author.yaml', 'questions/not-utf8.yaml']));
  });

  it('keeps the earlier value of a file whose bytes are unchanged though its stamp changed', async () => {
    const first = await loadData(data, { threads: 0 });
    const later = new Date(Date.now() + 60_000);
    for (const question of first.questions) await utimes(join(data, question.file), later, later);
    const second = await loadData(data, { known: first.files, threads: 2 });
    for (const question of second.questions) expect(question.data).toBe(first.questions.find((q) => q.file === question.file)?.data);
    expect(second.files?.get(first.questions[0]?.file ?? '')?.stamp).not.toBe(first.files?.get(first.questions[0]?.file ?? '')?.stamp);
  });
});
