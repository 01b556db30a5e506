/**
 * Splits a line into plain and marker segments, so the diff view can highlight `[… N lines omitted · retrieve hr_…]`.
 */

export interface Segment {
  text: string;
  marker: boolean;
  /** The CCR id the marker names. */
  id?: string;
}

/**
 * `pattern` is core's marker RegExp (protocol `init.markerPattern`), bounded, so this is linear; `idPattern` finds the
 * id inside a marker (`init.markerIdPattern`).
 */
export function markerSegments(line: string, pattern: RegExp, idPattern: RegExp): Segment[] {
  const idRe = new RegExp(idPattern.source);
  const re = new RegExp(pattern.source, 'g');
  const out: Segment[] = [];
  let last = 0;
  for (const m of line.matchAll(re)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ text: line.slice(last, at), marker: false });
    out.push({ text: m[0], marker: true, id: idRe.exec(m[0])?.[0] });
    last = at + m[0].length;
  }
  if (last < line.length || !out.length) out.push({ text: line.slice(last), marker: false });
  return out;
}
