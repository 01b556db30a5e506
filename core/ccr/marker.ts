/**
 * The one marker format every compressor uses, so agents, the proxy's retrieve tool, the MCP server and the panel
 * can all find and redeem it. Example: `[… 87 lines omitted: similar "GET /api/… 200" · retrieve hr_1a2b3c4d5e6f7a8b]`
 */
export const MARKER_ID_RE = /\bhr_[0-9a-f]{16}\b/g;

export interface MarkerParts {
  count: number;
  /** What was left out, plural noun: "lines", "rows", "matches", "hunks", "characters". */
  unit: string;
  id: string;
  /** Optional short description of what the omitted part contains. */
  note?: string;
}

export function formatMarker(p: MarkerParts): string {
  const note = p.note ? `: ${p.note}` : '';
  return `[… ${p.count} ${p.unit} omitted${note} · retrieve ${p.id}]`;
}

/** A whole marker as `formatMarker` writes it (use with `g`); bounded, so it stays linear on any text. */
export const MARKER_RE = /\[… \d+ [^\]\n]{0,400}? · retrieve hr_[0-9a-f]{16}\]/g;

/** Ids named by markers in a text, in order of first appearance. */
export function markerIds(text: string): string[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(MARKER_ID_RE)) seen.add(m[0]);
  return [...seen];
}
