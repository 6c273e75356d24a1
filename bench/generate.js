// Writes one benchmark corpus, in its own process (a 100,000-question corpus needs a few GB):
//   node bench/generate.js --questions N [--seed S] [--data DIR] [--hugo DIR]
import { parseArgs } from 'node:util';
import { generateCorpus, writeAnswerpressData } from './corpus.js';
import { writeHugoSite } from './hugo.js';

const { values } = parseArgs({ options: { questions: { type: 'string' }, seed: { type: 'string' }, data: { type: 'string' }, hugo: { type: 'string' } } });
if (!values.questions || (!values.data && !values.hugo)) {
  console.error('usage: node bench/generate.js --questions N [--seed S] [--data DIR] [--hugo DIR]');
  process.exit(2);
}
const corpus = generateCorpus({ questions: Number(values.questions), seed: Number(values.seed ?? 1) });
if (values.data) await writeAnswerpressData(corpus, values.data);
if (values.hugo) await writeHugoSite(corpus, values.hugo);
const answers = corpus.questions.reduce((sum, q) => sum + q.answers.length, 0);
console.log(JSON.stringify({ questions: corpus.questions.length, answers, experts: corpus.experts.length, topics: corpus.topics.length }));
