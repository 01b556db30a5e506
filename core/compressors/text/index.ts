import type { CompressContext } from '../../types.js';
import { termHits } from '../../util/query.js';
import { segment } from './segment.js';
import type { Unit } from './units.js';
import { detailScore, inverseDocumentFrequency, isBoilerplate, rarity, unitWords, type UnitWords } from './score.js';
import { prepareSelection, type Candidate } from './select.js';
import { addAnswerContext, mustKeepUnits, usefulQueryTerms } from './must-keep.js';
import { capRuns, pruneShortRuns, renderWithMarkers, type Run } from './render.js';
import { keepChars, MIN_PROSE_CHARS } from './budget.js';
import { chunkRanges } from './chunks.js';

export { MIN_PROSE_CHARS } from './budget.js';

/** Score added per useful query term in the heading of the unit's section. */
const SECTION_WEIGHT = 1.5;
/** About what one marker costs in characters (with its id and note). */
const MARKER_CHARS = 80;
/** Documents past this size are compressed piece by piece (see chunks.ts). */
const CHUNK_CHARS = 1024 * 1024;
/** At most this many markers per piece: past it, the shortest kept stretches between dropped runs go too. */
const MAX_RUNS = 120;

export interface TextOptions {
  /**
   * Multiplies the character budget (default 1). The prose model's coarse stage keeps more sentences (e.g. 1.6×)
   * and then prunes words inside them.
   */
  keepScale?: number;
}

/**
 * Extractive prose compressor: keeps headings, code blocks, list items and the sentences that carry the most (query
 * terms, rare words, numbers, identifiers, paths, topic sentences), in their original order, within a character
 * budget. Each run of dropped units becomes one marker whose id retrieves the run's exact text. Deterministic.
 */
export function compressText(text: string, ctx: CompressContext, opts: TextOptions = {}): string | null {
  if (text.length < MIN_PROSE_CHARS) return null;
  const scale = opts.keepScale ?? 1;
  if (text.length <= CHUNK_CHARS * 1.5) return compressPiece(text, ctx, scale);
  let changed = false;
  const parts = chunkRanges(text, CHUNK_CHARS).map(([s, e]) => {
    const piece = text.slice(s, e);
    const out = compressPiece(piece, ctx, scale);
    if (out !== null) changed = true;
    return out ?? piece;
  });
  return changed ? parts.join('') : null;
}

function compressPiece(text: string, ctx: CompressContext, scale: number): string | null {
  const units = segment(text);
  if (units.length < 3) return null;

  const lower = units.map((u) => text.slice(u.start, u.end).toLowerCase());
  const words = lower.map(unitWords);
  const idf = inverseDocumentFrequency(words);
  const useful = usefulQueryTerms(ctx.queryTerms, lower);
  const must = mustKeepUnits(text, units, lower, useful);
  // the document's first real sentence usually says what the whole thing is ("X is a Y that does Z")
  const opening = units.findIndex((u) => u.kind === 'sentence' && !isBoilerplate(text, u));
  if (opening >= 0) must[opening] = true;
  addAnswerContext(text, units, lower, must, useful);
  const candidates = scoreUnits(text, units, lower, words, idf, must, ctx.queryTerms, useful);

  const runs = chooseRuns(
    units,
    candidates,
    prepareSelection(candidates, words, idf),
    Math.min(text.length, scale * keepChars(text.length)),
  );
  if (runs.length === 0) return null;
  const out = renderWithMarkers(text, units, runs, ctx, (r) => runNote(r, words, idf));
  return out.length < text.length ? out : null;
}

/**
 * Selects within the budget, then gives back runs too short for a marker and merges runs past the marker cap. The
 * give-backs can overshoot the target a lot when good sentences alternate with weak ones, so the budget shrinks by
 * the overshoot and selection reruns.
 */
function chooseRuns(
  units: readonly Unit[],
  candidates: readonly Candidate[],
  select: (budget: number) => boolean[],
  target: number,
): Run[] {
  let budget = target;
  let runs: Run[] = [];
  for (let round = 0; round < 4; round++) {
    const keep = select(budget);
    pruneShortRuns(units, keep);
    runs = capRuns(units, keep, candidates, MAX_RUNS);
    let kept = 0;
    for (let i = 0; i < units.length; i++) if (keep[i]) kept += candidates[i].length;
    const size = kept + runs.length * MARKER_CHARS;
    if (size <= target * 1.1) break;
    budget -= size - target;
    if (budget <= 0) break;
  }
  return runs;
}

function scoreUnits(
  text: string,
  units: readonly Unit[],
  lower: readonly string[],
  words: readonly UnitWords[],
  idf: Map<string, number>,
  must: readonly boolean[],
  terms: readonly string[],
  useful: readonly string[],
): Candidate[] {
  const rare = words.map((w) => rarity(w, idf));
  const typical = median(rare) || 1;
  // the rest of the opening paragraph (after any title and badges) tends to continue the overview
  const leadBlock = units.find((u) => u.kind === 'sentence' && !isBoilerplate(text, u))?.block ?? -1;
  const usefulHits = lower.map((l) => termHits(l, useful));
  // the section whose heading names what the query asks about ("3. Reporting bugs" for "how do I report a bug")
  let sectionHits = 0;
  return units.map((u, i) => {
    if (u.kind === 'heading') sectionHits = usefulHits[i];
    let score = 2 * (rare[i] / typical) + detailScore(text, u);
    if (u.kind !== 'heading') score += SECTION_WEIGHT * sectionHits;
    if (u.lead) score += 0.6;
    if (u.block === leadBlock) score += 0.8;
    if (u.lead && i > 0 && units[i - 1].kind === 'heading') score += 0.5;
    if (terms.length) score += 3 * usefulHits[i] + 0.5 * (termHits(lower[i], terms) - usefulHits[i]);
    // an answer often runs on into the next sentence ("… to the Debian BTS. See <url> for instructions.")
    if (i > 0 && units[i - 1].block === u.block && usefulHits[i - 1] > 0) score += 2;
    if (isBoilerplate(text, u)) score *= 0.3;
    return { index: i, length: u.end - u.start + 1, score, mustKeep: must[i] };
  });
}

/**
 * A few words saying what a dropped run is about: its most characteristic words (frequent in the run, rare elsewhere).
 */
function runNote(r: Run, words: readonly UnitWords[], idf: Map<string, number>): string | undefined {
  const weight = new Map<string, number>();
  for (let i = r.first; i <= r.last; i++) {
    for (const t of words[i].distinct) {
      const c = t.charCodeAt(0);
      if (t.length < 4 || !((c >= 97 && c <= 122) || c >= 0xc0) || NOTE_SKIP.has(t)) continue;
      weight.set(t, (weight.get(t) ?? 0) + (idf.get(t) ?? 0) ** 2);
    }
  }
  const top: Array<[string, number]> = [];
  for (const e of weight) {
    let at = top.length;
    while (at > 0 && (e[1] > top[at - 1][1] || (e[1] === top[at - 1][1] && e[0] < top[at - 1][0]))) at--;
    if (at < 3) {
      top.splice(at, 0, e);
      if (top.length > 3) top.pop();
    }
  }
  return top.length ? `about ${top.map((x) => x[0]).join(', ')}` : undefined;
}

/** Words that say nothing about a run (some are rare in a document only because they sit in its URLs). */
const NOTE_SKIP = new Set(
  (
    'about above after also because been before being below between both could does doesn each from have here http ' +
    'https into just more most much must only other over same should some such than that their them then there ' +
    'these they this those through under very were what when where which while will with would your www html'
  ).split(' '),
);

function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}
