/**
 * Interface words, kept out of the templates so a site in any language can replace them: the
 * site's language picks a shipped word set (English when there is none), `labels:` in site.yaml
 * overrides any word, counts choose their plural form with `Intl.PluralRules` and numbers are
 * written with `Intl.NumberFormat` of the site's language.
 */
import { primaryLanguage } from './language.js';
import { englishLabels, LABEL_SETS, type LabelOverrides, type Labels, type PluralText } from '../data/labels/index.js';

export { englishLabels };

/** The word set of `language` (`pt-BR` takes `pt`), with the site's overrides applied. */
export function labelsFor(language: string, overrides: LabelOverrides = {}): Labels {
  const primary = primaryLanguage(language);
  const base = LABEL_SETS[primary] ?? englishLabels;
  const labels: Record<string, string | PluralText> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    // A plural label overridden with one text uses it for every count.
    labels[key] = typeof value === 'string' && typeof base[key as keyof Labels] !== 'string' ? { other: value } : value;
  }
  return labels as Labels;
}

/** `{name}` and the like replaced by their values; an unknown placeholder stays as written. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Words with their numbers, in one language. */
export class Words {
  readonly labels: Labels;
  readonly #plural: Intl.PluralRules;
  readonly #number: Intl.NumberFormat;
  readonly #decimal: Intl.NumberFormat;

  constructor(language: string, labels: Labels) {
    this.labels = labels;
    this.#plural = new Intl.PluralRules(language);
    this.#number = new Intl.NumberFormat(language);
    this.#decimal = new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  }

  /** A plural label for `count` (written as `{n}`), with other placeholders filled from `values`. */
  count(key: { [K in keyof Labels]: Labels[K] extends PluralText ? K : never }[keyof Labels], count: number, values: Readonly<Record<string, string | number>> = {}): string {
    const forms = this.labels[key];
    const text = typeof forms === 'string' ? forms : (forms[this.#plural.select(count)] ?? forms.other);
    return fill(text, { ...values, n: this.#number.format(count) });
  }

  /** "Answer from Jane Doe". */
  answerFrom(name: string): string {
    return fill(this.labels.answerFrom, { name });
  }

  /** "4.9 out of 5 stars, 75 reviews". */
  rating(value: number, count: number): string {
    return this.count('rating', count, { value: this.#decimal.format(value) });
  }

  /** "Sleep (page 2 of 3)". */
  pageTitle(title: string, page: number, pages: number): string {
    return fill(this.labels.pageTitle, { title, n: this.#number.format(page), total: this.#number.format(pages) });
  }

  /** "Jane Doe, Neurologist in Boston." */
  expertSummary(name: string, specialty: string, location: string): string {
    return fill(this.labels.expertSummary, { name, specialty, location });
  }

  /** The text alternative of an expert's photo. */
  photoAlt(name: string): string {
    return fill(this.labels.photoAlt, { name });
  }
}
