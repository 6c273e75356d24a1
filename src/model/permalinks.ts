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

/**
 * `answer-<author>`, then `answer-<author>-2`, `-3` for the same expert's next answers on the
 * page; never an id already taken (an expert whose id itself ends in `-2`).
 */
export function answerAnchors(authors: readonly string[]): string[] {
  const used = new Set<string>();
  return authors.map((author) => {
    let anchor = `answer-${author}`;
    for (let n = 2; used.has(anchor); n += 1) anchor = `answer-${author}-${n}`;
    used.add(anchor);
    return anchor;
  });
}
