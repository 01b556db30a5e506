import { ERROR_RE, WARN_RE } from '../../router/signals.js';
import type { ParsedTable } from './types.js';
import { parseQuantity } from './quantity.js';

/** States that mean something is wrong, beyond ERROR_RE's words (kubectl, docker, systemd, health checks). */
const ANOMALY_RE = new RegExp(
  String.raw`\b(?:CrashLoopBackOff|ImagePullBackOff|ErrImagePull|ErrImageNeverPull|CreateContainerConfigError` +
    String.raw`|InvalidImageName|OOMKilled|Evicted|Terminating|Pending|Unknown|NotReady|Unhealthy|Degraded` +
    String.raw`|Exited \([1-9]\d*\)|Dead|Restarting|Stopped|Killed|Lost|Orphaned)\b`,
  'i',
);
const OK_HEADER_RE = new RegExp(
  String.raw`^(?:ok|ready|healthy|health|success(?:ful)?|succeeded|pass(?:ed)?|valid|enabled|available|active` +
    String.raw`|alive|online|synced|up)$`,
  'i',
);
const FALSY_RE = /^(?:false|no|n|off|0|failed|unhealthy|down|inactive)$/i;
const EXIT_HEADER_RE = /(?:^|[\s_-])(?:exit|exitcode|exit_code|rc|code|errno|returncode)$/i;
const ID_HEADER_RE = /(?:^|[\s_-])(?:id|pid|ppid|uid|gid|port|no|#|inode|ino|index|idx)$/i;

const FIRST_ROWS = 3;
const LAST_ROWS = 2;
/** Per column, at most this many numeric outliers and this many rare-value rows are forced in. */
const MAX_OUTLIERS = 5;
const MAX_RARE = 8;
/** Robust z-score (median/MAD) above which a number is an outlier. */
const OUTLIER_Z = 5;

/**
 * The rows a lossy pass must keep: failures and anomalies, query matches, numeric outliers and rare values per
 * column, rows that do not fit the layout, and the first and last few (what the listing starts and ends with).
 */
export function mustKeepRows(table: ParsedTable, text: string, queryTerms: readonly string[]): boolean[] {
  const rows = table.rows;
  const n = rows.length;
  const keep = new Array<boolean>(n).fill(false);
  for (let i = 0; i < Math.min(FIRST_ROWS, n); i++) keep[i] = true;
  for (let i = Math.max(0, n - LAST_ROWS); i < n; i++) keep[i] = true;

  const lower = rows.map((r) => text.slice(r.start, r.end).toLowerCase());
  const terms = selectiveTerms(
    queryTerms,
    lower,
    table.header ? text.slice(table.header.start, table.header.end).toLowerCase() : '',
  );
  for (let i = 0; i < n; i++) {
    const t = lower[i];
    if (rows[i].ragged || ERROR_RE.test(t) || WARN_RE.test(t) || ANOMALY_RE.test(t)) keep[i] = true;
    else for (const term of terms) if (t.includes(term)) keep[i] = true;
  }
  // "which files are the largest", "what uses the most memory": the question ranks rows, so the top ones stay
  const top = RANKING_RE.test(queryTerms.join(' ')) ? TOP_RANKED : TOP_ALWAYS;
  for (let c = 0; c < table.columns; c++) {
    const label = table.header?.cells[c]?.trim() ?? '';
    const cells = rows.map((r) => (r.ragged ? undefined : r.cells[c]));
    for (const i of columnSignals(label, cells, top)) keep[i] = true;
  }
  return keep;
}

/** Words that ask for the top of a ranking. */
const RANKING_RE =
  /\b(?:largest|biggest|most|highest|top|heaviest|slowest|longest|max(?:imum)?|greatest|hogs?|hungriest)\b/;
/** Rows with a measurement column's largest values kept always, and (more) when the question ranks. */
const TOP_ALWAYS = 3;
const TOP_RANKED = 15;

/** Query terms that pick rows out: not column names, not in most rows. */
function selectiveTerms(terms: readonly string[], lower: readonly string[], header: string): string[] {
  const limit = Math.max(3, Math.floor(lower.length * 0.3));
  return terms.filter((t) => {
    if (header.includes(t)) return false;
    let hits = 0;
    for (const l of lower) if (l.includes(t) && ++hits > limit) return false;
    return true;
  });
}

/** Rows a column singles out; `top`: how many of a quantity column's largest values stay. */
function columnSignals(label: string, cells: ReadonlyArray<string | undefined>, top: number): number[] {
  const out: number[] = [];
  const okColumn = OK_HEADER_RE.test(label);
  const exitColumn = EXIT_HEADER_RE.test(label);
  let fractions = 0;
  const partial: number[] = [];
  const numbers: Array<[number, number]> = [];
  const counts = new Map<string, number>();
  let filled = 0;
  cells.forEach((cell, i) => {
    if (cell === undefined || cell === '') return;
    filled++;
    counts.set(cell, (counts.get(cell) ?? 0) + 1);
    if (okColumn && FALSY_RE.test(cell)) out.push(i);
    const frac = /^(\d+)\/(\d+)$/.exec(cell);
    if (frac) {
      fractions++;
      if (Number(frac[1]) < Number(frac[2])) partial.push(i); // READY 0/1: not all containers up
    }
    const q = parseQuantity(cell);
    if (q !== undefined) {
      numbers.push([i, q]);
      if (exitColumn && q !== 0) out.push(i);
    }
  });
  // x/y only means "x of y ready" in a column of such fractions (not in a column of paths or dates)
  if (fractions * 2 >= filled) out.push(...partial);
  if (numbers.length >= 8 && numbers.length >= filled * 0.8 && !ID_HEADER_RE.test(label) && !increasing(numbers)) {
    out.push(...outliers(numbers));
    out.push(
      ...[...numbers]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, top)
        .map((x) => x[0]),
    );
  }
  out.push(...rareValues(counts, cells, filled));
  return out;
}

/** Rows whose number sits far from the column's median (robust z by MAD); when most values are equal, the odd ones. */
function outliers(numbers: Array<[number, number]>): number[] {
  const values = numbers.map((x) => x[1]).sort((a, b) => a - b);
  const median = values[values.length >> 1];
  const deviations = values.map((v) => Math.abs(v - median)).sort((a, b) => a - b);
  const mad = deviations[deviations.length >> 1];
  const far = numbers
    .map(([i, v]) => [i, Math.abs(v - median)] as [number, number])
    .filter(([, d]) => (mad === 0 ? d > 0 : d / (1.4826 * mad) >= OUTLIER_Z))
    .sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  // when "odd" is most of the column (MAD 0 but half the values differ), only the extremes say anything
  return far.slice(0, MAX_OUTLIERS).map((x) => x[0]);
}

/** Rows holding a value that is rare in a column dominated by a few values (STATUS: Running ×198, Error ×1). */
function rareValues(counts: Map<string, number>, cells: ReadonlyArray<string | undefined>, filled: number): number[] {
  if (filled < 10 || counts.size > Math.max(12, filled * 0.05)) return [];
  let top = 0;
  for (const c of counts.values()) top = Math.max(top, c);
  if (top < filled * 0.5) return [];
  const rareLimit = Math.max(1, Math.floor(filled * 0.01));
  const out: number[] = [];
  cells.forEach((cell, i) => {
    if (cell !== undefined && cell !== '' && out.length < MAX_RARE && (counts.get(cell) ?? 0) <= rareLimit) out.push(i);
  });
  return out;
}

/** Strictly increasing numbers are row ids or offsets, not measurements. */
function increasing(numbers: Array<[number, number]>): boolean {
  for (let k = 1; k < numbers.length; k++) if (numbers[k][1] <= numbers[k - 1][1]) return false;
  return true;
}
