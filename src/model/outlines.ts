/**
 * A part of a site built on several machines (`build --shard i/n`) renders only its own shards'
 * question pages, but its other pages link every question: listings and related questions
 * take a question's title and excerpt, an expert's profile the excerpt of each of their
 * answers. So the questions whose pages it does not render are outlined: their answers'
 * bodies are read once for their excerpts and then let go, and the part never holds the rest
 * of the site's answers, rendered or not (what most of a site's memory is).
 */
import { fileURLToPath } from 'node:url';
import type { LoadedData } from '../data/load.js';
import { mapShared, threadsFor } from '../threads/batches.js';
import { answerExcerpt } from './buildModel.js';

/** The compiled worker, found from `src/model/` (tests run the sources) and `dist/model/` alike. */
const WORKER = fileURLToPath(new URL('../../dist/model/excerptWorker.js', import.meta.url));

/** Answers below which no worker thread starts. */
const MIN_ANSWERS = 4000;

/** Slug → the excerpts of its answers, in order: `ModelOptions.outlines`. */
export type Outlines = Map<string, string[]>;

/** The questions of `data` that `rendered` leaves out, outlined; a share of the excerpts made in worker threads. */
export async function outlineQuestions(data: LoadedData, rendered: (slug: string) => boolean, threads?: number): Promise<Outlines> {
  const outlined = data.questions.filter(({ id }) => !rendered(id));
  const bodies = outlined.flatMap(({ data: question }) => (question.answers ?? []).map((answer) => answer.body));
  const excerpts = await mapShared(bodies, threads ?? threadsFor(bodies.length, MIN_ANSWERS), answerExcerpt, { file: WORKER, data: (share) => share });
  const outlines: Outlines = new Map();
  let next = 0;
  for (const { id, data: question } of outlined) {
    const count = question.answers?.length ?? 0;
    outlines.set(id, excerpts.slice(next, next + count));
    next += count;
  }
  return outlines;
}

/**
 * `data` without the bodies of the outlined questions' answers, and without the parsed values
 * kept for the next build's cache (a part keeps none): all that is left of them is garbage.
 */
export function withoutOutlinedAnswers(data: LoadedData, outlines: ReadonlyMap<string, unknown>): LoadedData {
  const questions = data.questions.map((file) => {
    const { answers } = file.data;
    if (!outlines.has(file.id) || !answers) return file;
    return { ...file, data: { ...file.data, answers: answers.map((answer) => ({ ...answer, body: '' })) } };
  });
  const files = data.files && new Map([...data.files].map(([path, known]) => [path, { hash: known.hash, stamp: known.stamp, value: undefined }]));
  return { ...data, questions, ...(files ? { files } : {}) };
}
