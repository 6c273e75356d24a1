import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { editorSchemas, init } from '../../../src/cli/init.js';
import { main } from '../../../src/cli/main.js';
import { workflow } from '../../../src/cli/workflow.js';
import { loadData } from '../../../src/data/load.js';
import { cleanup, repoRoot, tempDir } from '../../helpers/site.js';

type Workflow = {
  on: { pull_request: { paths: string[] }; push: { branches: string[]; paths: string[] } };
  jobs: { validate: { steps: { run?: string }[] }; deploy: { if: string; steps: { run?: string; uses?: string; with?: Record<string, string> }[] } };
};

describe('answerpress init', () => {
  let root: string;
  beforeEach(async () => {
    root = await tempDir('answerpress-init-');
  });
  afterEach(() => cleanup(root));

  it('makes, in an empty folder, a repository whose data validates as written', async () => {
    const site = join(root, 'my-answers');
    const report = await init({ root: site, dataDir: 'data', version: '1.2.3', date: '2026-01-05' });
    expect(report.written.sort()).toEqual(
      ['.github/workflows/answerpress.yml', '.gitignore', '.vscode/settings.json', 'data/experts/sam-example.yaml', 'data/questions/how-do-i-add-a-question.yaml', 'data/site.yaml', 'data/topics.yaml', 'package.json'].sort(),
    );
    expect(report).toMatchObject({ updated: [], kept: [], installed: false });
    const pkg = JSON.parse(await readFile(join(site, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({ name: 'my-answers', private: true, dependencies: { answerpress: '^1.2.3' }, scripts: { start: 'answerpress serve', build: 'answerpress build', validate: 'answerpress validate' } });
    expect((await readFile(join(site, '.gitignore'), 'utf8')).split('\n')).toEqual(expect.arrayContaining(['node_modules/', '_site/', '.answerpress-*']));
    const settings = JSON.parse(await readFile(join(site, '.vscode/settings.json'), 'utf8'));
    expect(settings['yaml.schemas']).toEqual(editorSchemas('data'));
    expect(settings['yaml.schemas']['./node_modules/answerpress/schema/question.schema.json']).toEqual(['data/questions/*.yaml', 'data/questions/*.yml']);
    // Every schema the package publishes is mapped to its files.
    const published = (await readdir(join(repoRoot, 'schema'))).map((name) => `./node_modules/answerpress/schema/${name}`);
    expect(Object.keys(settings['yaml.schemas']).sort()).toEqual(published.sort());
    const data = await loadData(join(site, 'data'));
    expect(data.warnings).toEqual([]);
    expect(data.questions.map((q) => q.id)).toEqual(['how-do-i-add-a-question']);
    expect(data.questions[0]?.data.answers?.[0]?.author).toBe('sam-example');
  });

  it('run again, replaces nothing and says what it kept; with force, writes the files again', async () => {
    await init({ root, dataDir: 'data', version: '1.0.0' });
    await writeFile(join(root, 'data/site.yaml'), 'title: Mine\nurl: https://mine.example/\n');
    const again = await init({ root, dataDir: 'data', version: '1.0.0' });
    expect(again.written).toEqual([]);
    expect(again.updated).toEqual([]);
    expect(again.kept.sort()).toEqual(['.github/workflows/answerpress.yml', '.gitignore', '.vscode/settings.json', 'data/', 'package.json'].sort());
    expect(await readFile(join(root, 'data/site.yaml'), 'utf8')).toBe('title: Mine\nurl: https://mine.example/\n');
    const forced = await init({ root, dataDir: 'data', version: '1.0.0', force: true });
    expect(forced.written).toContain('data/site.yaml');
    expect(await readFile(join(root, 'data/site.yaml'), 'utf8')).toContain('title: Ask an Expert');
  });

  it('adds answerpress and its scripts to an existing package.json, keeping what it holds and its indentation', async () => {
    await writeFile(join(root, 'package.json'), '{\n    "name": "mine",\n    "scripts": { "build": "make" },\n    "dependencies": { "left-pad": "1.0.0" }\n}\n');
    await writeFile(join(root, '.gitignore'), 'node_modules\n*.log');
    const report = await init({ root, dataDir: 'data', version: '2.0.0' });
    expect(report.updated.sort()).toEqual(['.gitignore', 'package.json']);
    const text = await readFile(join(root, 'package.json'), 'utf8');
    expect(text).toMatch(/^\{\n {4}"name"/);
    expect(JSON.parse(text)).toEqual({ name: 'mine', scripts: { build: 'make', start: 'answerpress serve', validate: 'answerpress validate' }, dependencies: { 'left-pad': '1.0.0', answerpress: '^2.0.0' } });
    expect(await readFile(join(root, '.gitignore'), 'utf8')).toBe('node_modules\n*.log\n# answerpress: the built site, the copy the next build starts from, the build cache\n_site/\n.answerpress-*\n');
  });

  it('keeps a package.json that already depends on answerpress (as npm i of the tarball leaves it)', async () => {
    const pkg = '{\n  "name": "x",\n  "dependencies": { "answerpress": "file:answerpress-0.1.0.tgz" },\n  "scripts": { "start": "a", "build": "b", "validate": "c" }\n}\n';
    await writeFile(join(root, 'package.json'), pkg);
    await mkdir(join(root, 'node_modules/answerpress'), { recursive: true });
    await writeFile(join(root, 'node_modules/answerpress/package.json'), '{}');
    const report = await init({ root, dataDir: 'data', version: '0.1.0' });
    expect(report.kept).toContain('package.json');
    expect(report.installed).toBe(true);
    expect(await readFile(join(root, 'package.json'), 'utf8')).toBe(pkg);
  });

  it('refuses a package.json that is not JSON, naming the fix', async () => {
    await writeFile(join(root, 'package.json'), '{ nope');
    await expect(init({ root, dataDir: 'data', version: '1.0.0' })).rejects.toThrow(/^package\.json is not valid JSON \(.*\): fix it, then run answerpress init again$/);
  });

  it('adds the schemas to editor settings that have none, and keeps settings with comments as they are', async () => {
    await mkdir(join(root, '.vscode'));
    await writeFile(join(root, '.vscode/settings.json'), '{ "editor.tabSize": 2 }');
    expect((await init({ root, dataDir: 'content', version: '1.0.0' })).updated).toContain('.vscode/settings.json');
    expect(JSON.parse(await readFile(join(root, '.vscode/settings.json'), 'utf8'))).toEqual({ 'editor.tabSize': 2, 'yaml.schemas': editorSchemas('content') });
    const other = await tempDir('answerpress-init-');
    try {
      await mkdir(join(other, '.vscode'));
      await writeFile(join(other, '.vscode/settings.json'), '// mine\n{}');
      expect((await init({ root: other, dataDir: 'data', version: '1.0.0' })).kept).toContain('.vscode/settings.json');
      expect(await readFile(join(other, '.vscode/settings.json'), 'utf8')).toBe('// mine\n{}');
    } finally {
      await cleanup(other);
    }
  });

  it('writes a workflow that validates pull requests with annotations and deploys main to Pages, also when package.json or its lock changes', async () => {
    await init({ root, dataDir: 'content/data', layoutsDir: 'content/layouts', version: '1.0.0' });
    const parsed = load(await readFile(join(root, '.github/workflows/answerpress.yml'), 'utf8')) as Workflow;
    expect(parsed.on.pull_request.paths).toEqual(['content/data/**', 'content/layouts/**', 'package.json', 'package-lock.json', '.github/workflows/answerpress.yml']);
    expect(parsed.on.push.paths).toEqual(parsed.on.pull_request.paths);
    expect(parsed.on.push.branches).toEqual(['main']);
    expect(parsed.jobs.validate.steps.map((s) => s.run)).toContain('npx answerpress validate --data content/data --format github');
    const build = 'npx answerpress build --data content/data --layouts content/layouts --out _site --cache .answerpress-cache';
    expect(parsed.jobs.deploy.steps.map((s) => s.run)).toContain(build);
    expect(parsed.jobs.deploy.steps.map((s) => s.uses)).toContain('actions/deploy-pages@v4');
    // The last output and the build cache are kept between runs, restored before the build.
    const steps = parsed.jobs.deploy.steps;
    const cache = steps.findIndex((s) => s.uses === 'actions/cache@v4');
    expect(cache).toBeGreaterThan(-1);
    expect(cache).toBeLessThan(steps.findIndex((s) => s.run === build));
    expect(steps[cache]?.with?.path?.split('\n').filter(Boolean)).toEqual(['_site', '.answerpress-mirror-_site', '.answerpress-cache']);
    expect(steps[cache]?.with?.key).toBe('answerpress-${{ github.sha }}');
    expect(workflow('data', undefined)).not.toContain('--layouts');
    // The shrink guard stays on: no step passes --allow-shrink.
    expect([...parsed.jobs.validate.steps, ...steps].filter((s) => s.run?.includes('--allow-shrink'))).toEqual([]);
  });
});

describe('answerpress init --shards', () => {
  let root: string;
  beforeEach(async () => {
    root = await tempDir('answerpress-init-shards-');
  });
  afterEach(() => cleanup(root));

  type Step = { run?: string; uses?: string; with?: Record<string, unknown> };
  type ShardedWorkflow = {
    jobs: {
      validate: { steps: Step[] };
      part: { if: string; needs: string; strategy: { matrix: { shard: number[] } }; env: Record<string, string>; steps: Step[] };
      deploy: { needs: string; steps: Step[] };
    };
  };

  it('writes a matrix of part builds and a job that merges them and deploys, whose commands build the site', async () => {
    await init({ root, dataDir: 'data', version: '1.0.0', shards: 3, date: '2026-01-05' });
    const parsed = load(await readFile(join(root, '.github/workflows/answerpress.yml'), 'utf8')) as ShardedWorkflow;
    const { part, deploy } = parsed.jobs;
    expect(part.needs).toBe('validate');
    expect(part.if).toBe("github.event_name != 'pull_request'");
    expect(part.strategy.matrix.shard).toEqual([0, 1, 2]);
    const build = part.steps.map((s) => s.run).find((run) => run?.includes('build')) as string;
    expect(build).toBe('npx answerpress build --shard ${{ matrix.shard }}/3 --data data --out part-${{ matrix.shard }}');
    const upload = part.steps.find((s) => s.uses === 'actions/upload-artifact@v4');
    expect(upload?.with).toMatchObject({ name: 'part-${{ matrix.shard }}', path: 'part-${{ matrix.shard }}', 'include-hidden-files': true });
    expect(deploy.needs).toBe('part');
    expect(deploy.steps.find((s) => s.uses === 'actions/download-artifact@v4')?.with).toEqual({ pattern: 'part-*' });
    const merge = deploy.steps.map((s) => s.run).find((run) => run?.includes('merge')) as string;
    expect(merge).toBe('npx answerpress merge --out _site part-0 part-1 part-2');
    expect(deploy.steps.map((s) => s.uses)).toContain('actions/deploy-pages@v4');

    // The jobs' commands, run as the runners would, in the repository init wrote.
    const quiet = () => undefined;
    const cwd = process.cwd();
    process.chdir(root);
    try {
      for (const shard of part.strategy.matrix.shard) {
        const argv = build.replace('npx answerpress ', '').replaceAll('${{ matrix.shard }}', String(shard)).split(' ');
        expect(await main(argv, quiet, quiet)).toBe(0);
      }
      expect(await main(merge.replace('npx answerpress ', '').split(' '), quiet, quiet)).toBe(0);
    } finally {
      process.chdir(cwd);
    }
    expect(await readFile(join(root, '_site', 'index.html'), 'utf8')).toContain('<html');
    expect((await readdir(join(root, '_site', 'pagefind'))).some((name) => name.endsWith('.pf_meta'))).toBe(true);
    // One runner: the single-build workflow, with no part job.
    expect(workflow('data', undefined, 1)).not.toContain('matrix');
    const said: string[] = [];
    expect(await main(['init', join(root, 'other'), '--shards', 'four'], quiet, (text) => said.push(text))).toBe(2);
    expect(said.join('\n')).toContain('--shards takes the number of runners to build on, 1 to 256');
  }, 120_000);
});
