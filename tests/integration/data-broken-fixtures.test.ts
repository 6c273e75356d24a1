/**
 * The real CLI (`bin/answerpress.js`, running the compiled `dist/`) against the good fixture and
 * against broken copies of it. Each broken case is `tests/fixtures/good` with the overlay
 * `tests/fixtures/broken/<case>/` copied over it; the expectations live in the table below.
 */
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type Run } from '../helpers/processes.js';
import { cleanup, fixturesDir, repoRoot, tempDir } from '../helpers/site.js';

const good = join(fixturesDir, 'good');
const broken = join(fixturesDir, 'broken');
const SENTINEL = 'previous good build';
const USAGE_HINT = '\n\nRun answerpress --help for usage.\n';

/** Every file and folder under `dir` (except `skip`), with file contents, for byte-for-byte comparison. */
async function snapshot(dir: string, skip: readonly string[] = []): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    const path = relative(dir, join(entry.parentPath, entry.name));
    if (skip.some((s) => path === s || path.startsWith(`${s}/`))) continue;
    result[path] = entry.isDirectory() ? '<dir>' : (await readFile(join(dir, path))).toString('base64');
  }
  return result;
}

const roots: string[] = [];

/** A temp folder holding `data/` (good + overlays, minus `remove`) and an `out/` with a previous build. */
async function site(overlays: readonly string[] = [], remove: readonly string[] = []): Promise<string> {
  const root = await tempDir('answerpress-cli-');
  roots.push(root);
  const data = join(root, 'data');
  await cp(good, data, { recursive: true });
  for (const overlay of overlays) await cp(join(broken, overlay), data, { recursive: true });
  for (const file of remove) await rm(join(data, file), { recursive: true });
  // The live site's question pages: one that the data no longer has, and three that it has.
  for (const slug of ['old', 'can-i-compost-citrus-peel', 'how-often-water-succulents', 'when-to-prune-roses']) {
    await mkdir(join(root, 'out', 'questions', slug), { recursive: true });
    await writeFile(join(root, 'out', 'questions', slug, 'index.html'), `${SENTINEL}, a question page`);
  }
  await writeFile(join(root, 'out', 'index.html'), SENTINEL);
  return root;
}

interface Expected {
  file: string;
  line: number;
  /** Omitted where the column is not part of the contract for this mistake. */
  col?: number;
  message: string;
}

interface Case {
  name: string;
  /** Folders under tests/fixtures/broken/ copied over the good data. Default: [name]. */
  overlays?: string[];
  /** Files deleted from the data after copying (an overlay cannot delete). */
  remove?: string[];
  /** The offending word, which the report must name. */
  word: string;
  issues: Expected[];
}

const cases: Case[] = [
  {
    name: 'synonym-group-of-one',
    word: 'synonyms.yaml',
    issues: [
      {
        file: 'synonyms.yaml',
        line: 2,
        col: 3,
        message: '[1] is a group of fewer than two terms: list at least two that mean the same, e.g. [rhinoplasty, nose job]',
      },
    ],
  },
  {
    name: 'bad-indentation',
    word: 'indentation',
    issues: [
      {
        file: 'questions/when-to-prune-roses.yaml',
        line: 6,
        col: 2,
        message: 'YAML syntax error: bad indentation of a mapping entry in "answers: []": check the indentation and quoting on this line',
      },
    ],
  },
  {
    name: 'unknown-expert',
    word: 'bram-oduyo',
    issues: [
      {
        file: 'questions/why-are-tomato-leaves-yellow.yaml',
        line: 15,
        col: 13,
        message: 'unknown expert "bram-oduyo" in answers[1].author: did you mean "bram-oduya"? there is no file experts/bram-oduyo.yaml',
      },
    ],
  },
  {
    name: 'missing-title',
    word: 'title',
    issues: [{ file: 'questions/can-i-compost-citrus-peel.yaml', line: 1, col: 1, message: 'missing required field "title": add it' }],
  },
  {
    name: 'impossible-date',
    word: '2024-02-30',
    issues: [
      {
        file: 'questions/how-often-water-succulents.yaml',
        line: 2,
        col: 8,
        message: 'asked is not a real calendar date: check the month (01-12) and the day (found "2024-02-30")',
      },
    ],
  },
  {
    name: 'unknown-topic',
    word: 'herbs',
    issues: [
      {
        file: 'questions/can-i-compost-citrus-peel.yaml',
        line: 3,
        col: 16,
        message: 'unknown topic "herbs" in topics[1]: topics must be ids defined in topics.yaml',
      },
    ],
  },
  {
    // One misspelling of a required field is two facts: the unknown key and the missing field.
    name: 'misspelled-field',
    word: 'speciality',
    issues: [
      { file: 'experts/bram-oduya.yaml', line: 1, col: 1, message: 'missing required field "specialty": add it' },
      { file: 'experts/bram-oduya.yaml', line: 3, col: 1, message: 'unknown field "speciality": did you mean "specialty"?' },
    ],
  },
  {
    name: 'bad-file-name',
    word: 'Dr Smith.yaml',
    issues: [
      {
        file: 'experts/Dr Smith.yaml',
        line: 1,
        col: 1,
        message: 'file name "Dr Smith.yaml" is not a valid expert id: use lowercase letters, digits and single hyphens, e.g. dr-smith.yaml',
      },
    ],
  },
  {
    name: 'rating-out-of-range',
    word: '7',
    issues: [{ file: 'experts/ada-fenwick.yaml', line: 9, col: 10, message: 'rating.value must be at most 5, not 7' }],
  },
  {
    // The first alias is `*a` at 5:8; the column is left open because the parser's mark points
    // one past the `*` (5:9).
    name: 'alias-bomb',
    word: 'aliases',
    issues: [
      {
        file: 'questions/can-i-compost-citrus-peel.yaml',
        line: 5,
        message: 'YAML aliases (*name) are not allowed in data files in "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]": write the value out in full',
      },
    ],
  },
  {
    name: 'not-utf8',
    word: 'UTF-8',
    issues: [{ file: 'topics.yaml', line: 2, col: 10, message: 'the file is not valid UTF-8: save it with UTF-8 encoding' }],
  },
  {
    name: 'duplicate-key',
    word: 'twice',
    issues: [
      {
        file: 'questions/when-to-prune-roses.yaml',
        line: 6,
        col: 1,
        message: 'YAML syntax error: a key appears twice in the same mapping in "asked: 2024-02-11": keep one',
      },
    ],
  },
  {
    name: 'empty-file',
    word: 'empty',
    issues: [{ file: 'questions/can-i-compost-citrus-peel.yaml', line: 1, col: 1, message: 'the file is empty: fill in the required fields' }],
  },
  {
    name: 'wrong-type',
    word: 'flowers',
    issues: [{ file: 'questions/when-to-prune-roses.yaml', line: 3, col: 9, message: 'topics must be a list, not text "flowers"' }],
  },
  {
    // js-yaml fails on the next line; the mistake is where the list opens.
    name: 'unclosed-bracket',
    word: '[',
    issues: [{ file: 'questions/when-to-prune-roses.yaml', line: 3, col: 9, message: 'YAML syntax error: the list opened by [ here is never closed: add ] where it ends' }],
  },
  {
    name: 'todo-left',
    word: 'TODO',
    issues: [{ file: 'questions/when-to-prune-roses.yaml', line: 5, col: 3, message: 'body still holds a TODO placeholder: write it' }],
  },
  {
    name: 'answer-before-question',
    word: '2024-06-01',
    issues: [
      {
        file: 'questions/why-are-tomato-leaves-yellow.yaml',
        line: 16,
        col: 11,
        message: 'answers[1].date 2024-06-01 is before the question was asked (2024-06-03): correct one of the two dates',
      },
    ],
  },
  {
    name: 'missing-questions-folder',
    overlays: [],
    remove: ['questions'],
    word: 'questions/',
    issues: [
      {
        file: 'questions/',
        line: 1,
        col: 1,
        message: 'missing folder questions/: create it with one file per question (answerpress new question "Title?" --topic ID); without it the site would have no questions',
      },
    ],
  },
  {
    name: 'missing-site-file',
    overlays: [],
    remove: ['site.yaml'],
    word: 'site.yaml',
    issues: [{ file: 'site.yaml', line: 1, col: 1, message: 'missing file site.yaml: create it (see the data contract in the README)' }],
  },
  {
    name: 'low-contrast-accent',
    word: '#7fb3ff',
    issues: [
      {
        file: 'site.yaml',
        line: 7,
        col: 12,
        message:
          'theme.accent has a contrast of 2.00:1 against the light page (#ffffff and #f6f7f9), below the 4.5:1 WCAG 2.2 AA needs for links and buttons: use #0066fa, the nearest shade that reaches it (found "#7fb3ff")',
      },
    ],
  },
  {
    name: 'oversized-photo',
    word: '8001 x 12',
    issues: [
      {
        file: 'experts/ada-fenwick.yaml',
        line: 14,
        col: 8,
        message: 'photo "photos/ada-fenwick.png" is 8001 x 12 pixels, more than the 8000 pixels a side allowed: save a smaller version',
      },
    ],
  },
  {
    name: 'unknown-label',
    word: 'disclaimerHeadin',
    issues: [{ file: 'site.yaml', line: 7, col: 3, message: 'unknown field "disclaimerHeadin" in labels: did you mean "disclaimerHeading"?' }],
  },
  {
    name: 'missing-site-file',
    overlays: [],
    remove: ['site.yaml'],
    word: 'site.yaml',
    issues: [{ file: 'site.yaml', line: 1, col: 1, message: 'missing file site.yaml: create it (see the data contract in the README)' }],
  },
];

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The report line for one issue, as a pattern (the column may be left open). */
function issuePattern(issue: Expected): RegExp {
  const col = issue.col === undefined ? '\\d+' : String(issue.col);
  return new RegExp(`^${escape(`data/${issue.file}:${issue.line}:`)}${col}${escape(`: ${issue.message}`)}$`);
}

function summary(count: number): string {
  return `${count} error${count === 1 ? '' : 's'} in data: nothing was built or changed.`;
}

function expectReport(run: Run, c: Case): void {
  expect(run.code).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr.endsWith('\n')).toBe(true);
  const lines = run.stderr.slice(0, -1).split('\n');
  expect(lines).toHaveLength(c.issues.length + 1);
  c.issues.forEach((issue, i) => expect(lines[i]).toMatch(issuePattern(issue)));
  expect(lines[lines.length - 1]).toBe(summary(c.issues.length));
  expect(run.stderr).toContain(c.word);
}

afterAll(async () => {
  await cleanup(...roots);
});

describe('broken data: validate and build both fail, name the file and line, and leave the output alone', () => {
  it('has an overlay folder for every case in the table, and a case for every overlay folder', async () => {
    const folders = (await readdir(broken, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    const used = [...new Set(cases.flatMap((c) => c.overlays ?? [c.name]))].sort();
    expect(folders).toEqual(used);
  });

  it.concurrent.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const root = await site(c.overlays ?? [c.name], c.remove ?? []);
    const before = await snapshot(root, ['data']);
    expect(before['out/index.html']).toBe(Buffer.from(SENTINEL).toString('base64'));

    const [validate, build] = await Promise.all([
      runCli(['validate', '--data', 'data'], root),
      runCli(['build', '--data', 'data', '--out', 'out'], root),
    ]);

    expectReport(validate, c);
    expectReport(build, c);
    expect(build.stderr).toBe(validate.stderr);
    // The previous build is byte-for-byte as it was, and no staging folder is left beside it.
    expect(await snapshot(root, ['data'])).toEqual(before);
    expect((await readdir(root)).sort()).toEqual(['data', 'out']);
  });

  it.concurrent('reports mistakes in two files in one run, sorted by file', async () => {
    const root = await site(['unknown-topic', 'impossible-date']);
    const before = await snapshot(root, ['data']);
    const expected =
      [
        'data/questions/can-i-compost-citrus-peel.yaml:3:16: unknown topic "herbs" in topics[1]: topics must be ids defined in topics.yaml',
        'data/questions/how-often-water-succulents.yaml:2:8: asked is not a real calendar date: check the month (01-12) and the day (found "2024-02-30")',
        '2 errors in data: nothing was built or changed.',
      ].join('\n') + '\n';
    const [validate, build] = await Promise.all([
      runCli(['validate', '--data', 'data'], root),
      runCli(['build', '--data', 'data', '--out', 'out'], root),
    ]);
    expect(validate).toEqual({ code: 1, stdout: '', stderr: expected });
    expect(build).toEqual({ code: 1, stdout: '', stderr: expected });
    expect(await snapshot(root, ['data'])).toEqual(before);
    expect((await readdir(root)).sort()).toEqual(['data', 'out']);
  });

  it.concurrent('writes GitHub annotations with validate --format github', async () => {
    const root = await site(['unknown-topic', 'rating-out-of-range']);
    const run = await runCli(['validate', '--data', 'data', '--format', 'github'], root);
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr:
        [
          '::error file=data/experts/ada-fenwick.yaml,line=9,col=10,title=answerpress::rating.value must be at most 5, not 7',
          '::error file=data/questions/can-i-compost-citrus-peel.yaml,line=3,col=16,title=answerpress::unknown topic "herbs" in topics[1]: topics must be ids defined in topics.yaml',
          '2 errors in data: nothing was built or changed.',
        ].join('\n') + '\n',
    });
  });
});

describe('good data', () => {
  it.concurrent('validates with exit code 0', async () => {
    const root = await site();
    expect(await runCli(['validate', '--data', 'data'], root)).toEqual({
      code: 0,
      stdout: 'data is valid: 4 questions, 3 experts, 3 topics.\n',
      stderr: '',
    });
  });

  it.concurrent('builds, replacing the previous output and leaving no staging folder', async ({ expect }) => {
    const root = await site();
    const run = await runCli(['build', '--data', 'data', '--out', 'out'], root);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Built 4 questions, 3 experts into out in \d+\.\d\d s\.\n$/);
    // The build cache goes where tools keep theirs: node_modules/.cache under the working folder,
    // beside the compressed runtime kept for every site's build. The replaced output stays beside
    // the new one: the next build starts from its links.
    expect((await readdir(root)).sort()).toEqual(['.answerpress-mirror-out', 'data', 'node_modules', 'out']);
    expect(await readFile(join(root, '.answerpress-mirror-out', 'index.html'), 'utf8')).toContain(SENTINEL);
    expect((await readdir(join(root, 'node_modules', '.cache', 'answerpress'))).sort()).toEqual([expect.stringMatching(/^out-[0-9a-f]{10}$/), 'runtime']);

    const home = await readFile(join(root, 'out', 'index.html'), 'utf8');
    expect(home).not.toContain(SENTINEL);
    expect(home).toMatch(/^<!doctype html>/i);
    await expect(stat(join(root, 'out', 'questions', 'old'))).rejects.toThrow(/ENOENT/);
    expect(await readFile(join(root, '.answerpress-mirror-out', 'questions', 'old', 'index.html'), 'utf8')).toContain(SENTINEL);

    const questions: [string, string][] = [
      ['can-i-compost-citrus-peel', 'Can I put citrus peel in my compost heap?'],
      ['how-often-water-succulents', 'How often should I water succulents on a sunny windowsill?'],
      ['when-to-prune-roses', 'When should I prune climbing roses?'],
      ['why-are-tomato-leaves-yellow', 'Why are the lower leaves on my tomato plants turning yellow?'],
    ];
    for (const [slug, title] of questions) {
      const page = await readFile(join(root, 'out', 'questions', slug, 'index.html'), 'utf8');
      expect(page, slug).toContain(title);
    }
    for (const id of ['ada-fenwick', 'bram-oduya', 'cleo-tamsin']) {
      expect((await stat(join(root, 'out', 'experts', id, 'index.html'))).isFile(), id).toBe(true);
    }
  });
});

describe('usage', () => {
  let root: string;
  beforeAll(async () => {
    root = await site();
  });

  // More usage mistakes are covered in-process by tests/unit/cli/main.test.ts; each child process here costs a second.
  it.concurrent.each<[string, string[], string]>([
    ['an unknown command', ['frob'], `unknown command "frob"${USAGE_HINT}`],
    ['a missing data folder (validate)', ['validate', '--data', 'missing'], `data folder not found: missing (pass --data DIR)${USAGE_HINT}`],
  ])('exits 2 for %s', async (_name, args, stderr) => {
    expect(await runCli(args, root)).toEqual({ code: 2, stdout: '', stderr });
  });

  it.concurrent('exits 2 for an unknown flag, naming it', async () => {
    const run = await runCli(['validate', '--nope'], root);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.startsWith("Unknown option '--nope'")).toBe(true);
    expect(run.stderr.endsWith(USAGE_HINT)).toBe(true);
  });

  it.concurrent('exits 2 for a missing data folder on build, and leaves the output alone', async () => {
    const before = await snapshot(root, ['data']);
    const run = await runCli(['build', '--data', 'missing', '--out', 'out'], root);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `data folder not found: ${join(root, 'missing')} (pass --data DIR)${USAGE_HINT}`,
    });
    expect(await snapshot(root, ['data'])).toEqual(before);
  });

  it.concurrent('--help prints the help and exits 0', async () => {
    const run = await runCli(['--help'], root);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.startsWith('answerpress: expert questions and answers in YAML, published as a static site\n')).toBe(true);
    expect(run.stdout).toContain('  answerpress validate [--data DIR] [--format text|github]\n');
    expect(run.stdout).toContain('Exit codes: 0 ok, 1 errors in the data or the build, 2 wrong usage.\n');
  });

  it.concurrent('--version prints the version from package.json', async () => {
    const pkg = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(await runCli(['--version'], root)).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });
});
