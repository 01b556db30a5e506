import type { Totals } from '../extension/protocol.js';

/**
 * Number and time wording for the panel. Pure (no DOM, no Node), so the status bar (extension/status-text.ts) takes
 * its token wording from here too: the webview may import only types from the extension side, not the other way.
 */

/** 950 → "950", 12_345 → "12.3k", 123_456 → "123k", 1_234_567 → "1.2M". */
export function tokens(n: number): string {
  const v = Math.max(0, Math.round(n));
  if (v < 1000) return String(v);
  const suffixes = ['', 'k', 'M', 'B'];
  // one decimal below 100 ("12.3k"), none above ("123k"); what rounds to 1000 is the next unit ("1M", not "1000k")
  const fmt = (x: number) => (x < 99.95 ? x.toFixed(1).replace(/\.0$/, '') : String(Math.round(x)));
  let i = Math.min(3, Math.floor(Math.log10(v) / 3));
  let s = fmt(v / 1000 ** i);
  if (s === '1000' && i < 3) s = fmt(v / 1000 ** ++i);
  return s + suffixes[i];
}

/** Whole percent saved; never "100%" while anything was sent (494k → 1.1k is 99%). */
export function percentSaved(before: number, after: number): number {
  if (before <= 0) return 0;
  const p = Math.round((Math.max(0, before - after) / before) * 100);
  return p === 100 && after > 0 ? 99 : p;
}

/** 10007 → "10,007". */
export function count(n: number): string {
  return n.toLocaleString('en');
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "14:03:27" today, "Mar 4 14:03" otherwise (local time). */
export function clock(time: number, now = Date.now()): string {
  const d = new Date(time);
  const today = new Date(now);
  const hms = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  if (d.toDateString() === today.toDateString()) return hms;
  return `${d.toLocaleString('en', { month: 'short' })} ${d.getDate()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function ms(n: number): string {
  return n < 10 ? `${n.toFixed(1)} ms` : `${Math.round(n)} ms`;
}

const signed = (n: number) => (n < 0 ? `−${tokens(-n)}` : tokens(n));
const pct = (n: number) => (n < 0 ? `−${-n}` : String(n));

/**
 * One labelled line of totals: "All time · 12 requests · 1.2M → 400k tokens · 800k saved (67%) · net 790k (66%) after
 * 3 model retrievals (10k tokens) · 2 lookups by you". `netKnown`: every retrieval's tokens are in `retrievedTokens`.
 */
export function totalsLine(label: string, t: Totals, netKnown: boolean): string {
  const saved = Math.max(0, t.tokensBefore - t.tokensAfter);
  const parts = [
    `${label}: ${count(t.requests)} ${t.requests === 1 ? 'request' : 'requests'}`,
    `${tokens(t.tokensBefore)} → ${tokens(t.tokensAfter)} tokens`,
    `${tokens(saved)} saved (${percentSaved(t.tokensBefore, t.tokensAfter)}%)`,
  ];
  const retrieved = `${count(t.retrievals)} ${t.retrievals === 1 ? 'retrieval' : 'retrievals'} by models`;
  if (t.retrievals && netKnown) {
    const net = t.tokensBefore - t.tokensAfter - t.retrievedTokens;
    const netPct = t.tokensBefore > 0 ? Math.round((net / t.tokensBefore) * 100) : 0;
    parts.push(`net ${signed(net)} (${pct(netPct)}%) after ${retrieved} (${tokens(t.retrievedTokens)} tokens)`);
  } else parts.push(t.retrievals ? `${retrieved} (net: see this session)` : retrieved);
  parts.push(`${count(t.lookups)} ${t.lookups === 1 ? 'lookup' : 'lookups'} by you`);
  return parts.join(' · ');
}
