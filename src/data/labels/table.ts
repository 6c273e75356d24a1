import { en } from './en.js';
import { LABEL_SETS } from './index.js';
import { PLURAL_LABELS, TEXT_LABELS } from './keys.js';

const cell = (text: string) => text.replaceAll('|', '\\|');

/** docs/labels.md: every label key with its English text, written from the word sets by `npm run schema`. */
export function labelsTable(): string {
  const rows = [
    ...TEXT_LABELS.map((key) => `| \`${key}\` | text | ${cell(en[key])} |`),
    ...PLURAL_LABELS.map((key) => `| \`${key}\` | plural | ${Object.entries(en[key]).map(([category, text]) => `${category}: ${cell(text)}`).join('<br>')} |`),
  ];
  return [
    '# Interface words',
    '',
    '<!-- Written by `npm run schema` from src/data/labels/; a test fails when it is out of date. -->',
    '',
    `The site's language (\`language:\` in site.yaml) picks a shipped word set: ${Object.keys(LABEL_SETS).map((code) => `\`${code}\``).join(', ')}.`,
    'A regional tag takes its language\'s set (`pt-BR` takes `pt`); a language with no set takes English.',
    '`labels:` in site.yaml replaces any word below; an unknown key is an error that names the closest one.',
    '',
    '```yaml',
    'language: fr',
    'labels:',
    '  disclaimerHeading: Avertissement médical',
    '  answerCount:',
    '    one: "{n} avis de praticien"',
    '    other: "{n} avis de praticiens"',
    '```',
    '',
    'A **plural** label has a text per plural category of the language (`zero`, `one`, `two`, `few`,',
    '`many`, `other`, as `Intl.PluralRules` chooses them; `other` is required and serves the categories',
    'not given) or one text for every count. Words in braces are filled in: `{n}` a number written the',
    'language\'s way, `{q}` the words searched for, `{name}`, `{specialty}`, `{location}`, `{title}`,',
    '`{total}`, `{value}` (a rating such as 4.9). Dates are written by `Intl.DateTimeFormat` in the',
    'site\'s language. The words of the search page and of offline saving are passed to their scripts',
    'from the same labels.',
    '',
    '| key | kind | English |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
