import type { Labels } from '../data/labels/index.js';

export type { Labels };

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
  /** The logo shown in the header; null: the title as text. */
  logo: Logo | null;
  /** The default share image (`og:image`); null: none. */
  image: ShareImage | null;
  /** The accent colour of links and buttons in each scheme; null: the stylesheet's own. */
  accent: { light: string; dark: string } | null;
  /** Where the web editor at `/admin/` commits the data; null: no editor is published. */
  editor: EditorData | null;
}

/** Responsive versions of one image: `<source>`s (best format first) and the `<img>` fallback. */
export interface Picture {
  sources: { type: string; srcset: string }[];
  src: string;
  srcset: string;
  width: number;
  height: number;
}

/** An image for share cards, at an absolute URL. */
export interface ShareImage {
  url: string;
  width: number;
  height: number;
  type: string;
}

export interface Logo {
  url: string;
  width: number;
  height: number;
}

/** An expert's photo: a small one for bylines, a large one for the profile, and a share image. */
export interface Portrait {
  small: Picture;
  large: Picture;
  share: ShareImage;
}

/** What the build made of the files the data points to, by their path in the data folder. */
export interface SiteImages {
  photos: ReadonlyMap<string, Portrait>;
  logo: Logo | null;
  image: ShareImage | null;
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
  /** The expert's photo; null: an avatar of `initials`. */
  photo: Portrait | null;
  photoAlt: string;
  /** One or two letters for the avatar of an expert with no photo. */
  initials: string;
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
  /** Empty in a question outlined for a part that does not render its page (`ModelOptions.outlines`). */
  bodyHtml: string;
  bodyText: string;
  /** The start of the answer's text, for the links on its expert's profile. */
  excerpt: string;
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
  /**
   * The links the page shows: the first and last pages and the two either side of this one,
   * with `null` where pages are left out. A site of many pages would otherwise repeat every
   * link on every page.
   */
  shownPages: ({ number: number; url: string } | null)[];
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
  /** Groups of equivalent search terms from `synonyms.yaml`, lowercased; see `searchSynonyms`. */
  synonyms: string[][];
}
