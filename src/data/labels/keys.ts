/**
 * The interface words: every key a word set has and `labels:` in site.yaml may override.
 * Most are one text; a plural label has a text per plural category of the language
 * (https://unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html), chosen with
 * `Intl.PluralRules`, and `other` is always required. `{n}`, `{q}`, `{name}`... are filled in.
 */

export const TEXT_LABELS = [
  'skipToContent', 'home', 'mainNavigation', 'questions', 'experts', 'topics', 'search', 'feed',
  'searchLabel', 'siteSearch', 'searchPlaceholder', 'searchButton', 'searchNoResultsFor', 'searchFilteredResults',
  'searchShowingFor', 'searchInsteadFor', 'searchMissing', 'searchNotFound',
  'searchMore', 'searchFilters', 'searchUnavailable', 'searchNeedsScript',
  'filterTopic', 'filterSpecialty', 'filterLocation', 'filterType',
  'asked', 'answered', 'answerFrom', 'noAnswers', 'disclaimerHeading', 'relatedQuestions', 'latestQuestions',
  'allQuestions', 'browseTopics', 'permalink', 'suggestAnswer', 'edit', 'website', 'answersBy',
  'expertSummary', 'photoAlt', 'noRating', 'previousPage', 'nextPage', 'pagination', 'pagesOmitted', 'pageOf', 'pageTitle',
  'breadcrumbs', 'topicsOfQuestion', 'notFoundTitle', 'notFoundText', 'offlineTitle', 'connectionOffline', 'connectionOnline', 'offlineText',
  'savedPages', 'makeOffline', 'offlineReading', 'cancel', 'savedAll', 'saveCancelled', 'savePaused',
  'saveFailed', 'saveNoSpace', 'dismiss', 'updateAvailable', 'reload',
] as const;

export const PLURAL_LABELS = ['searchResults', 'answerCount', 'helpful', 'questionCount', 'answersWritten', 'rating'] as const;

/** Intl.PluralRules' categories; `other` is the one every language has. */
export const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;

export type TextLabel = (typeof TEXT_LABELS)[number];
export type PluralLabel = (typeof PLURAL_LABELS)[number];
export type PluralCategory = (typeof PLURAL_CATEGORIES)[number];
export type LabelKey = TextLabel | PluralLabel;

/** One text per plural category the language uses; `other` is the fallback for the rest. */
export type PluralText = Partial<Record<PluralCategory, string>> & { other: string };

export type Labels = Record<TextLabel, string> & Record<PluralLabel, PluralText>;

/** What `labels:` in site.yaml may hold: any key, a plural one as one text or per category. */
export type LabelOverrides = Partial<Record<TextLabel, string> & Record<PluralLabel, string | PluralText>>;
