/** Renders rows as a markdown table, columns padded so it also reads well in a terminal. */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  rightAlign: readonly number[] = [],
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const cell = (s: string, i: number): string => (rightAlign.includes(i) ? s.padStart(widths[i]) : s.padEnd(widths[i]));
  const line = (r: readonly string[]): string => `| ${r.map((s, i) => cell(s ?? '', i)).join(' | ')} |`;
  const dashes = widths.map((w, i) => (rightAlign.includes(i) ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2)));
  const rule = `|${dashes.join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
