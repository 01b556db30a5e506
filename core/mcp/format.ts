/** "just now", "4 min ago", "3 h ago", "2 days ago". */
export function describeAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} days ago`;
}

/** 12345 → "12,345" (locale-independent, so output is deterministic). */
export function num(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function pct(saved: number, before: number): string {
  return before > 0 ? `${Math.round((100 * saved) / before)}%` : '0%';
}
