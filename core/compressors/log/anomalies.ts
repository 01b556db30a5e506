/**
 * Anomalies: the lines a person scanning a big repetitive log would stop at. Two kinds:
 * - rare templates: a line whose template (and coarse shape) occurs once or twice among thousands of look-alikes;
 * - rare field values inside a common template: the one `500` among `200`s (a categorical field with a value seen
 *   once or twice), the one `12034ms` among `3–94ms` (a value ten times the median, when only a handful are).
 */
import type { Templates } from './templates.js';
import { fieldKinds, fieldValue } from './templates.js';
import { wordsShape } from './shape.js';

/** A log is "repetitive" (so rarity means something) when this share of its lines belong to common templates. */
const REPETITIVE_SHARE = 0.6;
const COMMON_COUNT = 5;
const MIN_LINES_FOR_RARITY = 100;
/** Field statistics need this many members in a template before an outlier is an outlier. */
const MIN_MEMBERS_FOR_FIELDS = 50;
/** A field with at most this many distinct values is categorical (status codes, levels, worker ids). */
const MAX_CATEGORIES = 8;
const OUTLIER_FACTOR = 10;

/** Line indexes that are anomalies, ascending. */
export function findAnomalies(lines: readonly string[], t: Templates): number[] {
  const out = new Set<number>();
  rareTemplates(lines, t, out);
  fieldOutliers(t, out);
  return [...out].sort((a, b) => a - b);
}

function rareTemplates(lines: readonly string[], t: Templates, out: Set<number>): void {
  const n = lines.length;
  if (n < MIN_LINES_FOR_RARITY) return;
  let common = 0;
  for (let i = 0; i < n; i++) if (t.counts[t.ids[i]] >= COMMON_COUNT) common++;
  if (common < n * REPETITIVE_SHARE) return;
  // a rare template of a common shape (`Prototype pollution in pkg-7 - …GHSA-100a…` among forty) is variety, not an
  // event
  const shapeOfId: string[] = new Array(t.keys.length);
  const perShape = new Map<string, number>();
  for (let id = 0; id < t.keys.length; id++) {
    const shape = wordsShape(t.keys[id]);
    shapeOfId[id] = shape;
    perShape.set(shape, (perShape.get(shape) ?? 0) + t.counts[id]);
  }
  const cap = Math.max(20, Math.ceil(n * 0.005));
  let taken = 0;
  for (let i = 0; i < n && taken < cap; i++) {
    const id = t.ids[i];
    if (t.counts[id] <= 2 && perShape.get(shapeOfId[id])! <= 2 && lines[i].trim() !== '') {
      out.add(i);
      taken++;
    }
  }
}

function fieldOutliers(t: Templates, out: Set<number>): void {
  const big: number[] = [];
  for (let id = 0; id < t.keys.length; id++)
    if (t.counts[id] >= MIN_MEMBERS_FOR_FIELDS && fieldKinds(t.keys[id]).includes('n')) big.push(id);
  if (big.length === 0) return;
  const members = new Map<number, number[]>();
  for (const id of big) members.set(id, []);
  for (let i = 0; i < t.ids.length; i++) members.get(t.ids[i])?.push(i);
  for (const id of big) {
    const rows = members.get(id)!;
    const kinds = fieldKinds(t.keys[id]);
    for (let s = 0; s < kinds.length; s++) if (kinds[s] === 'n') slotOutliers(rows, s, t, out);
  }
}

function slotOutliers(rows: number[], slot: number, t: Templates, out: Set<number>): void {
  const nums = new Float64Array(rows.length);
  const categories = new Map<string, number>();
  for (let r = 0; r < rows.length; r++) {
    const v = fieldValue(t, rows[r], slot) ?? '';
    nums[r] = Number(v);
    if (categories.size <= MAX_CATEGORIES || categories.has(v)) categories.set(v, (categories.get(v) ?? 0) + 1);
  }
  if (categories.size <= MAX_CATEGORIES) {
    // categorical: values seen at most twice, and at most 1% of the members
    const rare = new Set<string>();
    for (const [v, c] of categories) if (c <= 2 && c * 100 <= rows.length) rare.add(v);
    if (rare.size === 0) return;
    for (const r of rows) if (rare.has(fieldValue(t, r, slot) ?? '')) out.add(r);
    return;
  }
  const sorted = Float64Array.from(nums).sort();
  const median = sorted[sorted.length >> 1];
  if (!(median > 0)) return;
  const limit = median * OUTLIER_FACTOR;
  // a heavy tail (many large values) is the field's nature, not an anomaly
  const allowed = Math.max(3, Math.floor(rows.length / 1000));
  let above = 0;
  for (let k = sorted.length - 1; k >= 0 && sorted[k] > limit; k--) above++;
  if (above === 0 || above > allowed) return;
  for (let r = 0; r < rows.length; r++) if (nums[r] > limit) out.add(rows[r]);
}
