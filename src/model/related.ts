/** What `relatedQuestions` needs to know of a question. */
export interface RelatableQuestion {
  slug: string;
  asked: string;
  topics: readonly string[];
}

/**
 * For each question, up to `limit` others ranked by topics in common, then the newest asked,
 * then slug, so the choice is stable. Candidates come from the question's own topics only,
 * which keeps this near-linear on large sites.
 */
export function relatedQuestions(questions: readonly RelatableQuestion[], limit = 5): Map<string, string[]> {
  const byTopic = new Map<string, RelatableQuestion[]>();
  for (const question of questions) {
    for (const topic of question.topics) {
      const list = byTopic.get(topic) ?? [];
      list.push(question);
      byTopic.set(topic, list);
    }
  }
  const related = new Map<string, string[]>();
  for (const question of questions) {
    const shared = new Map<RelatableQuestion, number>();
    for (const topic of new Set(question.topics)) {
      for (const other of byTopic.get(topic) ?? []) {
        if (other !== question) shared.set(other, (shared.get(other) ?? 0) + 1);
      }
    }
    const ranked = [...shared.entries()].sort(
      ([a, sa], [b, sb]) => sb - sa || compareNewest(a, b),
    );
    related.set(question.slug, ranked.slice(0, limit).map(([other]) => other.slug));
  }
  return related;
}

/** Newest asked first, then by slug. */
export function compareNewest(a: { asked: string; slug: string }, b: { asked: string; slug: string }): number {
  return a.asked < b.asked ? 1 : a.asked > b.asked ? -1 : a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
}
