import type { LoadedData } from '../data/load.js';
import type { ExpertData, QuestionData } from '../data/schema.js';
import { formatDate } from './dates.js';
import { answerCountText, answerFromText, answersText, englishLabels, helpfulText, pageTitleText, questionsText, ratingText } from './labels.js';
import { MarkdownMemo, truncate, type MarkdownField } from './markdown.js';
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
}

/** Default bytes of search data precached for offline search (site.yaml `offlineBudget`). */
export const DEFAULT_OFFLINE_BUDGET = 2_000_000;

/** The heading offset of each markdown field: its headings go below those its page puts above it. */
const HEADINGS = { disclaimer: 2, questionBody: 1, answerBody: 3, bio: 1 } as const;

/** Every markdown field of the data, as `buildModel` renders it: for rendering them ahead (`renderAhead.ts`). */
export function* markdownFields(data: LoadedData): Generator<MarkdownField> {
  if (data.site.data.disclaimer) yield { source: data.site.data.disclaimer, headingOffset: HEADINGS.disclaimer };
  for (const { data: question } of data.questions) {
    yield { source: question.body, headingOffset: HEADINGS.questionBody };
    for (const answer of question.answers ?? []) yield { source: answer.body, headingOffset: HEADINGS.answerBody };
  }
  for (const { data: expert } of data.experts) if (expert.bio) yield { source: expert.bio, headingOffset: HEADINGS.bio };
}

const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ku', 'ps', 'sd', 'ug', 'ur', 'yi']);

/** Turns validated data into the page model. Pure: the same data always gives the same model. */
export function buildModel(data: LoadedData, options: ModelOptions = {}): SiteModel {
  const pageSize = options.pageSize ?? 20;
  const md = options.markdown ?? new MarkdownMemo();
  const site = siteInfo(data, md);
  const base = site.basePath;

  const topicRefs = new Map<string, TopicRef>(
    Object.entries(data.topics.data).map(([id, topic]) => [id, { id, name: topic.name, url: urlFor(base, paths.topicPage(id, 1)) }]),
  );
  const cards = new Map<string, ExpertCard>(data.experts.map((expert) => [expert.id, expertCard(expert.id, expert.data, base)]));

  const sorted = [...data.questions].sort((a, b) =>
    compareNewest({ asked: a.data.asked, slug: a.id }, { asked: b.data.asked, slug: b.id }),
  );
  const questions: Question[] = sorted.map(({ id, file, data: question }) =>
    buildQuestion(id, file, question, site, topicRefs, cards, md),
  );
  const summaries = new Map(questions.map((question) => [question.slug, summarize(question)]));
  const related = relatedQuestions(questions.map((q) => ({ slug: q.slug, asked: q.asked, topics: q.topics.map((t) => t.id) })));
  for (const question of questions) {
    question.related = (related.get(question.slug) ?? []).map((slug) => summaries.get(slug) as QuestionSummary);
  }

  const topics: Topic[] = [...topicRefs.values()].map((ref) => {
    const slugs = questions.filter((q) => q.topics.some((t) => t.id === ref.id)).map((q) => q.slug);
    return {
      ...ref,
      description: data.topics.data[ref.id]?.description ?? '',
      questionSlugs: slugs,
      questionCount: slugs.length,
      questionCountText: questionsText(slugs.length),
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
        excerpt: truncate(answer.bodyText, 200),
      });
      answersByExpert.set(answer.expert.id, list);
    }
  }
  const experts = data.experts
    .map(({ id, file, data: expert }) => buildExpert(id, file, expert, cards.get(id) as ExpertCard, answersByExpert.get(id) ?? [], md))
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : 1));

  const listings = [
    ...paginate(questions.map((q) => summaries.get(q.slug) as QuestionSummary), pageSize, (page) => paths.questionsPage(page), base, {
      kind: 'questions',
      title: site.labels.allQuestions,
      description: site.description || site.labels.allQuestions,
      topic: null,
    }),
    ...topics.flatMap((topic) =>
      paginate(topic.questionSlugs.map((slug) => summaries.get(slug) as QuestionSummary), pageSize, (page) => paths.topicPage(topic.id, page), base, {
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
    feed: [...questions]
      .sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : compareNewest(a, b)))
      .slice(0, options.feedCount ?? 20),
    updated,
  };
}

/** The site's language, a BCP 47 tag: English unless `site.yaml` says otherwise. */
export function siteLanguage(data: Pick<LoadedData, 'site'>): string {
  return data.site.data.language ?? 'en';
}

function siteInfo(data: LoadedData, md: MarkdownMemo): SiteInfo {
  const raw = data.site.data;
  const url = new URL(raw.url);
  const basePath = url.pathname.replace(/\/+$/, '');
  const language = siteLanguage(data);
  const disclaimer = raw.disclaimer ?? '';
  return {
    title: raw.title,
    url: `${url.origin}${basePath}`,
    basePath,
    language,
    dir: RTL_LANGUAGES.has(language.split('-')[0]?.toLowerCase() ?? '') ? 'rtl' : 'ltr',
    description: raw.description ?? '',
    disclaimerHtml: disclaimer ? md.render(disclaimer, HEADINGS.disclaimer).html : '',
    disclaimerText: disclaimer ? md.render(disclaimer, HEADINGS.disclaimer).text : '',
    editUrl: raw.editUrl ?? null,
    offlineBudget: raw.offlineBudget ?? DEFAULT_OFFLINE_BUDGET,
    labels: englishLabels,
    editor: raw.editor ?? null,
  };
}

function expertCard(id: string, expert: ExpertData, base: string): ExpertCard {
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
          text: ratingText(expert.rating.value, expert.rating.count),
          percent: Math.round((expert.rating.value / 5) * 1000) / 10,
        }
      : null,
    url: urlFor(base, paths.expert(id)),
  };
}

function buildQuestion(
  slug: string,
  file: string,
  question: QuestionData,
  site: SiteInfo,
  topicRefs: ReadonlyMap<string, TopicRef>,
  cards: ReadonlyMap<string, ExpertCard>,
  md: MarkdownMemo,
): Question {
  const url = urlFor(site.basePath, paths.question(slug));
  const rawAnswers = question.answers ?? [];
  const anchors = answerAnchors(rawAnswers.map((answer) => answer.author));
  const answers: Answer[] = rawAnswers.map((answer, i) => {
    const expert = cards.get(answer.author) as ExpertCard;
    const anchor = anchors[i] as string;
    const body = md.render(answer.body, HEADINGS.answerBody);
    return {
      anchor,
      url: `${url}#${anchor}`,
      headline: answer.title ?? answerFromText(expert.name),
      hasTitle: answer.title !== undefined,
      bodyHtml: body.html,
      bodyText: body.text,
      date: answer.date,
      dateText: formatDate(answer.date, site.language),
      helpful: answer.helpful ?? null,
      helpfulText: answer.helpful ? helpfulText(answer.helpful) : null,
      expert,
    };
  });
  const { html: bodyHtml, text: bodyText } = md.render(question.body, HEADINGS.questionBody);
  const updated = answers.reduce((latest, a) => (a.date > latest ? a.date : latest), question.asked);
  return {
    slug,
    path: paths.question(slug),
    file,
    title: question.title,
    url,
    asked: question.asked,
    askedText: formatDate(question.asked, site.language),
    answerCount: answers.length,
    answerCountText: answerCountText(answers.length),
    excerpt: truncate(bodyText, 200),
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

function summarize(question: Question): QuestionSummary {
  const { slug, title, url, asked, askedText, answerCount, answerCountText: countText, excerpt, topics } = question;
  return { slug, title, url, asked, askedText, answerCount, answerCountText: countText, excerpt, topics };
}

function buildExpert(id: string, file: string, expert: ExpertData, card: ExpertCard, answers: AnswerLink[], md: MarkdownMemo): Expert {
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
    answerCountText: answersText(answers.length),
    description: truncate(bioText || `${card.displayName}, ${card.specialty} in ${card.locationText}.`, 160),
  };
}

function paginate(
  items: QuestionSummary[],
  pageSize: number,
  pathOf: (page: number) => string,
  base: string,
  meta: Pick<ListingPage, 'kind' | 'title' | 'description' | 'topic'>,
): ListingPage[] {
  const pageCount = Math.max(1, Math.ceil(items.length / pageSize));
  const pages = Array.from({ length: pageCount }, (_, i) => ({ number: i + 1, url: urlFor(base, pathOf(i + 1)) }));
  return pages.map(({ number, url }) => ({
    ...meta,
    path: pathOf(number),
    url,
    heading: meta.title,
    title: number === 1 ? meta.title : pageTitleText(meta.title, number, pageCount),
    pageNumber: number,
    pageCount,
    previousUrl: number > 1 ? (pages[number - 2]?.url ?? null) : null,
    nextUrl: number < pageCount ? (pages[number]?.url ?? null) : null,
    pages,
    items: items.slice((number - 1) * pageSize, number * pageSize),
  }));
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
