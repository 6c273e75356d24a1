/**
 * The data contract, version 1 (see DESIGN.md): one schema per file kind. Types are inferred
 * from the schemas and the same schemas are published as JSON Schema for editors.
 * https://zod.dev/api
 */
import { z } from 'zod';
import { DATE_PATTERN, isCalendarDate } from './dates.js';

/** An id or slug: lowercase letters and digits in words joined by single hyphens. */
export const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** C0 and C1 control characters other than tab and line breaks: invisible, and not allowed in XML. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const noControl = (value: string) => !CONTROL.test(value);
const controlMessage = { message: 'contains an invisible control character: delete it (it is often pasted in by accident)' };

const text = z.string().trim().min(1).refine(noControl, controlMessage);
/** Marked as Markdown in the JSON Schema (`contentMediaType`), so editors and the web editor know it. */
const markdown = z.string().trim().min(1).refine(noControl, controlMessage).meta({ contentMediaType: 'text/markdown' });

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
  // Only dates written YYYY-MM-DD are checked against the calendar: one mistake, one message.
  .refine((value) => !new RegExp(DATE_PATTERN).test(value) || isCalendarDate(value), {
    message: 'is not a real calendar date: check the month (01-12) and the day',
  })
  .meta({ format: 'date' });

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

/** Where the web editor at `/admin/` reads and commits the data files (see docs/editor.md). */
export const editorSchema = z.strictObject({
  backend: z.literal('github', { message: 'must be github (the only backend the web editor supports)' }).describe('Where the data is kept: `github`.'),
  repo: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, { message: 'must be a GitHub repository written owner/name, e.g. acme/answers' })
    .describe('The GitHub repository holding the data, `owner/name`.'),
  branch: z.string().trim().min(1).refine(noControl, controlMessage).optional().describe('The branch edits are committed to. Default: `main`.'),
  folder: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/, { message: 'must be a folder path inside the repository, such as data or site/data, with no leading or trailing /' })
    .refine((value) => !value.split('/').some((part) => part === '.' || part === '..'), { message: 'must not contain . or .. segments' })
    .optional()
    .describe('The data folder\'s path inside the repository. Default: `data`.'),
  authUrl: httpUrl
    .optional()
    .describe('The OAuth service that signs editors in to GitHub (Decap\'s `base_url`). Default: Netlify\'s, for a site hosted there.'),
});

export const siteSchema = z
  .strictObject({
    title: text.describe('The site\'s name, shown in every page title and the header.'),
    url: httpUrl.describe('Absolute URL the site is published at; canonical links, sitemap and feed use it.'),
    language: languageTag.optional().describe('BCP 47 language of the content. Default: `en`.'),
    description: text.optional().describe('One sentence about the site, for the home page and search engines. Default: none.'),
    disclaimer: markdown.optional().describe('Markdown shown under every question\'s answers. Default: none.'),
    editUrl: httpUrl
      .refine((value) => value.includes('{path}'), { message: 'must contain {path}, where the data file path goes' })
      .optional()
      .describe('URL template with `{path}` (the data file\'s path) for "suggest an answer / edit" links. Default: none.'),
    offlineBudget: z.number().int().min(0).optional().describe('Bytes of search index and answer fragments a first visit stores for offline search. Default: 2,000,000 (about 2 MB).'),
    editor: editorSchema.optional().describe('The web editor: when set, the site publishes it at `/admin/`, editing the data in this GitHub repository. Default: none (no `/admin/`).'),
  })
  .meta({ title: 'answerpress site.yaml', description: 'The site itself: title, URL, language, disclaimer.' });

export const topicSchema = z.strictObject({
  name: text.describe('The topic\'s name as readers see it.'),
  description: text.optional().describe('A sentence shown on the topic\'s page. Default: none.'),
});

export const topicsSchema = z
  .record(z.string().regex(ID_PATTERN, { message: 'is not a valid topic id' }), topicSchema)
  .meta({ title: 'answerpress topics.yaml', description: 'Map of topic id to its name and description.' });

export const expertSchema = z
  .strictObject({
    name: text.describe('Full name as it should appear on every answer.'),
    credentials: z.array(text).optional().describe('Degrees and board certifications, in order, e.g. `[MD, FACS]`. Default: none.'),
    specialty: text.describe('Specialty, e.g. `Neurologist`.'),
    location: z
      .strictObject({
        city: text.describe('City or town.'),
        region: text.optional().describe('State, province or county. Default: none.'),
        country: text.optional().describe('Country. Default: none.'),
      })
      .describe('Where the expert practises; `city` is required.'),
    rating: z
      .strictObject({
        value: z.number().min(0).max(5).describe('Average stars, 0 to 5.'),
        count: z.number().int().min(0).describe('Number of reviews behind the average.'),
      })
      .optional()
      .describe('Readers\' rating. Default: none (no stars are shown).'),
    bio: markdown.optional().describe('Markdown biography for the profile page. Default: none.'),
    website: httpUrl.optional().describe('The expert\'s own site. Default: none.'),
  })
  .meta({ title: 'answerpress expert', description: 'One expert who answers questions; the id is the file name.' });

export const answerSchema = z.strictObject({
  author: z.string().regex(ID_PATTERN, { message: 'must be an expert id such as jane-doe' }).describe('The id of the expert who wrote it (a file name in `experts/`, without extension).'),
  date: date.describe('When the answer was written, `YYYY-MM-DD`.'),
  title: text.optional().describe('Headline. Default: "Answer from <name>".'),
  body: markdown.describe('The answer in Markdown.'),
  helpful: z.number().int().min(0).optional().describe('Readers\' helpful votes. Default: none.'),
});

export const questionSchema = z
  .strictObject({
    title: text.describe('The question as a reader would ask it.'),
    asked: date.describe('When it was asked, `YYYY-MM-DD`.'),
    topics: z.array(z.string().regex(ID_PATTERN, { message: 'must be a topic id such as skin-care' })).min(1).describe('Topic ids from topics.yaml; at least one.'),
    body: markdown.describe('The question\'s details in Markdown.'),
    answers: z.array(answerSchema).optional().describe('Answers in the order they are published. Default: none yet.'),
  })
  .meta({ title: 'answerpress question', description: 'One question with its answers; the slug is the file name.' });

export type SiteData = z.infer<typeof siteSchema>;
export type EditorData = z.infer<typeof editorSchema>;
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
