/**
 * Chooses the words to keep: every protected word, then the others from the highest keep probability down until
 * they cost `ratio` of what the unprotected words cost together (in approximate tokens). The ratio applies to the
 * prunable words only: in a README full of URLs and commands the protected words alone can exceed half the text,
 * and a ratio over the whole would then leave no prose at all. Ties go to the earlier word, so the choice is a pure
 * function of the scores. Returns one flag per word.
 */
export function selectWords(
  probs: ArrayLike<number>,
  prot: ArrayLike<number>,
  costs: ArrayLike<number>,
  ratio: number,
): Uint8Array {
  const n = probs.length;
  const keep = new Uint8Array(n);
  let freeCost = 0;
  let kept = 0;
  const free: number[] = [];
  for (let i = 0; i < n; i++) {
    if (prot[i]) keep[i] = 1;
    else {
      free.push(i);
      freeCost += costs[i];
    }
  }
  free.sort((a, b) => probs[b] - probs[a] || a - b);
  const budget = freeCost * ratio;
  for (const i of free) {
    if (kept + costs[i] > budget) continue; // a cheaper, lower-scored word may still fit
    keep[i] = 1;
    kept += costs[i];
  }
  return keep;
}
