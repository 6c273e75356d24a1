/** What `relatedQuestions` needs to know of a question. */
export interface RelatableQuestion {
  slug: string;
  asked: string;
  topics: readonly string[];
}

/**
 * For each question, up to `limit` others ranked by topics in common, then the newest asked,
 * then slug, so the choice is stable.
 *
 * Questions with the same topics have the same ranking but for themselves, so it is worked out
 * once per set of topics, `limit` + 1 long, and each question leaves itself out. A ranking is
 * found level by level, from every topic in common down to one: the questions sharing `c` of
 * the set's topics are those in all the lists of some `c` of them, read newest first by walking
 * the shortest of those lists and looking each question up in the others, and the walk stops as
 * soon as the ranking is full. Counting the topics in common with every question of every list
 * instead, as this did, cost a question in a large topic thousands of steps: 22 s at 100,000
 * questions in 50 topics, and it grew as the square of the site.
 */
export function relatedQuestions(questions: readonly RelatableQuestion[], limit = 5): Map<string, string[]> {
  // Positions in newest-first order, so "newer, then by slug" is a comparison of integers.
  const order = questions.map((_, i) => i).sort((a, b) => compareNewest(questions[a] as RelatableQuestion, questions[b] as RelatableQuestion));
  const position = new Int32Array(questions.length);
  for (const [rank, i] of order.entries()) position[i] = rank;
  // Each topic's questions by position, ascending (newest first).
  const byTopic = new Map<string, number[]>();
  for (const rank of order.keys()) {
    for (const topic of new Set((questions[order[rank] as number] as RelatableQuestion).topics)) {
      const list = byTopic.get(topic) ?? [];
      list.push(rank);
      byTopic.set(topic, list);
    }
  }
  const rankings = new Map<string, number[]>();
  const related = new Map<string, string[]>();
  for (const [i, question] of questions.entries()) {
    if (limit <= 0) {
      related.set(question.slug, []);
      continue;
    }
    const topics = [...new Set(question.topics)].sort();
    const key = topics.join('\0');
    let ranking = rankings.get(key);
    if (!ranking) {
      ranking = rank(topics.map((topic) => byTopic.get(topic) ?? []), limit + 1);
      rankings.set(key, ranking);
    }
    const own = position[i] as number;
    related.set(
      question.slug,
      ranking
        .filter((at) => at !== own)
        .slice(0, limit)
        .map((at) => (questions[order[at] as number] as RelatableQuestion).slug),
    );
  }
  return related;
}

/**
 * The first `need` positions by topics in common with a set of topics, then position: `lists`
 * holds each topic's positions, ascending.
 */
function rank(lists: readonly number[][], need: number): number[] {
  const found: number[] = [];
  const shared = (at: number) => lists.reduce((count, list) => count + (holds(list, at) ? 1 : 0), 0);
  for (let level = lists.length; level >= 1 && found.length < need; level -= 1) {
    const walks = subsets(lists.length, level).map((chosen) => intersection(chosen.map((j) => lists[j] as number[])));
    const heads = walks.map((walk) => walk.next());
    let last = -1;
    while (found.length < need) {
      // The newest question any walk is at: every walk reads newest first.
      let next = -1;
      for (const head of heads) if (!head.done && (next === -1 || head.value < next)) next = head.value;
      if (next === -1) break;
      for (const [w, head] of heads.entries()) if (!head.done && head.value === next) heads[w] = (walks[w] as Generator<number>).next();
      if (next === last) continue;
      last = next;
      // In the lists of `level` topics, and in no more: one in more was ranked above.
      if (shared(next) === level) found.push(next);
    }
  }
  return found;
}

/** The positions in every one of `lists`, ascending: the shortest walked, the others looked up. */
function* intersection(lists: readonly number[][]): Generator<number> {
  const [shortest, ...others] = [...lists].sort((a, b) => a.length - b.length);
  for (const at of shortest ?? []) if (others.every((list) => holds(list, at))) yield at;
}

/** Whether the ascending `list` holds `value`. */
function holds(list: readonly number[], value: number): boolean {
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const at = list[middle] as number;
    if (at === value) return true;
    if (at < value) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

/** Every choice of `size` of the indices 0 … `count` − 1, each ascending. */
function subsets(count: number, size: number): number[][] {
  if (size === 0) return [[]];
  if (count < size) return [];
  const without = subsets(count - 1, size);
  const withLast = subsets(count - 1, size - 1).map((chosen) => [...chosen, count - 1]);
  return [...without, ...withLast];
}

/** Newest asked first, then by slug. */
export function compareNewest(a: { asked: string; slug: string }, b: { asked: string; slug: string }): number {
  return a.asked < b.asked ? 1 : a.asked > b.asked ? -1 : a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
}
