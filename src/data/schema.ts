/**
 * The data contract, version 1 (see the README's data section): one schema per file kind. Types are inferred
 * from the schemas and the same schemas are published as JSON Schema for editors.
 * https://zod.dev/api
 */
import { z } from 'zod';
import { AA_TEXT, BACKGROUNDS, HEX_COLOUR, nearestShade, worstContrast } from './contrast.js';
import { DATE_PATTERN, isCalendarDate } from './dates.js';
import { englishLabels, PLURAL_CATEGORIES, PLURAL_LABELS, TEXT_LABELS, type LabelOverrides } from './labels/index.js';

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

/** Files the data points to: by extension, what each field accepts. */
export const PHOTO_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp', '.avif'] as const;
export const SHARE_IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp'] as const;
export const LOGO_EXTENSIONS = ['.svg', '.png', '.jpg', '.jpeg', '.webp', '.avif'] as const;

/** A path to a file inside the data folder, written with `/`, of one of `extensions`. */
function dataPath(extensions: readonly string[], kinds: string) {
  return z
    .string()
    .refine((value) => !value.startsWith('/') && !value.includes('\\') && !/^[a-z][a-z0-9+.-]*:/i.test(value) && !value.split('/').some((part) => part === '..' || part === '.' || part === ''), {
      message: 'must be a path inside the data folder, written with / and without .. (such as photos/jane-doe.jpg)',
    })
    .refine((value) => extensions.some((ext) => value.toLowerCase().endsWith(ext)), {
      message: `must be ${kinds} (${extensions.join(', ')})`,
    })
    // The web editor offers its image picker for such a field (see `editor/config.ts`).
    .meta({ contentMediaType: 'image/*' });
}

/**
 * The accent colour: text in it must reach WCAG 2.2 AA (4.5:1) on the light scheme's page and
 * cards; the dark scheme uses its nearest lighter shade that does (see `contrast.ts`), which
 * always exists.
 */
const accent = z
  .string()
  .regex(HEX_COLOUR, { message: 'must be a colour written #RRGGBB, such as #0b57d0' })
  .superRefine((value, ctx) => {
    if (!HEX_COLOUR.test(value)) return;
    const ratio = worstContrast(value, BACKGROUNDS.light);
    if (ratio >= AA_TEXT) return;
    const suggestion = nearestShade(value, BACKGROUNDS.light, 'darker');
    ctx.addIssue({
      code: 'custom',
      message: `has a contrast of ${ratio.toFixed(2)}:1 against the light page (${BACKGROUNDS.light.join(' and ')}), below the 4.5:1 WCAG 2.2 AA needs for links and buttons: use ${suggestion}, the nearest shade that reaches it`,
    });
  });

const pluralText = z.union([
  text,
  z.strictObject(Object.fromEntries(PLURAL_CATEGORIES.map((category) => [category, category === 'other' ? text : text.optional()]))),
]);

const labelsSchema = z.strictObject(
  Object.fromEntries([
    ...TEXT_LABELS.map((key) => [key, text.optional().describe(`Default (English): "${englishLabels[key]}".`)]),
    ...PLURAL_LABELS.map((key) => [
      key,
      pluralText.optional().describe(`One text, or one per plural category (zero, one, two, few, many, other; other required). Default (English): one "${englishLabels[key].one}", other "${englishLabels[key].other}".`),
    ]),
  ]),
) as unknown as z.ZodType<LabelOverrides>;

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
    logo: dataPath(LOGO_EXTENSIONS, 'an SVG, PNG, JPEG, WebP or AVIF file').optional().describe('Path inside the data folder of the logo shown in the header, with the title as its text alternative. Default: the title as text.'),
    image: dataPath(SHARE_IMAGE_EXTENSIONS, 'a JPEG, PNG or WebP file').optional().describe('Path inside the data folder of the default share image (`og:image`); about 1200 x 630 pixels. Default: none.'),
    theme: z
      .strictObject({
        accent: accent.optional().describe('Colour `#RRGGBB` of links, buttons and the browser bar; must reach 4.5:1 against the light page, and a lighter shade is used in the dark scheme. Default: #0b57d0.'),
      })
      .optional()
      .describe('The site\'s colours. Default: the built-in blue.'),
    labels: labelsSchema.optional().describe('Interface words replacing those of the site\'s language (see docs/labels.md). Default: the language\'s own set (English when none is shipped).'),
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
    photo: dataPath(PHOTO_EXTENSIONS, 'a JPEG, PNG, WebP or AVIF file').optional().describe('Path inside the data folder of a portrait (at most 20 MB and 8000 pixels a side), made into responsive images. Default: an avatar of the initials.'),
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

/** One search term: lowercase is not required, but a term must hold a letter or digit. */
const synonymTerm = text.refine((value) => /[\p{L}\p{N}]/u.test(value), { message: 'must contain a letter or a digit' });

export const synonymsSchema = z
  .array(
    z
      .array(synonymTerm)
      .refine((terms) => terms.length >= 2, { message: 'is a group of fewer than two terms: list at least two that mean the same, e.g. [rhinoplasty, nose job]' })
      // The check above is not expressed in JSON Schema by zod: editors get it as minItems.
      .meta({ minItems: 2 })
      .describe('Terms a reader may use for the same thing, e.g. `[rhinoplasty, nose job, nose surgery]`.'),
  )
  .meta({ title: 'answerpress synonyms.yaml', description: 'Optional: groups of equivalent search terms; a search for one term also finds pages with the others.' });

export type SiteData = z.infer<typeof siteSchema>;
export type EditorData = z.infer<typeof editorSchema>;
export type TopicData = z.infer<typeof topicSchema>;
export type TopicsData = z.infer<typeof topicsSchema>;
export type ExpertData = z.infer<typeof expertSchema>;
export type AnswerData = z.infer<typeof answerSchema>;
export type QuestionData = z.infer<typeof questionSchema>;
export type SynonymsData = z.infer<typeof synonymsSchema>;

/** The file kinds of the contract, with the JSON Schema file each is published as. */
export const fileKinds = {
  site: { schema: siteSchema, jsonSchema: 'site.schema.json' },
  topics: { schema: topicsSchema, jsonSchema: 'topics.schema.json' },
  expert: { schema: expertSchema, jsonSchema: 'expert.schema.json' },
  question: { schema: questionSchema, jsonSchema: 'question.schema.json' },
  synonyms: { schema: synonymsSchema, jsonSchema: 'synonyms.schema.json' },
} as const;

export type FileKind = keyof typeof fileKinds;
