import type { Labels } from './types.js';

/** Interface words, kept out of the templates so a site in another language can replace them. */
export const englishLabels: Labels = {
  skipToContent: 'Skip to content',
  home: 'Home',
  mainNavigation: 'Main',
  questions: 'Questions',
  experts: 'Experts',
  topics: 'Topics',
  search: 'Search',
  feed: 'Atom feed',
  searchLabel: 'Search questions and answers',
  siteSearch: 'Site search',
  searchPlaceholder: 'Search questions and answers',
  searchButton: 'Search',
  searchResultsFor: '{n} results for “{q}”',
  searchResultFor: '1 result for “{q}”',
  searchNoResultsFor: 'No results for “{q}”',
  searchFilteredResults: 'Pages matching the filters: {n}',
  searchShowingFor: 'Showing results for {q}',
  searchInsteadFor: 'Search instead for {q}',
  searchMissing: 'Missing:',
  searchNotFound: 'No page has: {words}',
  searchMore: 'Show more results',
  searchFilters: 'Filter results',
  searchUnavailable: 'Search could not be loaded. Check your connection and try again.',
  searchNeedsScript: 'Search runs in your browser and needs JavaScript. Questions can still be browsed by topic.',
  filterTopic: 'Topic',
  filterSpecialty: 'Specialty',
  filterLocation: 'Location',
  filterType: 'Page type',
  asked: 'Asked',
  answered: 'Answered',
  noAnswers: 'No expert has answered this question yet.',
  disclaimerHeading: 'Disclaimer',
  relatedQuestions: 'Related questions',
  latestQuestions: 'Latest questions',
  allQuestions: 'All questions',
  browseTopics: 'Browse by topic',
  permalink: 'Link to this answer',
  suggestAnswer: 'Suggest an answer',
  edit: 'Edit this question',
  website: 'Website',
  answersBy: 'Answers',
  previousPage: 'Previous page',
  nextPage: 'Next page',
  pagination: 'Pages',
  pageOf: 'Page {n} of {total}',
  notFoundTitle: 'Page not found',
  notFoundText: 'There is no page at this address. It may have moved, or the link may be mistyped.',
  offlineTitle: 'This page is not saved on this device',
  connectionOffline: 'You are offline: pages you saved, and search, still work.',
  connectionOnline: 'You are online: reload the page to read it.',
  offlineText: 'This page has not been saved on this device yet. Pages you have already read are listed below, and search still works.',
  savedPages: 'Saved on this device',
  makeOffline: 'Make available offline',
  offlineReading: 'Offline reading',
  cancel: 'Cancel',
  savedAll: 'Every page and the search are saved on this device.',
  saveCancelled: 'Saving was cancelled. What was saved stays saved.',
  savePaused: 'Connection lost: saving will resume when you are back online.',
  saveFailed: 'Saving stopped: the site was updated meanwhile. Reload the page and try again.',
  saveNoSpace: 'There is not enough storage space on this device to save the whole site.',
  dismiss: 'Dismiss',
  updateAvailable: 'New answers are available.',
  reload: 'Reload',
  breadcrumbs: 'Breadcrumbs',
  topicsOfQuestion: 'Topics',
  noRating: 'No rating yet',
};

/** "Answer from Jane Doe": the headline of an answer written without one. */
export function answerFromText(name: string): string {
  return `Answer from ${name}`;
}

/** "1 answer", "12 answers": how many answers an expert wrote. */
export function answersText(count: number): string {
  return `${count} answer${count === 1 ? '' : 's'}`;
}

/** "1 question", "12 questions". */
export function questionsText(count: number): string {
  return `${count} question${count === 1 ? '' : 's'}`;
}

/** "Sleep (page 2 of 3)". */
export function pageTitleText(title: string, page: number, pages: number): string {
  return `${title} (page ${page} of ${pages})`;
}

/** "1 expert answer", "10 expert answers". */
export function answerCountText(count: number): string {
  return `${count} expert answer${count === 1 ? '' : 's'}`;
}

/** "4.9 out of 5 stars, 75 reviews". */
export function ratingText(value: number, count: number): string {
  return `${value.toFixed(1)} out of 5 stars, ${count} review${count === 1 ? '' : 's'}`;
}

/** "12 readers found this helpful". */
export function helpfulText(count: number): string {
  return `${count} ${count === 1 ? 'reader' : 'readers'} found this helpful`;
}
