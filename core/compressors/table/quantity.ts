/**
 * Reads a cell as a number when it is one in the shapes command output uses: plain and percent numbers, sizes
 * (`12Mi`, `4.0K`, `3GB`), ages/durations (`5d`, `3h12m`, `45s`) and kubectl restarts (`3 (2m ago)`). Units are only
 * compared within one column, so sizes and durations just need a consistent scale.
 */
const PLAIN_RE = /^[-+]?\d+(?:[.,]\d+)?%?$/;
const SIZE_RE = /^(\d+(?:\.\d+)?)([KMGTPE])(i?B?)$/i;
const DURATION_RE = /^(?:\d+(?:\.\d+)?(?:ms|[smhdwy]))+$/;
const DURATION_PART_RE = /(\d+(?:\.\d+)?)(ms|[smhdwy])/g;
const RESTARTS_RE = /^(\d+) \(/;

const SIZE_POWER: Record<string, number> = { K: 1, M: 2, G: 3, T: 4, P: 5, E: 6 };
const SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };

export function parseQuantity(cell: string): number | undefined {
  const s = cell.trim();
  if (s.length === 0 || s.length > 24) return undefined;
  if (PLAIN_RE.test(s)) return Number(s.replace('%', '').replace(',', '.'));
  const size = SIZE_RE.exec(s);
  if (size) return Number(size[1]) * 1024 ** SIZE_POWER[size[2].toUpperCase()];
  if (DURATION_RE.test(s)) {
    let total = 0;
    for (const m of s.matchAll(DURATION_PART_RE)) total += Number(m[1]) * SECONDS[m[2]];
    return total;
  }
  const restarts = RESTARTS_RE.exec(s);
  if (restarts) return Number(restarts[1]);
  return undefined;
}
