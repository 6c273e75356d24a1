/**
 * The data contract, version 1 (see DESIGN.md): one schema per file kind. Types are inferred
 * from the schemas and the same schemas are published as JSON Schema for editors.
 * https://zod.dev/api
 */
import { z } from 'zod';
import { DATE_PATTERN, isCalendarDate } from './dates.js';

/** An id or slug: lowercase letters and digits in words joined by single hyphens. */
export const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const text = z.string().trim().min(1);
const markdown = z.string().trim().min(1);

const httpUrl = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  },
  { message: 'must be an absolute http(s) URL such as https://example.org/' },
);

const date = z
  .string()
  .regex(new RegExp(DATE_PATTERN), { message: 'must be a date written YYYY-MM-DD' })
  .refine(isCalendarDate, { message: 'is not a real calendar date: check the month (01-12) and the day' });

const languageTag = z.string().refine(
  (value) => {
    try {
      return Intl.getCanonicalLocales(value).length === 1;
    } catch {
      return false;
    }
  },
  { message: 'must be a BCP 47 language tag such as en, fr-CA or ja' },
);

export const siteSchema = z
  .strictObject({
    /** The site's name, shown in every page title and the header. */
    title: text,
    /** Absolute URL the site is published at; canonical links, sitemap and feed use it. */
    url: httpUrl,
    /** BCP 47 language of the content. Default: `en`. */
    language: languageTag.optional(),
    /** One sentence about the site, for the home page and search engines. Default: none. */
    description: text.optional(),
    /** Markdown shown under every question's answers. Default: none. */
    disclaimer: markdown.optional(),
    /** URL template with `{path}` (the data file's path) for "suggest an answer / edit" links. Default: none. */
    editUrl: httpUrl
      .refine((value) => value.includes('{path}'), { message: 'must contain {path}, where the data file path goes' })
      .optional(),
    /**
     * Bytes of search index and answer fragments a first visit stores for offline search.
     * Default: 2,000,000 (about 2 MB).
     */
    offlineBudget: z.number().int().min(0).optional(),
  })
  .meta({ title: 'answerpress site.yaml', description: 'The site itself: title, URL, language, disclaimer.' });

export const topicSchema = z.strictObject({
  /** The topic's name as readers see it. */
  name: text,
  /** A sentence shown on the topic's page. Default: none. */
  description: text.optional(),
});

export const topicsSchema = z
  .record(z.string().regex(ID_PATTERN, { message: 'is not a valid topic id' }), topicSchema)
  .meta({ title: 'answerpress topics.yaml', description: 'Map of topic id to its name and description.' });

export const expertSchema = z
  .strictObject({
    /** Full name as it should appear on every answer. */
    name: text,
    /** Degrees and board certifications, in order, e.g. `[MD, FACS]`. Default: none. */
    credentials: z.array(text).optional(),
    /** Specialty, e.g. `Neurologist`. */
    specialty: text,
    /** Where the expert practises; `city` is required. */
    location: z.strictObject({
      city: text,
      /** State, province or county. Default: none. */
      region: text.optional(),
      /** Default: none. */
      country: text.optional(),
    }),
    /** Readers' rating. Default: none (no stars are shown). */
    rating: z
      .strictObject({
        /** Average stars, 0 to 5. */
        value: z.number().min(0).max(5),
        /** Number of reviews behind the average. */
        count: z.number().int().min(0),
      })
      .optional(),
    /** Markdown biography for the profile page. Default: none. */
    bio: markdown.optional(),
    /** The expert's own site. Default: none. */
    website: httpUrl.optional(),
  })
  .meta({ title: 'answerpress expert', description: 'One expert who answers questions; the id is the file name.' });

export const answerSchema = z.strictObject({
  /** The id of the expert who wrote it (a file name in `experts/`, without extension). */
  author: z.string().regex(ID_PATTERN, { message: 'must be an expert id such as jane-doe' }),
  /** When the answer was written, `YYYY-MM-DD`. */
  date,
  /** Headline. Default: "Answer from <name>". */
  title: text.optional(),
  /** The answer in Markdown. */
  body: markdown,
  /** Readers' helpful votes. Default: none. */
  helpful: z.number().int().min(0).optional(),
});

export const questionSchema = z
  .strictObject({
    /** The question as a reader would ask it. */
    title: text,
    /** When it was asked, `YYYY-MM-DD`. */
    asked: date,
    /** Topic ids from topics.yaml; at least one. */
    topics: z.array(z.string().regex(ID_PATTERN, { message: 'must be a topic id such as skin-care' })).min(1),
    /** The question's details in Markdown. */
    body: markdown,
    /** Answers in the order they are published. Default: none yet. */
    answers: z.array(answerSchema).optional(),
  })
  .meta({ title: 'answerpress question', description: 'One question with its answers; the slug is the file name.' });

export type SiteData = z.infer<typeof siteSchema>;
export type TopicData = z.infer<typeof topicSchema>;
export type TopicsData = z.infer<typeof topicsSchema>;
export type ExpertData = z.infer<typeof expertSchema>;
export type AnswerData = z.infer<typeof answerSchema>;
export type QuestionData = z.infer<typeof questionSchema>;

/** The file kinds of the contract, with the JSON Schema file each is published as. */
export const fileKinds = {
  site: { schema: siteSchema, jsonSchema: 'site.schema.json' },
  topics: { schema: topicsSchema, jsonSchema: 'topics.schema.json' },
  expert: { schema: expertSchema, jsonSchema: 'expert.schema.json' },
  question: { schema: questionSchema, jsonSchema: 'question.schema.json' },
} as const;

export type FileKind = keyof typeof fileKinds;
