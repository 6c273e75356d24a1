/**
 * `main()` in-process: exit codes and what goes to stdout and stderr. The real binary is run as a
 * child process by tests/integration/data-broken-fixtures.test.ts.
 */
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { cleanup, copyData, fixturesDir, repoRoot, tempDir } from '../../helpers/site.js';

const USAGE_HINT = '\n\nRun answerpress --help for usage.';

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, (text) => out.push(text), (text) => err.push(text));
  return { code, out, err };
}

let root: string;
let data: string;

beforeAll(async () => {
  root = await tempDir('answerpress-main-');
  data = await copyData(join(fixturesDir, 'good'), root);
});

afterAll(async () => {
  await cleanup(root);
});

describe('main', () => {
  it.each<[string, string[], string]>([
    ['an unknown command', ['frob'], 'unknown command "frob"'],
    ['a misspelled command', ['biuld'], 'unknown command "biuld": did you mean "build"?'],
    ['a misspelled kind of record', ['new', 'qestion', 'T'], 'new makes a question, an answer or an expert, not "qestion": did you mean "question"?'],
    ['a second folder for init', ['init', 'a', 'b'], 'unexpected argument "b"'],
    ['an extra argument', ['validate', 'extra'], 'unexpected argument "extra"'],
    ['an unknown --format', ['validate', '--format', 'xml'], '--format must be text or github, not "xml"'],
    ['a port that is not a number', ['serve', '--port', 'eighty'], '--port must be a port number, not "eighty"'],
    ['a port out of range', ['serve', '--port', '70000'], '--port must be a port number, not "70000"'],
    ['a part beyond the count', ['build', '--shard', '3/3', '--out', 'part'], '--shard takes I/N, part I of N counted from 0 (0/4 to 3/4 for four machines), not "3/3"'],
    ['a part that is not I/N', ['build', '--shard', 'two', '--out', 'part'], '--shard takes I/N, part I of N counted from 0 (0/4 to 3/4 for four machines), not "two"'],
    ['a part with no folder of its own', ['build', '--shard', '0/2'], 'build --shard needs --out, a folder of its own for the part'],
    ['a merge of no parts', ['merge'], 'merge needs the folders of the parts: answerpress merge --out DIR PART...'],
  ])('returns 2 for %s, with the reason and a hint on stderr', async (_name, args, message) => {
    expect(await run(args)).toEqual({ code: 2, out: [], err: [`${message}${USAGE_HINT}`] });
  });

  it('says which command failed, and speaks of the previous output only for those that replace one', async () => {
    const file = join(root, 'not-a-folder');
    await writeFile(file, 'a file where the data folder should be');
    const made = await run(['new', 'expert', 'ada-lovelace', '--data', file]);
    expect(made.code).toBe(1);
    expect(made.err).toHaveLength(1);
    expect(made.err[0]).toMatch(/^answerpress new failed: /);
    expect(made.err[0]).not.toMatch(/Build failed|previous output/);
    const merged = await run(['merge', '--out', join(root, 'merged-nothing'), file]);
    expect(merged.code).toBe(1);
    expect(merged.err[0]).toMatch(/^Merge failed: [\s\S]*\nThe previous output was left as it was\.$/);
  });

  it('returns 2 for a missing data folder', async () => {
    const missing = join(root, 'missing');
    expect(await run(['validate', '--data', missing])).toEqual({
      code: 2,
      out: [],
      err: [`data folder not found: ${missing} (pass --data DIR)${USAGE_HINT}`],
    });
  });

  it.each([
    [['--nope'], "Unknown option '--nope'"],
    [['build', '--allow-shrnk'], 'Unknown option \'--allow-shrnk\': did you mean "--allow-shrink"?'],
    [['validate', '--fromat', 'github'], 'Unknown option \'--fromat\': did you mean "--format"?'],
    [['validate', '-x'], "Unknown option '-x'"],
    [['validate', '--data'], "Option '--data <value>' argument missing"],
  ])('returns 2 for the bad option in %j', async (args, start) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.out).toEqual([]);
    expect(result.err).toHaveLength(1);
    expect(result.err[0]?.startsWith(start)).toBe(true);
    expect(result.err[0]?.endsWith(USAGE_HINT)).toBe(true);
  });

  it('returns 2 and prints the help on stderr when no command is given', async () => {
    const result = await run([]);
    expect(result.code).toBe(2);
    expect(result.out).toEqual([]);
    expect(result.err[0]).toMatch(/^answerpress: expert questions and answers in YAML, published as a static site\n\nUsage:\n/);
  });

  it.each([[['--help']], [['-h']], [['validate', '--help']], [['frob', '-h']]])('prints the help on stdout for %j', async (args) => {
    const result = await run(args);
    expect(result.code).toBe(0);
    expect(result.err).toEqual([]);
    expect(result.out).toHaveLength(1);
    expect(result.out[0]).toContain('  answerpress validate [--data DIR] [--format text|github]\n');
    expect(result.out[0]?.endsWith('Exit codes: 0 ok, 1 errors in the data or the build, 2 wrong usage.')).toBe(true);
  });

  it.each([[['--version']], [['-v']], [['build', '--version']]])('prints the version for %j', async (args) => {
    const pkg = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(await run(args)).toEqual({ code: 0, out: [pkg.version], err: [] });
  });

  it('validates good data and says what it found', async () => {
    expect(await run(['validate', '--data', data])).toEqual({
      code: 0,
      out: [`${data} is valid: 4 questions, 3 experts, 3 topics.`],
      err: [],
    });
  });

  it('builds a site in two parts and merges them, saying what each step did', async () => {
    const parts = [join(root, 'part-0'), join(root, 'part-1')];
    for (const [index, part] of parts.entries()) {
      const built = await run(['build', '--data', data, '--shard', `${index}/2`, '--out', part]);
      expect(built.code, built.err.join('\n')).toBe(0);
      expect(built.out[0]).toMatch(new RegExp(`^Built part ${index}/2 into .*part-${index}: \\d+ of \\d+ pages, \\d+ of \\d+ search shards?, in [\\d.]+ s\\. Merge the parts with answerpress merge\\.$`));
    }
    const merged = await run(['merge', '--out', join(root, 'merged'), ...parts]);
    expect(merged.code, merged.err.join('\n')).toBe(0);
    expect(merged.out[0]).toMatch(/^Merged 2 parts into .*merged: 7 indexed pages in 1 search shards?, in [\d.]+ s\.$/);
    expect(await readFile(join(root, 'merged', 'index.html'), 'utf8')).toContain('<html');
  });

  it('counts in English: 1 question, 1 expert, 1 topic', async () => {
    const one = await copyData(join(fixturesDir, 'good'), join(root, 'one'));
    const data = await import('../../../src/data/load.js').then(({ loadData }) => loadData(one));
    const first = data.questions[0]?.file as string;
    for (const question of data.questions) if (question.file !== first) await rm(join(one, question.file));
    const used = new Set(data.questions[0]?.data.answers?.map((answer) => answer.author));
    for (const expert of data.experts) if (!used.has(expert.id) && used.size > 0) await rm(join(one, expert.file));
    await writeFile(join(one, 'topics.yaml'), `${data.questions[0]?.data.topics[0]}:\n  name: Only\n`);
    const result = await run(['validate', '--data', one]);
    expect(result.out[0]).toMatch(/is valid: 1 question, \d+ experts?, 1 topic\.$/);
  });

  it('reports files it does not read as warnings, in the format asked for, and still validates', async () => {
    const extra = await copyData(join(fixturesDir, 'good'), join(root, 'extra'));
    await writeFile(join(extra, 'questions', 'x.YAML'), 'title: T\n');
    const text = await run(['validate', '--data', extra]);
    expect(text.code).toBe(0);
    expect(text.out[0]).toBe(`${extra}/questions/x.YAML:1:1: warning: "questions/x.YAML" is not read: rename it to end in .yaml (lowercase)`);
    const github = await run(['validate', '--data', extra, '--format', 'github']);
    expect(github.out[0]).toBe(`::warning file=${extra}/questions/x.YAML,line=1,col=1,title=answerpress::"questions/x.YAML" is not read: rename it to end in .yaml (lowercase)`);
  });

  it('says "Build failed" only for a command that builds', async () => {
    const file = join(root, 'a-file');
    await writeFile(file, 'not a folder');
    const result = await run(['init', file]);
    expect(result.code).toBe(1);
    expect(result.err).toHaveLength(1);
    expect(result.err[0]).toMatch(/^answerpress init failed: EEXIST/);
    expect(result.err[0]).not.toContain('Build failed');
  });

  it('initialises a folder and says what it wrote and what to run next', async () => {
    const folder = join(root, 'new-site');
    const result = await run(['init', folder]);
    expect(result.code, result.err.join('\n')).toBe(0);
    const [summary] = result.out;
    expect(summary).toContain('Wrote package.json, .gitignore, data/site.yaml, data/topics.yaml, data/experts/sam-example.yaml, data/questions/how-do-i-add-a-question.yaml, .github/workflows/answerpress.yml, .vscode/settings.json.');
    expect(summary).toContain(`\nNext:\n  cd ${folder}\n  npm install `);
    expect(summary).toContain('npx answerpress serve');
    const again = await run(['init', folder]);
    expect(again.out[0]).toMatch(/^Kept package\.json, \.gitignore, data\/, \.github\/workflows\/answerpress\.yml, \.vscode\/settings\.json as they were \(--force replaces them\)\.\n/);
  });

  it('says a port is taken, and which option chooses another, before building', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = await run(['serve', '--data', data, '--out', join(root, 'never-built'), '--port', String(port)]);
      expect(result).toEqual({ code: 2, out: [], err: [`port ${port} on 127.0.0.1 is taken by another server: stop that one, or choose another port with --port ${port + 1}${USAGE_HINT}`] });
      await expect(readFile(join(root, 'never-built', 'index.html'))).rejects.toThrow();
    } finally {
      blocker.close();
    }
  });

  it('builds, and with --timings also says how long each phase took', async () => {
    const out = join(root, 'site');
    const result = await run(['build', '--data', data, '--out', out, '--cache', join(root, 'cache'), '--timings']);
    expect(result.code).toBe(0);
    expect(result.err).toEqual([]);
    expect(result.out[0]).toMatch(new RegExp(`^Built 4 questions, 3 experts into ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} in \\d+\\.\\d\\d s\\.$`));
    expect(result.out[1]).toMatch(/^Phases: load \d+\.\d\d s, model \d+\.\d\d s, render \d+\.\d\d s, index \d+\.\d\d s, offline \d+\.\d\d s, swap \d+\.\d\d s\.$/);
    expect(result.out).toHaveLength(2);
  });

  it('returns 1 for bad data and reports it in the format asked for', async () => {
    const bad = await copyData(join(fixturesDir, 'good'), join(root, 'bad'));
    await cp(join(fixturesDir, 'broken', 'rating-out-of-range'), bad, { recursive: true });
    const text = await run(['validate', '--data', bad]);
    expect(text).toEqual({
      code: 1,
      out: [],
      err: [`${bad}/experts/ada-fenwick.yaml:9:10: rating.value must be at most 5, not 7\n1 error in ${bad}: nothing was built or changed.`],
    });
    const github = await run(['validate', '--data', bad, '--format', 'github']);
    expect(github).toEqual({
      code: 1,
      out: [],
      err: [
        `::error file=${bad}/experts/ada-fenwick.yaml,line=9,col=10,title=answerpress::rating.value must be at most 5, not 7\n1 error in ${bad}: nothing was built or changed.`,
      ],
    });
  });
});
