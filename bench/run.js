// The answerpress benchmark: full builds against Hugo rendering the same corpus with equivalent
// templates, against Hugo with lean ones (question pages with their answers and expert cards,
// none of the work that spans pages), and against "the floor" (our model and layouts rendered by
// Nunjucks straight to files). See BENCHMARKS.md.
//
//   npm run bench                                   1,000 and 10,000 questions, 2 runs each
//   node --expose-gc bench/run.js --sizes 1000,3000 --runs 2
//   node --expose-gc bench/run.js --sizes 100000 --only answerpress --runs 1
//   npm run bench -- --data DIR                    one data folder of your own, against Hugo on it
//
// Options:
//   --sizes N,N      corpus sizes in questions (default 1000,10000)
//   --data DIR       bench this data folder instead of generated corpora (--sizes is ignored);
//                    its Hugo site is written by bench/hugo.js --data
//   --runs N         runs of each tool per size, interleaved A B C A B C (default 2)
//   --only LIST      tools to run: answerpress,hugo,hugo-lean,hugo-bare,floor (default all five);
//                    hugo-lean is Hugo with templates that leave out the question pages' JSON-LD
//                    and related questions and the profiles' answer lists, hugo-bare Hugo with
//                    templates that render only what a reader sees (bench/hugo.js)
//   --no-search      skip the cold search payload measurement
//   --no-incremental skip the one-answer incremental build, the build with nothing changed and serve
//   --parts N        also build the site in N parts (build --shard i/N) and merge them, measuring
//                    each process's peak memory against a single build's, and comparing the two sites
//   --query WORD     search query (default: the corpus's most frequent word)
//   --seed N         corpus seed (default 1)
//   --json FILE      also write every measurement as JSON (default bench/out/results-<time>.json)
//   --report FILE    run nothing: print the report of a saved results file again
//
// Corpora are cached in bench/out/corpus-<size>-s<seed>/ and generated only when missing.
// Build outputs go to a temporary folder in bench/out/ that is removed at exit.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { commonWord } from './corpus.js';
import { lastJson, measureOk, onExit } from './proc.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = join(here, '..');
const outRoot = join(here, 'out');
const TOOLS = ['answerpress', 'hugo', 'hugo-lean', 'hugo-bare', 'floor'];
const isHugo = (tool) => tool.startsWith('hugo');
const GIB = 1024 ** 3;
const MEMORY_BUDGET = 2 * GIB;
const SEARCH_BUDGET = 160 * 1024;
/**
 * Node's default heap limit (about 4 GiB here) is below what 100,000 questions need; the builds
 * may use up to three quarters of the machine's memory. A limit, not a reservation: below it
 * nothing changes.
 */
const HEAP = `--max-old-space-size=${Math.floor((totalmem() * 0.75) / 1024 ** 2)}`;

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000' },
    data: { type: 'string' },
    runs: { type: 'string', default: '2' },
    only: { type: 'string', default: TOOLS.join(',') },
    'no-search': { type: 'boolean', default: false },
    'no-incremental': { type: 'boolean', default: false },
    parts: { type: 'string', default: '0' },
    query: { type: 'string' },
    seed: { type: 'string', default: '1' },
    json: { type: 'string' },
    report: { type: 'string' },
  },
});
const ownData = values.data ? resolve(values.data) : null;
const sizes = ownData
  ? [readdirSync(join(ownData, 'questions')).filter((name) => /\.ya?ml$/.test(name)).length]
  : values.sizes.split(',').map((s) => Number(s.replace(/[_k]/gi, (c) => (c.toLowerCase() === 'k' ? '000' : ''))));
const runs = Math.max(1, Number(values.runs));
const tools = values.only.split(',').map((t) => t.trim());
const seed = Number(values.seed);
for (const tool of tools) if (!TOOLS.includes(tool)) throw new Error(`unknown tool ${tool}; expected ${TOOLS.join(', ')}`);
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`bad --sizes ${values.sizes}`);

const log = (text) => process.stderr.write(`${text}\n`);
const gc = () => globalThis.gc?.();

// A scratch folder for this run's outputs, removed however the benchmark ends.
mkdirSync(outRoot, { recursive: true });
const scratch = join(outRoot, `tmp-${process.pid}`);
rmSync(scratch, { recursive: true, force: true });
mkdirSync(scratch, { recursive: true });
onExit(() => rmSync(scratch, { recursive: true, force: true }));

async function bytesOf(dir) {
  let total = 0;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return 0;
  }
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath ?? e.path, e.name));
  for (let i = 0; i < files.length; i += 256) {
    const sizes = await Promise.all(files.slice(i, i + 256).map((f) => stat(f).then((s) => s.size, () => 0)));
    total += sizes.reduce((a, b) => a + b, 0);
  }
  return total;
}

/** The cached corpus for `size`, written (in a child process) if missing; or the data folder given, and its Hugo site. */
async function corpus(size) {
  if (ownData) {
    const hugo = join(scratch, 'hugo-site');
    if (tools.some(isHugo)) {
      log(`writing the Hugo site of ${ownData} …`);
      const result = await measureOk(process.execPath, ['--max-old-space-size=12288', join(here, 'hugo.js'), '--data', ownData, '--out', hugo]);
      log(`  done in ${(result.wallMs / 1000).toFixed(1)} s`);
    }
    return { data: ownData, hugo };
  }
  const dir = join(outRoot, `corpus-${size}-s${seed}`);
  const data = join(dir, 'data');
  const hugo = join(dir, 'hugo');
  // A marker older than the code that writes the corpus means the corpus is out of date.
  const fresh = (marker, sources) => existsSync(marker) && sources.every((src) => statSync(src).mtimeMs <= statSync(marker).mtimeMs);
  const needData = !fresh(join(dir, 'data.ok'), [join(here, 'corpus.js')]);
  const needHugo = tools.some(isHugo) && !fresh(join(dir, 'hugo.ok'), [join(here, 'corpus.js'), join(here, 'hugo.js')]);
  if (needData || needHugo) {
    log(`generating the ${size.toLocaleString('en')}-question corpus in ${dir} …`);
    mkdirSync(dir, { recursive: true });
    const args = [join(here, 'generate.js'), '--questions', String(size), '--seed', String(seed)];
    if (needData) args.push('--data', data);
    if (needHugo) args.push('--hugo', hugo);
    const result = await measureOk(process.execPath, ['--max-old-space-size=12288', ...args]);
    if (needData) writeFileSync(join(dir, 'data.ok'), result.stdout);
    if (needHugo) writeFileSync(join(dir, 'hugo.ok'), result.stdout);
    log(`  done in ${(result.wallMs / 1000).toFixed(1)} s`);
  }
  return { data, hugo };
}

/** A cold build that writes a build cache, as `npm run build` does (into a folder of its own, removed after). */
async function runAnswerpress(size, run, paths, extra = []) {
  const out = join(scratch, `answerpress-${size}-${run}`);
  const cache = join(scratch, `cache-${size}-${run}`);
  const r = await measureOk(process.execPath, [HEAP, join(here, 'answerpress-build.js'), '--data', paths.data, '--out', out, '--cache', cache, '--clean', ...extra]);
  rmSync(cache, { recursive: true, force: true });
  const result = lastJson(r.stdout);
  const t = result.timings;
  return {
    out,
    wallMs: r.wallMs,
    cpuMs: r.cpuMs,
    peakRss: r.peakRss,
    processes: r.maxProcesses,
    peakByCommand: r.peakByCommand,
    phases: t,
    renderMs: t.load + t.model + t.render,
    buildMs: result.totalMs,
    bytes: await bytesOf(out),
    pagefindBytes: await bytesOf(join(out, 'pagefind')),
    precacheBytes: result.offline.precacheBytes,
    work: result.work,
  };
}

/**
 * The commit an editor makes most, as the check runs it: a copy of the corpus built cold (with
 * the default build cache), then one answer appended to one question file and a build killed
 * partway, then the build of that change, timed, and compared file by file with a cold build of
 * the changed data. Then a build with nothing changed, and `serve`: from the save of another
 * answer to its text on the reloaded page in Chromium. Every build runs as an editor (or the
 * check) runs it: `npm run build -- --data D --out O`, compile step and default cache included.
 */
async function runIncremental(size, paths) {
  const dir = join(scratch, `incremental-${size}`);
  const data = join(dir, 'data');
  const out = join(dir, 'site');
  mkdirSync(dir, { recursive: true });
  spawnSync('cp', ['-r', paths.data, data]);
  const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${HEAP}`.trim() };
  const npmBuild = () => measureOk('npm', ['run', '-s', 'build', '--', '--data', data, '--out', out, '--timings'], { cwd: repoRoot, env });
  const { defaultCacheDir } = await import('../dist/incremental/cache.js');
  const cache = defaultCacheDir(out);
  try {
    const cold = await npmBuild();
    // A question from the middle that already has answers, so one more is appended to its list.
    const questions = (await readdir(join(data, 'questions'))).sort();
    let at = Math.floor(questions.length / 2);
    while (!readFileSync(join(data, 'questions', questions[at]), 'utf8').includes('\nanswers:\n')) at += 1;
    const file = join(data, 'questions', questions[at]);
    const expert = (await readdir(join(data, 'experts'))).sort()[0].replace(/\.yaml$/, '');
    const answer = (text) => `  - author: ${expert}\n    date: 2026-11-28\n    body: |\n      ${text}\n`;
    appendFileSync(file, answer('One more answer, added by the benchmark.'));
    const killed = await killPartway(data, out, env);
    // A build that finished before it could be killed published the change: one more answer then.
    if (!killed.killed) appendFileSync(file, answer('Another answer, added by the benchmark.'));
    const incremental = await npmBuild();
    const unchanged = await npmBuild();
    const reference = join(dir, 'reference');
    await measureOk(process.execPath, [HEAP, join(here, 'answerpress-build.js'), '--data', data, '--out', reference, '--clean']);
    const diff = spawnSync('diff', ['-rq', out, reference], { encoding: 'utf8' });
    rmSync(reference, { recursive: true, force: true });
    const { serveLatency } = await import('./serve-latency.js');
    const slug = questions[at].replace(/\.ya?ml$/, '');
    const text = `Previewed from the benchmark ${Date.now()}`;
    const serve = await serveLatency({ data, out, file, page: `/questions/${slug}/`, answer: answer(text), text, env }).catch((error) => ({ error: error instanceof Error ? error.message : String(error) }));
    return {
      coldMs: cold.wallMs,
      coldPeakRss: cold.peakRss,
      killedAfterMs: killed.killed ? killed.afterMs : null,
      incrementalMs: incremental.wallMs,
      incrementalPeakRss: incremental.peakRss,
      ...cliReport(incremental.stdout),
      unchangedMs: unchanged.wallMs,
      upToDate: /up to date/.test(unchanged.stdout),
      identical: diff.status === 0,
      differences: diff.stdout.split('\n').filter(Boolean).slice(0, 10),
      serve,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  }
}

/**
 * Starts the build of the changed data and kills it (SIGKILL, its whole process group) 1.5 s
 * after its staging folder appears, when it is loading and writing its cache; says whether it
 * was killed, and when.
 */
async function killPartway(data, out, env) {
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'answerpress.js'), 'build', '--data', data, '--out', out], { cwd: repoRoot, env, detached: true, stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const start = performance.now();
  const parent = join(out, '..');
  while (performance.now() - start < 60_000 && child.exitCode === null) {
    if (readdirSync(parent).some((name) => name.startsWith('.answerpress-tmp-'))) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const afterMs = performance.now() - start;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // It had finished.
  }
  await exited;
  return { killed: child.signalCode === 'SIGKILL', afterMs };
}

/**
 * The site built on several machines, one after another here: a single cold build, each of the
 * `count` parts (`build --shard i/count`) and their merge, each process's peak memory and time,
 * and the merged site compared file by file with the single build's.
 */
async function runParts(size, paths, count) {
  const dir = join(scratch, `parts-${size}`);
  mkdirSync(dir, { recursive: true });
  const cli = (args, heap = HEAP) => measureOk(process.execPath, [heap, join(repoRoot, 'bin', 'answerpress.js'), ...args]);
  try {
    const single = await cli(['build', '--data', paths.data, '--out', join(dir, 'single'), '--cache', join(dir, 'single-cache')]);
    rmSync(join(dir, 'single-cache'), { recursive: true, force: true });
    log(`    single build: ${s(single.wallMs)}, peak ${mib(single.peakRss)}`);
    const parts = [];
    for (let i = 0; i < count; i += 1) {
      // With the heap limit the workflow of `init --shards` gives a part (src/cli/workflow.ts).
      const part = await cli(['build', '--shard', `${i}/${count}`, '--data', paths.data, '--out', join(dir, `part-${i}`)], '--max-old-space-size=5120');
      log(`    part ${i}/${count}: ${s(part.wallMs)}, peak ${mib(part.peakRss)}`);
      parts.push({ wallMs: part.wallMs, cpuMs: part.cpuMs, peakRss: part.peakRss });
    }
    const merge = await cli(['merge', '--out', join(dir, 'merged'), ...parts.map((_, i) => join(dir, `part-${i}`))]);
    log(`    merge: ${s(merge.wallMs)}, peak ${mib(merge.peakRss)}`);
    const diff = spawnSync('diff', ['-rq', join(dir, 'merged'), join(dir, 'single')], { encoding: 'utf8' });
    return {
      count,
      single: { wallMs: single.wallMs, cpuMs: single.cpuMs, peakRss: single.peakRss },
      parts,
      merge: { wallMs: merge.wallMs, cpuMs: merge.cpuMs, peakRss: merge.peakRss },
      identical: diff.status === 0,
      differences: diff.stdout.split('\n').filter(Boolean).slice(0, 10),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The work and phases `answerpress build --timings` reports. */
function cliReport(stdout) {
  const work = stdout.match(/incremental: (\d+) of (\d+) pages rendered, (\d+) of (\d+) search shards indexed/);
  if (!work) throw new Error(`the build was not incremental: ${stdout.trim()}`);
  const [pagesRendered, pages, shardsIndexed, shards] = work.slice(1).map(Number);
  const phases = Object.fromEntries([...(stdout.match(/^Phases: (.*)\.$/m)?.[1] ?? '').matchAll(/(\w+) ([\d.]+) s/g)].map(([, phase, seconds]) => [phase, Number(seconds) * 1000]));
  return { work: { pagesRendered, pages, shardsIndexed, shards }, phases };
}

async function runHugo(size, run, paths, extra = []) {
  const out = join(scratch, `hugo-${size}-${run}`);
  const r = await measureOk('hugo', ['--quiet', '-d', out, ...extra], { cwd: paths.hugo });
  const row = { wallMs: r.wallMs, cpuMs: r.cpuMs, peakRss: r.peakRss, processes: r.maxProcesses, peakByCommand: r.peakByCommand, bytes: await bytesOf(out) };
  rmSync(out, { recursive: true, force: true });
  return row;
}

async function runFloor(size, run, paths) {
  const out = join(scratch, `floor-${size}-${run}`);
  const r = await measureOk(process.execPath, [join(here, 'floor.js'), '--data', paths.data, '--out', out]);
  const result = lastJson(r.stdout);
  const row = { wallMs: r.wallMs, cpuMs: r.cpuMs, peakRss: r.peakRss, processes: r.maxProcesses, peakByCommand: r.peakByCommand, floorMs: result.totalMs, phases: { load: result.loadMs, model: result.modelMs, render: result.renderMs }, bytes: await bytesOf(out) };
  rmSync(out, { recursive: true, force: true });
  return row;
}

const RUNNERS = {
  answerpress: runAnswerpress,
  hugo: runHugo,
  'hugo-lean': (size, run, paths) => runHugo(size, run, paths, ['--layoutDir', 'layouts-lean']),
  'hugo-bare': (size, run, paths) => runHugo(size, run, paths, ['--layoutDir', 'layouts-bare']),
  floor: runFloor,
};

function median(list) {
  const xs = list.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!xs.length) return null;
  const mid = Math.floor(xs.length / 2);
  return xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

/**
 * One row per tool from its runs: the fastest run for times (the one least disturbed by other
 * work on the machine), the largest for memory, the median for everything else.
 */
function summarize(rows) {
  const pick = (key, values) => {
    const xs = values.filter((x) => typeof x === 'number' && Number.isFinite(x));
    if (!xs.length) return null;
    if (/Ms$/.test(key) || key === 'phase') return Math.min(...xs);
    if (/Rss$|^peak/.test(key)) return Math.max(...xs);
    return median(xs);
  };
  const out = {};
  for (const key of Object.keys(rows[0])) {
    if (key === 'out') continue;
    if (key === 'peakByCommand' || key === 'phases') {
      out[key] = {};
      for (const name of new Set(rows.flatMap((r) => Object.keys(r[key] ?? {})))) out[key][name] = pick(key === 'phases' ? 'phase' : 'peak', rows.map((r) => r[key]?.[name] ?? 0));
    } else out[key] = pick(key, rows.map((r) => r[key]));
  }
  out.runs = rows.length;
  return out;
}

function machine() {
  const lscpu = spawnSync('lscpu', [], { encoding: 'utf8' }).stdout ?? '';
  const model = /Model name:\s*(.+)/.exec(lscpu)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  const hugo = spawnSync('hugo', ['version'], { encoding: 'utf8' }).stdout?.trim().split(' ')[1] ?? 'not installed';
  return { cpus: cpus().length, model, memoryGiB: Math.round(totalmem() / GIB), node: process.version, hugo };
}

if (values.report) {
  console.log(report(JSON.parse(readFileSync(values.report, 'utf8')), values.report));
  process.exit(0);
}

const results = { machine: machine(), seed, data: ownData, runs, tools, sizes: {}, started: new Date().toISOString() };

log(`answerpress bench: sizes ${sizes.join(', ')}, ${runs} run(s) of ${tools.join(', ')}; ${results.machine.cpus} CPUs (${results.machine.model}), ${results.machine.memoryGiB} GiB, Node ${process.version}, Hugo ${results.machine.hugo}`);

for (const size of sizes) {
  const paths = await corpus(size);
  const rows = Object.fromEntries(tools.map((t) => [t, []]));
  let lastBuild = null;
  for (let run = 1; run <= runs; run += 1) {
    for (const tool of tools) {
      gc();
      const load = loadavg()[0];
      const row = await RUNNERS[tool](size, run, paths);
      row.loadBefore = load;
      row.loadAfter = loadavg()[0];
      rows[tool].push(row);
      const extra = tool === 'answerpress' ? ` (load ${s(row.phases.load)}, model ${s(row.phases.model)}, render ${s(row.phases.render)}, index ${s(row.phases.index)}, offline ${s(row.phases.offline)})` : tool === 'floor' ? ` (in-process ${s(row.floorMs)})` : '';
      const byCommand = Object.entries(row.peakByCommand ?? {}).filter(([name]) => name !== 'time').map(([name, bytes]) => `${name} ${mib(bytes)}`).join(', ');
      log(`  ${size.toLocaleString('en')} questions, run ${run}/${runs}, ${tool}: ${s(row.wallMs)} wall, ${s(row.cpuMs)} CPU, peak tree ${mib(row.peakRss)} [${byCommand}]${extra}; load average ${load.toFixed(1)} → ${row.loadAfter.toFixed(1)}`);
      if (tool === 'answerpress') {
        if (lastBuild) rmSync(lastBuild, { recursive: true, force: true });
        lastBuild = row.out;
      }
    }
  }
  let search = null;
  let typicalSearch = null;
  let correctedSearch = null;
  let naturalSearch = null;
  if (lastBuild && !values['no-search']) {
    const { measureSearchPayload, medianChunkWord, mostFrequentWord, misspelled, naturalQuestion } = await import('./search-payload.js');
    const measure = async (query, what) => {
      log(`  cold search payload for "${query}" (${what}) …`);
      try {
        const result = await measureSearchPayload({ siteDir: lastBuild, query });
        log(`  ${(result.bodyBytes / 1024).toFixed(1)} KiB in ${result.requests} requests`);
        return result;
      } catch (error) {
        log(`  search payload failed: ${error instanceof Error ? error.message : String(error)}`);
        return { error: error instanceof Error ? error.message : String(error) };
      }
    };
    const frequent = values.query ?? (ownData ? await mostFrequentWord(lastBuild) : commonWord(seed));
    search = await measure(frequent, values.query ? 'as asked' : 'the most frequent word');
    if (!values.query) {
      const typical = await medianChunkWord(lastBuild);
      typicalSearch = await measure(typical, 'a word from the median-sized index chunk');
      correctedSearch = await measure(misspelled(typical), 'that word misspelled, corrected from the vocabulary');
      naturalSearch = await measure(await naturalQuestion(lastBuild), 'a natural question: two stop words and six words of a question title');
    }
  }
  if (lastBuild) rmSync(lastBuild, { recursive: true, force: true });
  let incremental = null;
  if (tools.includes('answerpress') && !values['no-incremental']) {
    log(`  one answer added, incremental build …`);
    incremental = await runIncremental(size, paths).catch((error) => ({ error: error instanceof Error ? error.message : String(error) }));
    if (incremental.error) log(`  incremental build failed: ${incremental.error}`);
    else {
      log(`  cold ${s(incremental.coldMs)}, killed ${incremental.killedAfterMs === null ? 'never (it finished first)' : `after ${s(incremental.killedAfterMs)}`}, incremental ${s(incremental.incrementalMs)} (${ratio(incremental.incrementalMs, incremental.coldMs)}), identical to a cold build: ${incremental.identical ? 'yes' : 'NO'}; nothing changed ${s(incremental.unchangedMs)}`);
      const sv = incremental.serve;
      log(sv.error ? `  serve failed: ${sv.error}` : `  serve: the saved answer on the reloaded page after ${s(sv.shownMs)}, the site rebuilt after ${s(sv.rebuiltMs)}`);
    }
  }
  let parts = null;
  const partCount = Number(values.parts);
  if (partCount >= 2) {
    log(`  the site in ${partCount} parts, then merged, against a single build …`);
    parts = await runParts(size, paths, partCount).catch((error) => ({ error: error instanceof Error ? error.message : String(error) }));
    if (parts.error) log(`  parts failed: ${parts.error}`);
  }
  results.sizes[size] = { parts, rows: Object.fromEntries(Object.entries(rows).map(([t, list]) => [t, list.map(({ out, ...rest }) => rest)])), search, typicalSearch, correctedSearch, naturalSearch, incremental };
}

results.finished = new Date().toISOString();
const jsonFile = values.json ?? join(outRoot, `results-${results.started.replace(/[:.]/g, '-')}.json`);
writeFileSync(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
console.log(report(results, jsonFile));

// ---- Report -------------------------------------------------------------------------------

function s(ms) {
  return ms == null ? '–' : `${(ms / 1000).toFixed(1)} s`;
}
function mib(bytes) {
  return bytes == null ? '–' : `${Math.round(bytes / 1024 ** 2)} MiB`;
}
function mb(bytes) {
  return bytes == null ? '–' : `${(bytes / 1e6).toFixed(1)} MB`;
}
function ratio(a, b) {
  return a == null || b == null || b === 0 ? '–' : `${(a / b).toFixed(2)}×`;
}

/** The tables, from a results object (fresh or read back from its JSON file). */
function report(results, file) {
  const sizes = Object.keys(results.sizes).map(Number).sort((a, b) => a - b);
  const tools = results.tools ?? TOOLS.filter((t) => results.sizes[sizes[0]].rows[t]);
  const seed = results.seed;
  const runs = results.runs;
  for (const size of sizes) {
    const entry = results.sizes[size];
    const search = entry.search ?? entry.summary?.search ?? null;
    const typicalSearch = entry.typicalSearch ?? entry.summary?.typicalSearch ?? null;
    const correctedSearch = entry.correctedSearch ?? entry.summary?.correctedSearch ?? null;
    const naturalSearch = entry.naturalSearch ?? entry.summary?.naturalSearch ?? null;
    entry.summary = Object.fromEntries(Object.entries(entry.rows).map(([tool, list]) => [tool, summarize(list)]));
    entry.summary.search = search;
    entry.summary.typicalSearch = typicalSearch;
    entry.summary.correctedSearch = correctedSearch;
    entry.summary.naturalSearch = naturalSearch;
  }
  const lines = [];
  const m = results.machine;
  const loads = sizes.flatMap((n) => Object.values(results.sizes[n].rows).flat().flatMap((r) => [r.loadBefore, r.loadAfter]));
  lines.push(`Machine: ${m.cpus} CPUs (${m.model}), ${m.memoryGiB} GiB RAM, Node ${m.node}, Hugo ${m.hugo}. ${results.data ? `Data ${results.data}` : `Seed ${seed}`}; ${runs} run(s) of each tool, interleaved; times are the fastest run, memory the largest.`);
  lines.push(`1-minute load average during the runs: ${Math.min(...loads).toFixed(1)} to ${Math.max(...loads).toFixed(1)} (on ${m.cpus} CPUs; above ${m.cpus} the wall times include waiting for a CPU, CPU times much less so).`);
  lines.push('');
  lines.push('| Questions | Tool | Wall | CPU (user+sys) | Peak RSS (tree) | Output | pagefind/ | Phases |');
  lines.push('|---:|---|---:|---:|---:|---:|---:|---|');
  for (const size of sizes) {
    const sum = results.sizes[size].summary;
    for (const tool of tools) {
      const r = sum[tool];
      let phases = '';
      if (tool === 'answerpress') phases = Object.entries(r.phases).map(([k, v]) => `${k} ${s(v)}`).join(', ');
      if (tool === 'floor') phases = `load ${s(r.phases.load)}, model ${s(r.phases.model)}, render+write ${s(r.phases.render)}`;
      if (tool === 'hugo') phases = 'render only (content already written)';
      if (tool === 'hugo-lean') phases = 'render only, no JSON-LD, related questions or profile answer lists';
      if (tool === 'hugo-bare') phases = 'render only, what a reader sees: answers, expert cards, disclaimer, lists';
      lines.push(`| ${size.toLocaleString('en')} | ${tool} | ${s(r.wallMs)} | ${s(r.cpuMs)} | ${mib(r.peakRss)} | ${mb(r.bytes)} | ${tool === 'answerpress' ? mb(r.pagefindBytes) : ''} | ${phases} |`);
    }
  }
  lines.push('');
  for (const size of sizes) {
    const r = results.sizes[size].summary.answerpress;
    if (!r?.peakByCommand) continue;
    const parts = Object.entries(r.peakByCommand).filter(([name]) => name !== 'time').map(([name, bytes]) => `${name} ${mib(bytes)}`).join(', ');
    lines.push(`answerpress ${size.toLocaleString('en')}: peak RSS of each process on its own (not at the same moment): ${parts}.`);
  }
  lines.push('');
  lines.push('Ratios (wall time; CPU time in brackets):');
  lines.push('');
  lines.push('| Questions | answerpress render (load+model+render) / Hugo | answerpress whole build / Hugo | floor / Hugo | render / lean Hugo | whole build / lean Hugo | render / bare Hugo | whole build / bare Hugo | floor / bare Hugo | answerpress peak tree memory / 2 GiB | cold search payload / 160 KiB |');
  lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const size of sizes) {
    const sum = results.sizes[size].summary;
    const ap = sum.answerpress;
    const hugo = sum.hugo;
    const floorRow = sum.floor;
    const lean = sum['hugo-lean'];
    const bare = sum['hugo-bare'];
    const payload = (sr) => (sr && !sr.error ? `${(sr.bodyBytes / 1024).toFixed(0)} KiB, ${ratio(sr.bodyBytes, SEARCH_BUDGET)}` : sr?.error ? 'failed' : '–');
    const search = sum.typicalSearch ? `${payload(sum.typicalSearch)} typical; ${payload(sum.search)} most frequent word` : payload(sum.search);
    lines.push(
      `| ${size.toLocaleString('en')} | ${ratio(ap?.renderMs, hugo?.wallMs)} | ${ratio(ap?.wallMs, hugo?.wallMs)} (${ratio(ap?.cpuMs, hugo?.cpuMs)}) | ${ratio(floorRow?.floorMs, hugo?.wallMs)} (${ratio(floorRow?.cpuMs, hugo?.cpuMs)}) | ${ratio(ap?.renderMs, lean?.wallMs)} | ${ratio(ap?.wallMs, lean?.wallMs)} (${ratio(ap?.cpuMs, lean?.cpuMs)}) | ${ratio(ap?.renderMs, bare?.wallMs)} | ${ratio(ap?.wallMs, bare?.wallMs)} (${ratio(ap?.cpuMs, bare?.cpuMs)}) | ${ratio(floorRow?.floorMs, bare?.wallMs)} (${ratio(floorRow?.cpuMs, bare?.cpuMs)}) | ${ap ? `${mib(ap.peakRss)}, ${ratio(ap.peakRss, MEMORY_BUDGET)}` : '–'} | ${search} |`,
    );
  }
  if (sizes.length >= 2) {
    const [a, b] = [Math.min(...sizes), Math.max(...sizes)];
    const A = results.sizes[a].summary;
    const B = results.sizes[b].summary;
    const slope = (x, y) => (x == null || y == null ? '–' : `${((y - x) / (b - a)).toFixed(2)} ms`);
    lines.push('');
    lines.push(`Per question page (slope between ${a.toLocaleString('en')} and ${b.toLocaleString('en')}: (t${b} − t${a}) / ${(b - a).toLocaleString('en')}):`);
    lines.push('');
    lines.push('| Tool | Wall per question | CPU per question |');
    lines.push('|---|---:|---:|');
    if (A.answerpress && B.answerpress) {
      lines.push(`| answerpress whole build | ${slope(A.answerpress.wallMs, B.answerpress.wallMs)} | ${slope(A.answerpress.cpuMs, B.answerpress.cpuMs)} |`);
      lines.push(`| answerpress load+model+render | ${slope(A.answerpress.renderMs, B.answerpress.renderMs)} | |`);
      for (const phase of ['load', 'model', 'render', 'index', 'offline']) lines.push(`| answerpress ${phase} | ${slope(A.answerpress.phases[phase], B.answerpress.phases[phase])} | |`);
    }
    if (A.hugo && B.hugo) lines.push(`| Hugo render | ${slope(A.hugo.wallMs, B.hugo.wallMs)} | ${slope(A.hugo.cpuMs, B.hugo.cpuMs)} |`);
    const [LA, LB] = [A['hugo-lean'], B['hugo-lean']];
    if (LA && LB) lines.push(`| Hugo render, lean templates | ${slope(LA.wallMs, LB.wallMs)} | ${slope(LA.cpuMs, LB.cpuMs)} |`);
    const [BA, BB] = [A['hugo-bare'], B['hugo-bare']];
    if (BA && BB) lines.push(`| Hugo render, bare templates | ${slope(BA.wallMs, BB.wallMs)} | ${slope(BA.cpuMs, BB.cpuMs)} |`);
    if (A.floor && B.floor) lines.push(`| floor (load+model+render+write) | ${slope(A.floor.floorMs, B.floor.floorMs)} | ${slope(A.floor.cpuMs, B.floor.cpuMs)} |`);
  }
  // The budgets of each kind of first search (KiB of bodies).
  const budgets = { typicalSearch: 160, search: 160, correctedSearch: 200, naturalSearch: 240 };
  const searches = sizes.flatMap((n) => Object.keys(budgets).map((kind) => [n, kind, results.sizes[n].summary[kind]])).filter(([, , sr]) => sr && !sr.error);
  if (searches.length) {
    lines.push('');
    lines.push('Cold search payload (gzip, no cache, no service worker; bytes of response bodies as sent, by kind):');
    lines.push('');
    for (const [n, kind, sr] of searches) {
      const kinds = Object.entries(sr.byKind).map(([k, v]) => `${k} ${(v / 1024).toFixed(1)}`).join(', ');
      lines.push(`- ${n.toLocaleString('en')} questions, q=${sr.query}: ${(sr.bodyBytes / 1024).toFixed(1)} KiB (budget ${budgets[kind]} KiB) in ${sr.requests} requests (+${(sr.headerBytes / 1024).toFixed(1)} KiB headers), ${sr.results} result links; KiB by kind: ${kinds}.`);
    }
  }
  const increments = sizes.filter((n) => results.sizes[n].incremental && !results.sizes[n].incremental.error);
  if (increments.length) {
    lines.push('');
    lines.push('One answer added to one question file (a copy of the corpus, built cold with a build cache first):');
    lines.push('');
    lines.push('| Questions | Cold build (writes the cache) | Incremental build, after one killed | Incremental / cold | Pages rendered | Shards indexed | Peak tree | Identical to a cold build | Nothing changed | serve: saved → on the page | serve: whole site rebuilt |');
    lines.push('|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|');
    for (const n of increments) {
      const r = results.sizes[n].incremental;
      const sv = r.serve ?? {};
      lines.push(`| ${n.toLocaleString('en')} | ${s(r.coldMs)} | ${s(r.incrementalMs)} | ${ratio(r.incrementalMs, r.coldMs)} | ${r.work.pagesRendered} of ${r.work.pages} | ${r.work.shardsIndexed} of ${r.work.shards} | ${mib(r.incrementalPeakRss)} | ${r.identical ? 'yes' : `no: ${r.differences.join('; ')}`} | ${s(r.unchangedMs)}${r.upToDate === false ? ' (read the data)' : ''} | ${sv.error ? 'failed' : s(sv.shownMs)} | ${sv.error ? '–' : s(sv.rebuiltMs)} |`);
    }
    lines.push('');
    lines.push('Targets: one answer ≤ 0.10 of the cold build and ≤ 3 s; nothing changed ≤ 1.5 s; serve ≤ 1.5 s from the save to the page; identical to a cold build.');
    for (const n of increments) {
      const r = results.sizes[n].incremental;
      const met = (ok) => (ok ? 'met' : 'MISSED');
      lines.push(`- ${n.toLocaleString('en')} questions: one answer ${met(r.incrementalMs <= 0.1 * r.coldMs && r.incrementalMs <= 3000)} (${ratio(r.incrementalMs, r.coldMs)}, ${s(r.incrementalMs)}); nothing changed ${met(r.unchangedMs <= 1500)}; serve ${met(!r.serve?.error && r.serve?.shownMs <= 1500)}; identical ${met(r.identical)}.`);
    }
    for (const n of increments) {
      const r = results.sizes[n].incremental;
      lines.push('');
      lines.push(`Incremental phases at ${n.toLocaleString('en')}: ${Object.entries(r.phases).map(([k, v]) => `${k} ${s(v)}`).join(', ')}.`);
    }
  }
  const parted = sizes.filter((n) => results.sizes[n].parts && !results.sizes[n].parts.error);
  if (parted.length) {
    lines.push('');
    lines.push('Peak memory of each process, a single build against the same site in parts (targets: single build ≤ 8 GiB, each part ≤ 4 GiB, the merge ≤ 4 GiB, the merged site equal to the single build):');
    lines.push('');
    lines.push('| Questions | Single build | Parts | Largest part | Merge | Merged = single |');
    lines.push('|---:|---:|---:|---:|---:|---|');
    for (const n of parted) {
      const r = results.sizes[n].parts;
      const largest = Math.max(...r.parts.map((p) => p.peakRss));
      const slowest = Math.max(...r.parts.map((p) => p.wallMs));
      lines.push(`| ${n.toLocaleString('en')} | ${mib(r.single.peakRss)}, ${s(r.single.wallMs)} | ${r.count} | ${mib(largest)}, ${s(slowest)} | ${mib(r.merge.peakRss)}, ${s(r.merge.wallMs)} | ${r.identical ? 'yes' : `no: ${r.differences.join('; ')}`} |`);
    }
  }
  lines.push('');
  lines.push(`All measurements: ${file}`);
  return lines.join('\n');
}
