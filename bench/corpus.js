// A seeded, deterministic corpus in the data contract for benchmarks and large-site tests:
// N questions (about 10 answers each, skewed, some with 40), 500 experts, 50 topics, words
// drawn from a large Zipf-like vocabulary, markdown paragraphs.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** mulberry32: a small, fast PRNG; the same seed always gives the same corpus. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ze', 'bra', 'cle', 'dro', 'fen', 'gal', 'hur', 'jin', 'kel', 'mor', 'nis', 'pel', 'quo', 'ster', 'tor', 'ul', 'vin', 'wex', 'yar'];

/** A vocabulary of `size` distinct words and a sampler with Zipf-like frequencies (s ≈ 1). */
export function vocabulary(rand, size = 40_000) {
  const words = new Set();
  while (words.size < size) {
    const n = 1 + Math.floor(rand() * 3) + (rand() < 0.3 ? 1 : 0);
    let word = '';
    for (let i = 0; i < n; i += 1) word += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    words.add(word);
  }
  const list = [...words];
  // Inverse CDF of a Zipf-like law by sampling ranks as floor(size^u): heavy head, long tail.
  const pick = () => list[Math.min(list.length - 1, Math.floor(Math.pow(list.length, rand())) - 1)];
  return { list, pick };
}

function sentence(rand, pick) {
  const n = 6 + Math.floor(rand() * 14);
  const words = Array.from({ length: n }, pick);
  const first = words[0];
  words[0] = first.charAt(0).toUpperCase() + first.slice(1);
  if (rand() < 0.1) words[Math.floor(rand() * n)] = `**${pick()}**`;
  return `${words.join(' ')}.`;
}

function paragraphs(rand, pick, count) {
  const out = [];
  for (let p = 0; p < count; p += 1) {
    if (rand() < 0.12) {
      out.push(Array.from({ length: 2 + Math.floor(rand() * 3) }, () => `- ${sentence(rand, pick)}`).join('\n'));
    } else {
      out.push(Array.from({ length: 2 + Math.floor(rand() * 4) }, () => sentence(rand, pick)).join(' '));
    }
  }
  return out;
}

function yamlString(text) {
  return JSON.stringify(text);
}

function block(text, indent) {
  const pad = ' '.repeat(indent);
  return `|\n${text.split('\n').map((line) => (line ? pad + line : '')).join('\n')}`;
}

function isoDate(rand) {
  const day = new Date(Date.UTC(2018, 0, 1) + Math.floor(rand() * 2900) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

function addDays(date, days) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Answers per question: mostly 4-16, a tail up to 40; about 10 on average. */
function answerCount(rand) {
  const r = rand();
  if (r < 0.03) return 0;
  if (r < 0.06) return 30 + Math.floor(rand() * 11);
  return 3 + Math.floor(rand() * 13);
}

/**
 * The corpus as plain data, the same for both writers.
 * @returns {{ site, topics, experts, questions }}
 */
export function generateCorpus({ questions: count, seed = 1, experts: expertCount = 500, topics: topicCount = 50 }) {
  const rand = random(seed);
  const { pick } = vocabulary(rand);
  const topics = Array.from({ length: topicCount }, (_, i) => ({ id: `topic-${i + 1}`, name: `Topic ${pick()} ${i + 1}`, description: sentence(rand, pick) }));
  const specialties = Array.from({ length: 40 }, () => `${pick()} medicine`);
  const cities = Array.from({ length: 120 }, () => ({ city: `${pick()}ton`, region: `${pick()} county` }));
  const experts = Array.from({ length: expertCount }, (_, i) => {
    const place = cities[Math.floor(rand() * cities.length)];
    return {
      id: `expert-${i + 1}`,
      name: `Dr. ${pick()} ${pick()}`,
      credentials: rand() < 0.8 ? ['MD'] : [],
      specialty: specialties[Math.floor(rand() * specialties.length)],
      location: place,
      rating: rand() < 0.85 ? { value: Math.round((3 + rand() * 2) * 10) / 10, count: Math.floor(rand() * 200) } : null,
      bio: paragraphs(rand, pick, 1).join('\n\n'),
    };
  });
  const questions = Array.from({ length: count }, (_, i) => {
    const asked = isoDate(rand);
    const nTopics = 1 + Math.floor(rand() * 3);
    const qTopics = [...new Set(Array.from({ length: nTopics }, () => topics[Math.floor(rand() * topics.length)].id))];
    const answers = Array.from({ length: answerCount(rand) }, () => ({
      author: experts[Math.floor(rand() * experts.length)].id,
      date: addDays(asked, 1 + Math.floor(rand() * 60)),
      title: rand() < 0.9 ? sentence(rand, pick).slice(0, -1) : null,
      body: paragraphs(rand, pick, 1 + Math.floor(rand() * 4)).join('\n\n'),
      helpful: rand() < 0.6 ? Math.floor(rand() * 150) : null,
    }));
    return {
      slug: `q-${String(i + 1).padStart(6, '0')}-${pick()}`,
      title: `${sentence(rand, pick).slice(0, -1)}?`,
      asked,
      topics: qTopics,
      body: paragraphs(rand, pick, 1 + Math.floor(rand() * 2)).join('\n\n'),
      answers,
    };
  });
  return {
    site: { title: 'Benchmark Answers', url: 'https://bench.example.org/', language: 'en', description: 'A generated corpus.', disclaimer: 'Generated text for benchmarks; not advice.' },
    topics,
    experts,
    questions,
  };
}

/** Writes the corpus as an answerpress data folder. */
export async function writeAnswerpressData(corpus, dir) {
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'experts'), { recursive: true });
  await mkdir(join(dir, 'questions'), { recursive: true });
  const s = corpus.site;
  await writeFile(join(dir, 'site.yaml'), `title: ${yamlString(s.title)}\nurl: ${s.url}\nlanguage: ${s.language}\ndescription: ${yamlString(s.description)}\ndisclaimer: ${yamlString(s.disclaimer)}\n`);
  await writeFile(join(dir, 'topics.yaml'), corpus.topics.map((t) => `${t.id}:\n  name: ${yamlString(t.name)}\n  description: ${yamlString(t.description)}\n`).join(''));
  for (const e of corpus.experts) {
    const lines = [`name: ${yamlString(e.name)}`];
    if (e.credentials.length) lines.push(`credentials: [${e.credentials.join(', ')}]`);
    lines.push(`specialty: ${yamlString(e.specialty)}`, 'location:', `  city: ${yamlString(e.location.city)}`, `  region: ${yamlString(e.location.region)}`);
    if (e.rating) lines.push('rating:', `  value: ${e.rating.value}`, `  count: ${e.rating.count}`);
    lines.push(`bio: ${block(e.bio, 2)}`);
    await writeFile(join(dir, 'experts', `${e.id}.yaml`), `${lines.join('\n')}\n`);
  }
  const chunk = 200;
  for (let i = 0; i < corpus.questions.length; i += chunk) {
    await Promise.all(corpus.questions.slice(i, i + chunk).map((q) => writeFile(join(dir, 'questions', `${q.slug}.yaml`), questionYaml(q))));
  }
}

function questionYaml(q) {
  const lines = [`title: ${yamlString(q.title)}`, `asked: ${q.asked}`, `topics: [${q.topics.join(', ')}]`, `body: ${block(q.body, 2)}`];
  if (q.answers.length === 0) lines.push('answers: []');
  else lines.push('answers:');
  for (const a of q.answers) {
    lines.push(`  - author: ${a.author}`, `    date: ${a.date}`);
    if (a.title) lines.push(`    title: ${yamlString(a.title)}`);
    if (a.helpful !== null) lines.push(`    helpful: ${a.helpful}`);
    lines.push(`    body: ${block(a.body, 6)}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The corpus's most frequent word (rank 1 of the vocabulary `generateCorpus` draws from with
 * the same seed): a query that matches many pages, for search benchmarks.
 */
export function commonWord(seed = 1) {
  return vocabulary(random(seed)).list[0];
}
