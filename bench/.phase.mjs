import { build } from '../dist/build.js';
const r = await build({ dataDir: process.argv[2], outDir: process.argv[3] });
console.log(Object.fromEntries(Object.entries(r.timings).map(([k, v]) => [k, Math.round(v)])));
