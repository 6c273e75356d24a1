/**
 * Edit distance counting insertions, deletions, substitutions and swaps of two neighbours
 * (optimal string alignment), so `titel` is one edit from `title`.
 */
export function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (before[j - 2] ?? 0) + 1);
      }
      current[j] = best;
    }
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidate a typo most likely meant, if one is close: within a third of the word's length
 * (at least one edit), or differing only in case, hyphens and underscores.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const folded = fold(word);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (fold(candidate) === folded) return candidate;
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}

function fold(word: string): string {
  return word.toLowerCase().replace(/[-_\s]/g, '');
}

/** `; did you mean "x"?` or nothing. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closest(word, candidates);
  return match === undefined ? '' : `: did you mean "${match}"?`;
}

/** The `count` candidates nearest to `word` (fewest edits, then in their order), however far. */
export function nearest(word: string, candidates: Iterable<string>, count = 3): string[] {
  const lower = word.toLowerCase();
  return [...candidates]
    .map((candidate, order) => ({ candidate, order, distance: fold(candidate) === fold(word) ? 0 : editDistance(lower, candidate.toLowerCase()) }))
    .sort((a, b) => a.distance - b.distance || a.order - b.order)
    .slice(0, count)
    .map(({ candidate }) => candidate);
}

/** Lists shown in full up to this many; longer ones end with "and N more". */
const LISTED = 40;

/**
 * Why `word` is not one of `candidates`, for an error message: the nearest ones first, then all
 * that exist (`kind` names them: "topics in topics.yaml").
 */
export function unknownChoice(word: string, candidates: readonly string[], kind: string): string {
  if (candidates.length === 0) return `there are no ${kind} yet`;
  const near = nearest(word, candidates);
  const guess = closest(word, candidates);
  const lead = guess ? `did you mean "${guess}"? ` : `nearest: ${near.join(', ')}. `;
  const sorted = [...candidates].sort();
  const shown = sorted.slice(0, LISTED).join(', ');
  return `${lead}The ${kind}: ${shown}${sorted.length > LISTED ? ` and ${sorted.length - LISTED} more` : ''}`;
}
