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
  /** Optional short description of what the omitted part contains (one line; cut to MAX_NOTE_CHARS). */
  note?: string;
  /**
   * Length of the text the marker stands for, when the caller knows it: a marker must be clearly shorter than what it
   * replaces, so the note is left out when the marker with it would exceed a third of that.
   */
  replacedChars?: number;
}

/** Notes longer than this are cut (with `…`): the whole marker stays well inside MARKER_RE's bound. */
export const MAX_NOTE_CHARS = 1400;

export function formatMarker(p: MarkerParts): string {
  const bare = `[… ${p.count} ${p.unit} omitted · retrieve ${p.id}]`;
  if (!p.note) return bare;
  let note = p.note.replace(/[\r\n]+/g, ' ');
  if (note.length > MAX_NOTE_CHARS) note = `${note.slice(0, MAX_NOTE_CHARS - 1).trimEnd()}…`;
  const full = `[… ${p.count} ${p.unit} omitted: ${note} · retrieve ${p.id}]`;
  return p.replacedChars !== undefined && full.length * 3 > p.replacedChars ? bare : full;
}

/**
 * A whole marker as `formatMarker` writes it (use with `g`); bounded, so it stays linear on any text. The bound (1600)
 * is well above the longest marker formatMarker can write (unit and note are capped), and a note may hold brackets.
 */
export const MARKER_RE = /\[… \d+ [^\n]{0,1600}? · retrieve hr_[0-9a-f]{16}\]/g;

/** Ids named by markers in a text, in order of first appearance. */
export function markerIds(text: string): string[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(MARKER_ID_RE)) seen.add(m[0]);
  return [...seen];
}
