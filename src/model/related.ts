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
    if (limit <= 0) {
      related.set(question.slug, []);
      continue;
    }
    const shared = new Map<RelatableQuestion, number>();
    for (const topic of new Set(question.topics)) {
      for (const other of byTopic.get(topic) ?? []) {
        if (other !== question) shared.set(other, (shared.get(other) ?? 0) + 1);
      }
    }
    // Keep the best `limit` in one pass instead of sorting every candidate: a question in a
    // large topic has thousands of them, and sorting them all made this quadratic in practice.
    const best: [RelatableQuestion, number][] = [];
    for (const entry of shared) {
      if (best.length === limit && rank(entry, best[limit - 1] as [RelatableQuestion, number]) >= 0) continue;
      let at = best.length;
      while (at > 0 && rank(entry, best[at - 1] as [RelatableQuestion, number]) < 0) at -= 1;
      best.splice(at, 0, entry);
      if (best.length > limit) best.pop();
    }
    related.set(question.slug, best.map(([other]) => other.slug));
  }
  return related;
}

/** Negative when `a` ranks above `b`: more topics in common, then newer, then by slug. */
function rank([a, sharedA]: [RelatableQuestion, number], [b, sharedB]: [RelatableQuestion, number]): number {
  return sharedB - sharedA || compareNewest(a, b);
}

/** Newest asked first, then by slug. */
export function compareNewest(a: { asked: string; slug: string }, b: { asked: string; slug: string }): number {
  return a.asked < b.asked ? 1 : a.asked > b.asked ? -1 : a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
}
