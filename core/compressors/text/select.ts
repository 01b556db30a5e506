import type { UnitWords } from './score.js';

export interface Candidate {
  index: number;
  length: number;
  score: number;
  mustKeep: boolean;
}

/** Two units sharing this share of their distinct words say the same thing; the second one is not worth its room. */
const NEAR_DUPLICATE = 0.6;
/** Near-duplicate checks look at this many kept units per candidate: bounded work however repetitive the text. */
const MAX_PEERS = 24;
/** Units with fewer distinct words are too short to call duplicates. */
const MIN_DUPLICATE_WORDS = 4;

/**
 * Prepares selection over scored units; the returned function picks, for a character budget, every must-keep unit
 * and then the best-scoring others that fit, skipping near-duplicates of what is already kept. Ranking ties break by
 * position, so the choice is deterministic.
 */
export function prepareSelection(
  candidates: readonly Candidate[],
  words: readonly UnitWords[],
  idf: Map<string, number>,
): (budget: number) => boolean[] {
  const keys = words.map((w) => rarest(w, idf));
  const sets = words.map((w) => (w.distinct.length >= MIN_DUPLICATE_WORDS ? new Set(w.distinct) : undefined));
  const ranked = candidates.filter((c) => !c.mustKeep).sort((a, b) => b.score - a.score || a.index - b.index);
  let shortest = Infinity;
  for (const c of ranked) shortest = Math.min(shortest, c.length);

  return (budget: number): boolean[] => {
    const keep = new Array<boolean>(candidates.length).fill(false);
    const byWord = new Map<string, number[]>();
    let used = 0;
    const admit = (c: Candidate): void => {
      keep[c.index] = true;
      used += c.length;
      for (const w of keys[c.index]) {
        const list = byWord.get(w);
        if (list) list.push(c.index);
        else byWord.set(w, [c.index]);
      }
    };
    const duplicatesKept = (i: number): boolean => {
      const mine = sets[i];
      if (!mine) return false;
      let checked = 0;
      for (const w of keys[i]) {
        for (const j of byWord.get(w) ?? []) {
          if (++checked > MAX_PEERS) return false;
          if (jaccard(mine, words[j].distinct) >= NEAR_DUPLICATE) return true;
        }
      }
      return false;
    };
    for (const c of candidates) if (c.mustKeep) admit(c);
    for (const c of ranked) {
      if (budget - used < shortest) break; // nothing else can fit
      if (used + c.length > budget || duplicatesKept(c.index)) continue;
      admit(c);
    }
    return keep;
  };
}

function jaccard(a: Set<string>, b: readonly string[]): number {
  let inter = 0;
  for (const t of b) if (a.has(t)) inter++;
  const union = a.size + b.length - inter;
  return union === 0 ? 0 : inter / union;
}

/** The unit's three rarest words (ties by spelling): the keys under which near-duplicates meet. */
function rarest(w: UnitWords, idf: Map<string, number>): string[] {
  const best: Array<[string, number]> = [];
  for (const t of w.distinct) {
    const entry: [string, number] = [t, idf.get(t) ?? 0];
    if (best.length < 3) {
      best.push(entry);
      continue;
    }
    let low = 0;
    for (let q = 1; q < best.length; q++) if (ranksBelow(best[q], best[low])) low = q;
    if (ranksBelow(best[low], entry)) best[low] = entry;
  }
  return best.map((x) => x[0]);
}

/** Rarer words rank first, then alphabetical, so the keys never depend on word order. */
function ranksBelow(x: [string, number], y: [string, number]): boolean {
  return x[1] < y[1] || (x[1] === y[1] && x[0] > y[0]);
}
