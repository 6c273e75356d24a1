/**
 * Where every page lives. Paths are relative to the output folder and end in `/`
 * (written as `path/index.html`); URLs prefix the site's base path.
 */
export const paths = {
  home: () => '',
  questionsPage: (page: number) => (page === 1 ? 'questions/' : `questions/page/${page}/`),
  question: (slug: string) => `questions/${slug}/`,
  experts: () => 'experts/',
  expert: (id: string) => `experts/${id}/`,
  topics: () => 'topics/',
  topicPage: (id: string, page: number) => (page === 1 ? `topics/${id}/` : `topics/${id}/page/${page}/`),
  search: () => 'search/',
  offline: () => 'offline/',
} as const;

/** `/base` + `/` + path. */
export function urlFor(basePath: string, path: string): string {
  return `${basePath}/${path}`;
}

/** `answer-<author>`, then `answer-<author>-2` for the same expert's next answer on the page. */
export function answerAnchors(authors: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return authors.map((author) => {
    const count = (seen.get(author) ?? 0) + 1;
    seen.set(author, count);
    return count === 1 ? `answer-${author}` : `answer-${author}-${count}`;
  });
}
