// One answerpress build, in its own process so the benchmark can measure the whole process tree
// (this Node process and Pagefind's binary). Prints the build's phase timings as one JSON line.
//   node bench/answerpress-build.js --data DIR --out DIR
import { parseArgs } from 'node:util';
import { build } from '../dist/build.js';

const { values } = parseArgs({ options: { data: { type: 'string' }, out: { type: 'string' } } });
if (!values.data || !values.out) {
  console.error('usage: node bench/answerpress-build.js --data DIR --out DIR');
  process.exit(2);
}
const start = performance.now();
const result = await build({ dataDir: values.data, outDir: values.out });
const totalMs = performance.now() - start;
console.log(
  JSON.stringify({
    totalMs,
    timings: result.timings,
    questions: result.model.questions.length,
    experts: result.model.experts.length,
    listings: result.model.listings.length,
    offline: { precacheBytes: result.offline.precacheBytes, totalBytes: result.offline.totalBytes },
  }),
);
