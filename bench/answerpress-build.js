// One answerpress build, in its own process so the benchmark can measure the whole process tree
// (this Node process and Pagefind's binary). Prints the build's phase timings as one JSON line.
//   node bench/answerpress-build.js --data DIR --out DIR [--cache DIR] [--clean]
import { parseArgs } from 'node:util';
import { build } from '../dist/build.js';

const { values } = parseArgs({ options: { data: { type: 'string' }, out: { type: 'string' }, cache: { type: 'string' }, clean: { type: 'boolean' } } });
if (!values.data || !values.out) {
  console.error('usage: node bench/answerpress-build.js --data DIR --out DIR [--cache DIR] [--clean]');
  process.exit(2);
}
const start = performance.now();
const result = await build({ dataDir: values.data, outDir: values.out, cacheDir: values.cache ?? false, clean: values.clean });
const totalMs = performance.now() - start;
console.log(
  JSON.stringify({
    totalMs,
    timings: result.timings,
    work: result.work,
    questions: result.model.questions.length,
    experts: result.model.experts.length,
    listings: result.model.listings.length,
    offline: { precacheBytes: result.offline.precacheBytes, totalBytes: result.offline.totalBytes },
  }),
);
