/**
 * The page model: plain data built once from the validated files and handed to the templates.
 * No Eleventy types; every URL already includes the site's base path.
 */
import type { EditorData } from '../data/schema.js';

export interface SiteInfo {
  title: string;
  /** Absolute URL of the site, without a trailing slash. */
  url: string;
  /** Path the site is served under (`''` at a domain's root, `/docs` under a folder). */
  basePath: string;
  language: string;
  /** Text direction of the language, for `<html dir>`. */
  dir: 'ltr' | 'rtl';
  description: string;
  disclaimerHtml: string;
  disclaimerText: string;
  editUrl: string | null;
  offlineBudget: number;
  labels: Labels;
  /** Where the web editor at `/admin/` commits the data; null: no editor is published. */
  editor: EditorData | null;
}

export interface Labels {
  skipToContent: string;
  home: string;
  mainNavigation: string;
  questions: string;
  experts: string;
  topics: string;
  search: string;
  feed: string;
  searchLabel: string;
  siteSearch: string;
  searchPlaceholder: string;
  searchButton: string;
  /** Search status lines: `{n}` is a number of results, `{q}` what was searched for. */
  searchResultsFor: string;
  searchResultFor: string;
  searchNoResultsFor: string;
  searchFilteredResults: string;
  searchMore: string;
  searchFilters: string;
  searchUnavailable: string;
  searchNeedsScript: string;
  /** Search filters' names. */
  filterTopic: string;
  filterSpecialty: string;
  filterLocation: string;
  filterType: string;
  asked: string;
  answered: string;
  noAnswers: string;
  disclaimerHeading: string;
  relatedQuestions: string;
  latestQuestions: string;
  allQuestions: string;
  browseTopics: string;
  permalink: string;
  suggestAnswer: string;
  edit: string;
  website: string;
  answersBy: string;
  previousPage: string;
  nextPage: string;
  pagination: string;
  pageOf: string;
  notFoundTitle: string;
  notFoundText: string;
  offlineTitle: string;
  offlineText: string;
  savedPages: string;
  makeOffline: string;
  offlineReading: string;
  cancel: string;
  savedAll: string;
  saveCancelled: string;
  savePaused: string;
  saveFailed: string;
  saveNoSpace: string;
  dismiss: string;
  updateAvailable: string;
  reload: string;
  breadcrumbs: string;
  topicsOfQuestion: string;
  noRating: string;
}

export interface Rating {
  value: number;
  count: number;
  /** "4.9 out of 5 stars, 75 reviews": what screen readers and text browsers get. */
  text: string;
  /** 0-100, the width of the filled stars in the visual (hidden from screen readers). */
  percent: number;
}

/** What an answer shows of its author. */
export interface ExpertCard {
  id: string;
  name: string;
  credentials: string[];
  /** "Jane Doe, MD, FACS" */
  displayName: string;
  specialty: string;
  city: string;
  region: string | null;
  country: string | null;
  /** "Boston, Massachusetts" */
  locationText: string;
  rating: Rating | null;
  url: string;
}

export interface Expert extends ExpertCard {
  /** Output path, relative to the output folder. */
  path: string;
  file: string;
  bioHtml: string;
  bioText: string;
  website: string | null;
  /** Every answer by this expert, newest first. */
  answers: AnswerLink[];
  /** "12 answers". */
  answerCountText: string;
  description: string;
}

export interface AnswerLink {
  questionTitle: string;
  questionUrl: string;
  headline: string;
  url: string;
  date: string;
  dateText: string;
  excerpt: string;
}

export interface TopicRef {
  id: string;
  name: string;
  url: string;
}

export interface Topic extends TopicRef {
  description: string;
  /** Slugs, newest first. */
  questionSlugs: string[];
  questionCount: number;
  /** "12 questions". */
  questionCountText: string;
}

export interface Answer {
  /** Stable fragment id: `answer-<author>`, with `-2`, `-3` for an expert's later answers. */
  anchor: string;
  url: string;
  /** The answer's title, or "Answer from <name>". */
  headline: string;
  hasTitle: boolean;
  bodyHtml: string;
  bodyText: string;
  date: string;
  dateText: string;
  helpful: number | null;
  helpfulText: string | null;
  expert: ExpertCard;
}

export interface QuestionSummary {
  slug: string;
  title: string;
  url: string;
  asked: string;
  askedText: string;
  answerCount: number;
  answerCountText: string;
  excerpt: string;
  topics: TopicRef[];
}

export interface Question extends QuestionSummary {
  /** Output path, relative to the output folder. */
  path: string;
  file: string;
  bodyHtml: string;
  bodyText: string;
  description: string;
  answers: Answer[];
  related: QuestionSummary[];
  /** Specialties of the experts who answered, each once, for the search filter. */
  specialties: string[];
  /** Regions (or cities) of the experts who answered, each once, for the search filter. */
  locations: string[];
  /** The newest date on the page (asked or answered), for the sitemap and feed. */
  updated: string;
  editUrl: string | null;
}

/** One page of a paginated list of questions (all questions, or a topic's). */
export interface ListingPage {
  kind: 'questions' | 'topic';
  /** Output path relative to the output folder, ending in `/`. */
  path: string;
  url: string;
  title: string;
  heading: string;
  description: string;
  topic: Topic | null;
  pageNumber: number;
  pageCount: number;
  previousUrl: string | null;
  nextUrl: string | null;
  /** Links to every page of this listing. */
  pages: { number: number; url: string }[];
  items: QuestionSummary[];
}

export interface SiteModel {
  site: SiteInfo;
  /** Newest first (asked date, then slug). */
  questions: Question[];
  /** By name. */
  experts: Expert[];
  /** In the order of topics.yaml. */
  topics: Topic[];
  listings: ListingPage[];
  /** The newest questions for the home page. */
  latest: QuestionSummary[];
  /** The most recently asked or answered questions, for the Atom feed. */
  feed: Question[];
  /** The newest date anywhere on the site. */
  updated: string;
}
