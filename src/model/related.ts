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
  // Positions in newest-first order, so "newer, then by slug" is a comparison of integers.
  const order = questions.map((_, i) => i).sort((a, b) => compareNewest(questions[a] as RelatableQuestion, questions[b] as RelatableQuestion));
  const position = new Int32Array(questions.length);
  for (const [rank, i] of order.entries()) position[i] = rank;
  const byTopic = new Map<string, number[]>();
  for (const [i, question] of questions.entries()) {
    for (const topic of new Set(question.topics)) {
      const list = byTopic.get(topic) ?? [];
      list.push(i);
      byTopic.set(topic, list);
    }
  }
  // Topics in common, counted in a typed array and reset after each question: a question in a
  // large topic has thousands of candidates, and a Map per question made this the model's
  // slowest step on large sites.
  const shared = new Uint16Array(questions.length);
  const related = new Map<string, string[]>();
  for (const [i, question] of questions.entries()) {
    if (limit <= 0) {
      related.set(question.slug, []);
      continue;
    }
    const touched: number[] = [];
    for (const topic of new Set(question.topics)) {
      for (const other of byTopic.get(topic) ?? []) {
        if (other === i) continue;
        if (shared[other] === 0) touched.push(other);
        shared[other] = (shared[other] as number) + 1;
      }
    }
    // Keep the best `limit` in one pass: more topics in common, then newer, then by slug.
    const above = (a: number, b: number) => (shared[a] as number) > (shared[b] as number) || (shared[a] === shared[b] && (position[a] as number) < (position[b] as number));
    const best: number[] = [];
    for (const other of touched) {
      if (best.length === limit && !above(other, best[limit - 1] as number)) continue;
      let at = best.length;
      while (at > 0 && above(other, best[at - 1] as number)) at -= 1;
      best.splice(at, 0, other);
      if (best.length > limit) best.pop();
    }
    for (const other of touched) shared[other] = 0;
    related.set(question.slug, best.map((other) => (questions[other] as RelatableQuestion).slug));
  }
  return related;
}

/** Newest asked first, then by slug. */
export function compareNewest(a: { asked: string; slug: string }, b: { asked: string; slug: string }): number {
  return a.asked < b.asked ? 1 : a.asked > b.asked ? -1 : a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
}
