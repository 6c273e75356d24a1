import type { LoadedData } from '../data/load.js';
import type { ExpertData, QuestionData } from '../data/schema.js';
import { formatDate } from './dates.js';
import { accentPair } from '../data/contrast.js';
import { labelsFor, Words } from './labels.js';
import { primaryLanguage } from './language.js';
import { MarkdownMemo, renderMarkdownAndText, truncate, type MarkdownField } from './markdown.js';
import { answerAnchors, paths, urlFor } from './permalinks.js';
import { compareNewest, relatedQuestions } from './related.js';
import type {
  Answer,
  AnswerLink,
  Expert,
  ExpertCard,
  ListingPage,
  Question,
  QuestionSummary,
  SiteImages,
  SiteInfo,
  SiteModel,
  Topic,
  TopicRef,
} from './types.js';

export interface ModelOptions {
  /** Questions per page in "all questions" and topic listings. Default: 20. */
  pageSize?: number;
  /** Questions on the home page. Default: 10. */
  latestCount?: number;
  /** Entries in the Atom feed. Default: 20. */
  feedCount?: number;
  /** Markdown rendered by an earlier build. Default: none. */
  markdown?: MarkdownMemo;
  /** The images made of the files the data points to. Default: none (no photos, logo or share image). */
  images?: SiteImages;
  /**
   * Questions whose pages this process does not render (a part's other shards), by slug: each
   * with its answers' excerpts (`outlineQuestions` in `outlines.ts`), which is all the other
   * pages take of the answers. Their answers' bodies are neither rendered nor held. Default: none.
   */
  outlines?: ReadonlyMap<string, readonly string[]>;
}

const NO_IMAGES: SiteImages = { photos: new Map(), logo: null, image: null };

/** Default bytes of search data precached for offline search (site.yaml `offlineBudget`). */
export const DEFAULT_OFFLINE_BUDGET = 2_000_000;

/** Entries in the Atom feed, by default. */
const DEFAULT_FEED_COUNT = 20;

/** Characters in an excerpt: a question's in listings, an answer's on its expert's profile. */
const EXCERPT_LENGTH = 200;

/**
 * An answer's excerpt, as `buildModel` makes it from the answer's body (for
 * `ModelOptions.outlines`): a string of its own, where a cut string would be a view of the whole
 * text (see `ownStrings` in `data/load.ts`), which an outline is there to let go.
 */
export function answerExcerpt(body: string): string {
  return structuredClone(truncate(renderMarkdownAndText(body, HEADINGS.answerBody).text, EXCERPT_LENGTH));
}

/** The heading offset of each markdown field: its headings go below those its page puts above it. */
const HEADINGS = { disclaimer: 2, questionBody: 1, answerBody: 3, bio: 1 } as const;

/**
 * Every markdown field of the data, as `buildModel` renders it: for rendering them ahead
 * (`renderAhead.ts`). The answers of outlined questions are left out.
 */
export function* markdownFields(data: LoadedData, outlines?: ReadonlyMap<string, unknown>): Generator<MarkdownField> {
  if (data.site.data.disclaimer) yield { source: data.site.data.disclaimer, headingOffset: HEADINGS.disclaimer };
  for (const { id, data: question } of data.questions) {
    yield { source: question.body, headingOffset: HEADINGS.questionBody };
    if (outlines?.has(id)) continue;
    for (const answer of question.answers ?? []) yield { source: answer.body, headingOffset: HEADINGS.answerBody };
  }
  for (const { data: expert } of data.experts) if (expert.bio) yield { source: expert.bio, headingOffset: HEADINGS.bio };
}

const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ku', 'ps', 'sd', 'ug', 'ur', 'yi']);

/** Turns validated data into the page model. Pure: the same data always gives the same model. */
export function buildModel(data: LoadedData, options: ModelOptions = {}): SiteModel {
  const pageSize = options.pageSize ?? 20;
  const md = options.markdown ?? new MarkdownMemo();
  const images = options.images ?? NO_IMAGES;
  const site = siteInfo(data, md, images);
  const words = new Words(site.language, site.labels);
  const base = site.basePath;

  const topicRefs = new Map<string, TopicRef>(
    Object.entries(data.topics.data).map(([id, topic]) => [id, { id, name: topic.name, url: urlFor(base, paths.topicPage(id, 1)) }]),
  );
  const cards = new Map<string, ExpertCard>(data.experts.map((expert) => [expert.id, expertCard(expert.id, expert.data, base, words, images)]));

  const sorted = [...data.questions].sort((a, b) =>
    compareNewest({ asked: a.data.asked, slug: a.id }, { asked: b.data.asked, slug: b.id }),
  );
  const questions: Question[] = sorted.map(({ id, file, data: question }) =>
    buildQuestion(id, file, question, site, words, topicRefs, cards, md, options.outlines?.get(id)),
  );
  const summaries = new Map(questions.map((question) => [question.slug, summarize(question)]));
  const related = relatedQuestions(questions.map((q) => ({ slug: q.slug, asked: q.asked, topics: q.topics.map((t) => t.id) })));
  for (const question of questions) {
    question.related = (related.get(question.slug) ?? []).map((slug) => summaries.get(slug) as QuestionSummary);
  }

  // Each topic's questions, newest first, in one pass over the questions.
  const byTopic = new Map<string, string[]>([...topicRefs.keys()].map((id) => [id, []]));
  for (const question of questions) for (const id of new Set(question.topics.map((t) => t.id))) byTopic.get(id)?.push(question.slug);
  const topics: Topic[] = [...topicRefs.values()].map((ref) => {
    const slugs = byTopic.get(ref.id) ?? [];
    return {
      ...ref,
      description: data.topics.data[ref.id]?.description ?? '',
      questionSlugs: slugs,
      questionCount: slugs.length,
      questionCountText: words.count('questionCount', slugs.length),
    };
  });

  const answersByExpert = new Map<string, AnswerLink[]>();
  for (const question of questions) {
    for (const answer of question.answers) {
      const list = answersByExpert.get(answer.expert.id) ?? [];
      list.push({
        questionTitle: question.title,
        questionUrl: question.url,
        headline: answer.headline,
        url: answer.url,
        date: answer.date,
        dateText: answer.dateText,
        excerpt: answer.excerpt,
      });
      answersByExpert.set(answer.expert.id, list);
    }
  }
  const experts = data.experts
    .map(({ id, file, data: expert }) => buildExpert(id, file, expert, cards.get(id) as ExpertCard, answersByExpert.get(id) ?? [], md, words))
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : 1));

  const listings = [
    ...paginate(questions.map((q) => summaries.get(q.slug) as QuestionSummary), pageSize, (page) => paths.questionsPage(page), base, words, {
      kind: 'questions',
      title: site.labels.allQuestions,
      description: site.description || site.labels.allQuestions,
      topic: null,
    }),
    ...topics.flatMap((topic) =>
      paginate(topic.questionSlugs.map((slug) => summaries.get(slug) as QuestionSummary), pageSize, (page) => paths.topicPage(topic.id, page), base, words, {
        kind: 'topic',
        title: topic.name,
        description: topic.description || `${site.labels.questions}: ${topic.name}`,
        topic,
      }),
    ),
  ];

  const updated = questions.reduce((latest, q) => (q.updated > latest ? q.updated : latest), '1970-01-01');
  return {
    site,
    questions,
    experts,
    topics,
    listings,
    latest: questions.slice(0, options.latestCount ?? 10).map((q) => summaries.get(q.slug) as QuestionSummary),
    feed: [...questions].sort(compareUpdated).slice(0, options.feedCount ?? DEFAULT_FEED_COUNT),
    updated,
    synonyms: searchSynonyms(data.synonyms?.data ?? [], site.language),
  };
}

/** Newest first by the date a question was last asked or answered, as the feed lists them. */
function compareUpdated(a: { updated: string; asked: string; slug: string }, b: { updated: string; asked: string; slug: string }): number {
  return a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : compareNewest(a, b);
}

/** The newest date of a question: asked, or its latest answer's. */
function lastUpdated(question: QuestionData): string {
  return (question.answers ?? []).reduce((latest, answer) => (answer.date > latest ? answer.date : latest), question.asked);
}

/** The slugs of the questions in the Atom feed (whose entries hold their answers in full), from the data. */
export function feedSlugs(data: Pick<LoadedData, 'questions'>, count = DEFAULT_FEED_COUNT): string[] {
  return data.questions
    .map(({ id, data: question }) => ({ slug: id, asked: question.asked, updated: lastUpdated(question) }))
    .sort(compareUpdated)
    .slice(0, count)
    .map(({ slug }) => slug);
}

/**
 * The groups of `synonyms.yaml` as the search page matches them: each term lowercased in the
 * site's language with its words split on spaces, groups and terms in the file's order, a term
 * repeated within a group kept once.
 */
export function searchSynonyms(groups: readonly (readonly string[])[], language: string): string[][] {
  return groups.map((group) => [...new Set(group.map((term) => term.normalize('NFC').toLocaleLowerCase(language).split(/\s+/u).filter(Boolean).join(' ')))]);
}

/** The site's language, a BCP 47 tag: English unless `site.yaml` says otherwise. */
export function siteLanguage(data: Pick<LoadedData, 'site'>): string {
  return data.site.data.language ?? 'en';
}

/** The site's absolute URL without a trailing slash, and the path it is served under (`''` at a domain's root). */
export function siteAddress(data: Pick<LoadedData, 'site'>): { url: string; basePath: string } {
  const url = new URL(data.site.data.url);
  const basePath = url.pathname.replace(/\/+$/, '');
  return { url: `${url.origin}${basePath}`, basePath };
}

function siteInfo(data: LoadedData, md: MarkdownMemo, images: SiteImages): SiteInfo {
  const raw = data.site.data;
  const { url, basePath } = siteAddress(data);
  const language = siteLanguage(data);
  const disclaimer = raw.disclaimer ?? '';
  return {
    title: raw.title,
    url,
    basePath,
    language,
    dir: RTL_LANGUAGES.has(primaryLanguage(language)) ? 'rtl' : 'ltr',
    description: raw.description ?? '',
    disclaimerHtml: disclaimer ? md.render(disclaimer, HEADINGS.disclaimer).html : '',
    disclaimerText: disclaimer ? md.render(disclaimer, HEADINGS.disclaimer).text : '',
    editUrl: raw.editUrl ?? null,
    offlineBudget: raw.offlineBudget ?? DEFAULT_OFFLINE_BUDGET,
    labels: labelsFor(language, raw.labels),
    logo: images.logo,
    image: images.image,
    accent: raw.theme?.accent ? accentPair(raw.theme.accent) : null,
    editor: raw.editor ?? null,
  };
}

function expertCard(id: string, expert: ExpertData, base: string, words: Words, images: SiteImages): ExpertCard {
  const credentials = expert.credentials ?? [];
  const { city, region, country } = expert.location;
  return {
    id,
    name: expert.name,
    credentials,
    displayName: [expert.name, ...credentials].join(', '),
    specialty: expert.specialty,
    city,
    region: region ?? null,
    country: country ?? null,
    locationText: [city, region ?? country].filter(Boolean).join(', '),
    rating: expert.rating
      ? {
          value: expert.rating.value,
          count: expert.rating.count,
          text: words.rating(expert.rating.value, expert.rating.count),
          percent: Math.round((expert.rating.value / 5) * 1000) / 10,
        }
      : null,
    url: urlFor(base, paths.expert(id)),
    photo: expert.photo ? (images.photos.get(expert.photo) ?? null) : null,
    photoAlt: words.photoAlt(expert.name),
    initials: initialsOf(expert.name),
  };
}

/**
 * "EM" for Elena Marsh: the first letters of the first and last words of a name, leaving out
 * abbreviations such as "Dr." when a name has other words.
 */
export function initialsOf(name: string): string {
  const words = name.split(/\s+/).filter(Boolean);
  const named = words.filter((word) => !word.endsWith('.'));
  const chosen = named.length > 0 ? named : words;
  const first = (word: string | undefined) => (word ? (Array.from(new Intl.Segmenter().segment(word))[0]?.segment ?? '') : '');
  const letters = chosen.length > 1 ? first(chosen[0]) + first(chosen[chosen.length - 1]) : first(chosen[0]);
  return letters.toUpperCase();
}

function buildQuestion(
  slug: string,
  file: string,
  question: QuestionData,
  site: SiteInfo,
  words: Words,
  topicRefs: ReadonlyMap<string, TopicRef>,
  cards: ReadonlyMap<string, ExpertCard>,
  md: MarkdownMemo,
  outline?: readonly string[],
): Question {
  const url = urlFor(site.basePath, paths.question(slug));
  const rawAnswers = question.answers ?? [];
  const anchors = answerAnchors(rawAnswers.map((answer) => answer.author));
  const answers: Answer[] = rawAnswers.map((answer, i) => {
    const expert = cards.get(answer.author) as ExpertCard;
    const anchor = anchors[i] as string;
    const body = outline ? { html: '', text: '' } : md.render(answer.body, HEADINGS.answerBody);
    const excerpt = outline ? outline[i] : truncate(body.text, EXCERPT_LENGTH);
    if (excerpt === undefined) throw new Error(`the outline of question ${slug} has no excerpt for answer ${i + 1}`);
    return {
      anchor,
      url: `${url}#${anchor}`,
      headline: answer.title ?? words.answerFrom(expert.name),
      hasTitle: answer.title !== undefined,
      bodyHtml: body.html,
      bodyText: body.text,
      excerpt,
      date: answer.date,
      dateText: formatDate(answer.date, site.language),
      helpful: answer.helpful ?? null,
      helpfulText: answer.helpful ? words.count('helpful', answer.helpful) : null,
      expert,
    };
  });
  const { html: bodyHtml, text: bodyText } = md.render(question.body, HEADINGS.questionBody);
  const updated = lastUpdated(question);
  return {
    slug,
    path: paths.question(slug),
    file,
    title: question.title,
    url,
    asked: question.asked,
    askedText: formatDate(question.asked, site.language),
    answerCount: answers.length,
    answerCountText: words.count('answerCount', answers.length),
    excerpt: truncate(bodyText, EXCERPT_LENGTH),
    topics: question.topics.map((id) => topicRefs.get(id) as TopicRef),
    bodyHtml,
    bodyText,
    description: truncate(bodyText || question.title, 160),
    answers,
    related: [],
    specialties: unique(answers.map((a) => a.expert.specialty)),
    locations: unique(answers.map((a) => a.expert.region ?? a.expert.city)),
    updated,
    editUrl: site.editUrl ? site.editUrl.replaceAll('{path}', file) : null,
  };
}

/**
 * One question's model made against a site's model already built, for `serve`'s preview of an
 * edited file: its experts' cards, topics and site as that model has them, and the related
 * questions it had there (none for a new question). Every answer's author and every topic must
 * be in that model. The build itself always runs `buildModel`.
 */
export function rebuildQuestion(model: SiteModel, slug: string, file: string, question: QuestionData, md = new MarkdownMemo()): Question {
  const { site } = model;
  const words = new Words(site.language, site.labels);
  const topicRefs = new Map<string, TopicRef>(model.topics.map(({ id, name, url }) => [id, { id, name, url }]));
  const cards = new Map<string, ExpertCard>(model.experts.map((expert) => [expert.id, cardOf(expert)]));
  for (const author of (question.answers ?? []).map((answer) => answer.author)) if (!cards.has(author)) throw new Error(`no expert ${author}`);
  for (const topic of question.topics) if (!topicRefs.has(topic)) throw new Error(`no topic ${topic}`);
  const built = buildQuestion(slug, file, question, site, words, topicRefs, cards, md);
  built.related = model.questions.find((q) => q.slug === slug)?.related ?? [];
  return built;
}

/** An expert's card, as `expertCard` made it, from the expert's model. */
function cardOf(expert: Expert): ExpertCard {
  const { id, name, credentials, displayName, specialty, city, region, country, locationText, rating, url, photo, photoAlt, initials } = expert;
  return { id, name, credentials, displayName, specialty, city, region, country, locationText, rating, url, photo, photoAlt, initials };
}

function summarize(question: Question): QuestionSummary {
  const { slug, title, url, asked, askedText, answerCount, answerCountText: countText, excerpt, topics } = question;
  return { slug, title, url, asked, askedText, answerCount, answerCountText: countText, excerpt, topics };
}

function buildExpert(id: string, file: string, expert: ExpertData, card: ExpertCard, answers: AnswerLink[], md: MarkdownMemo, words: Words): Expert {
  answers.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.url < b.url ? -1 : 1));
  const bioText = expert.bio ? md.render(expert.bio, HEADINGS.bio).text : '';
  return {
    ...card,
    path: paths.expert(id),
    file,
    bioHtml: expert.bio ? md.render(expert.bio, HEADINGS.bio).html : '',
    bioText,
    website: expert.website ?? null,
    answers,
    answerCountText: words.count('answersWritten', answers.length),
    description: truncate(bioText || words.expertSummary(card.displayName, card.specialty, card.locationText), 160),
  };
}

function paginate(
  items: QuestionSummary[],
  pageSize: number,
  pathOf: (page: number) => string,
  base: string,
  words: Words,
  meta: Pick<ListingPage, 'kind' | 'title' | 'description' | 'topic'>,
): ListingPage[] {
  const pageCount = Math.max(1, Math.ceil(items.length / pageSize));
  const pages = Array.from({ length: pageCount }, (_, i) => ({ number: i + 1, url: urlFor(base, pathOf(i + 1)) }));
  return pages.map(({ number, url }) => ({
    ...meta,
    path: pathOf(number),
    url,
    heading: meta.title,
    title: number === 1 ? meta.title : words.pageTitle(meta.title, number, pageCount),
    pageNumber: number,
    pageCount,
    previousUrl: number > 1 ? (pages[number - 2]?.url ?? null) : null,
    nextUrl: number < pageCount ? (pages[number]?.url ?? null) : null,
    pages,
    shownPages: shownPages(pages, number),
    items: items.slice((number - 1) * pageSize, number * pageSize),
  }));
}

/** Pages shown either side of the current one in a listing's links. */
const NEARBY_PAGES = 2;

/** The first and last of `pages`, and those near page `current`, with `null` for a run left out (a run of one is shown). */
export function shownPages<T extends { number: number }>(pages: readonly T[], current: number): (T | null)[] {
  const shown: (T | null)[] = [];
  for (const page of pages) {
    const near = Math.abs(page.number - current) <= NEARBY_PAGES;
    const end = page.number === 1 || page.number === pages.length;
    // A single page between two shown ones is shown rather than replaced by a gap.
    const bridges = Math.abs(page.number - current) === NEARBY_PAGES + 1 && (page.number === 2 || page.number === pages.length - 1);
    if (near || end || bridges) shown.push(page);
    else if (shown[shown.length - 1] !== null) shown.push(null);
  }
  return shown;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
