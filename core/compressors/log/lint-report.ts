/**
 * Linter and type-checker reports (eslint's stylish format, tsc plain and --pretty): hundreds of diagnostics, most of
 * them from a few rules. Grouped by rule: every diagnostic of a rule, code or file the question names is shown exactly
 * as printed (eslint's file headings kept, so each `line:col` stays under its file); every other rule becomes one line,
 *   `no-var ×312 (error) "Unexpected var, use let or const instead" in 11 files: lib/application.js:16:1, …,
 *   +309 more`
 * followed by a marker whose stash is exactly that rule's diagnostics (with their file headings or code frames).
 * Summary lines (`✖ 599 problems …`, `Found 107 errors in 40 files.`) are kept as printed.
 */
import type { CompressContext } from '../../types.js';
import { formatMarker } from '../../ccr/marker.js';
import { queryIntent } from '../../router/query-intent.js';

/** Fewer diagnostics than this read fine as they are (the generic log compressor handles them). */
const MIN_DIAGNOSTICS = 25;
/** Rules with fewer hidden diagnostics than this are shown as printed. */
const MIN_GROUP = 3;
/** Places named in a group line, at most. */
const PLACES_NAMED = 3;
const MESSAGE_MAX = 90;

const ESLINT_RE = /^\s+(\d+):(\d+)\s+(error|warning)\s+(.+?)(?:\s{2,}(@?[\w-]+(?:\/[\w-]+)*))?\s*$/;
const TSC_PLAIN_RE = /^(\S.*?)\((\d+),(\d+)\): (error|warning) (TS\d+): (.*)$/;
const TSC_PRETTY_RE = /^(\S.*?):(\d+):(\d+) - (error|warning) (TS\d+): (.*)$/;
/** A row of tsc --pretty's closing table: `     3  src/internal/AsyncSubject.ts:14`. */
const TSC_FILE_ROW_RE = /^\s+\d+\s+\S+:\d+$/;
const SUMMARY_RE =
  /^\s*(?:✖ \d+ problems?|\d+ errors? and \d+ warnings? potentially fixable|Found \d+ errors?\b|Errors {2}Files)/;

interface Diagnostic {
  file: string;
  severity: string;
  message: string;
  rule: string;
  /** Where, spelled as the report spells it: `lib/a.js(12,5)` (tsc), `lib/a.js:12:5` (tsc --pretty, eslint). */
  place: string;
  /** Lines [start, end) as printed (tsc: with its code frame). */
  start: number;
  end: number;
}

interface Parsed {
  format: 'eslint' | 'tsc';
  diagnostics: Diagnostic[];
  /** Line index of each eslint file heading, by file. */
  headings: Map<string, number>;
}

/** The report's diagnostics, or null when the text is not (mostly) one of these reports. */
export function parseLintReport(lines: readonly string[]): Parsed | null {
  const diagnostics: Diagnostic[] = [];
  const headings = new Map<string, number>();
  let eslint = 0,
    tsc = 0,
    other = 0;
  let file = '';
  if (!looksLikeReport(lines)) return null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    let m = ESLINT_RE.exec(line);
    if (m && file) {
      eslint++;
      diagnostics.push({
        file,
        severity: m[3],
        message: m[4].trim(),
        rule: m[5] ?? '(no rule)',
        place: `${file}:${m[1]}:${m[2]}`,
        start: i,
        end: i + 1,
      });
      continue;
    }
    // the regexes below backtrack on long lines: only lines that carry tsc's marker are tried
    const tscLine =
      line.includes(' TS') &&
      (line.includes('): error ') ||
        line.includes('): warning ') ||
        line.includes(' - error ') ||
        line.includes(' - warning '));
    const plain = tscLine ? TSC_PLAIN_RE.exec(line) : null;
    m = plain ?? (tscLine ? TSC_PRETTY_RE.exec(line) : null);
    if (m) {
      tsc++;
      let end = i + 1;
      // continuation lines (indented chains of "Type X is not assignable…") and --pretty code frames up to a blank
      while (end < lines.length && lines[end] !== '' && /^\s|^\d+\s/.test(lines[end])) end++;
      if (!plain) while (end < lines.length && lines[end] !== '' && !TSC_PRETTY_RE.test(lines[end])) end++;
      const place = plain ? `${m[1]}(${m[2]},${m[3]})` : `${m[1]}:${m[2]}:${m[3]}`;
      diagnostics.push({ file: m[1], severity: m[4], message: m[6], rule: m[5], place, start: i, end });
      i = end - 1;
      continue;
    }
    if (
      !/^\s/.test(line) &&
      !SUMMARY_RE.test(line) &&
      /^\S+$/.test(line.trim()) &&
      ESLINT_RE.test(lines[i + 1] ?? '')
    ) {
      file = line.trim();
      headings.set(file, i);
      continue;
    }
    if (!SUMMARY_RE.test(line) && !TSC_FILE_ROW_RE.test(line)) other++;
  }
  if (diagnostics.length < MIN_DIAGNOSTICS || other > diagnostics.length / 4) return null;
  return { format: eslint >= tsc ? 'eslint' : 'tsc', diagnostics, headings };
}

/** A quick look at the first lines: a report has diagnostics among them (most logs are turned away here). */
function looksLikeReport(lines: readonly string[]): boolean {
  let seen = 0,
    hits = 0;
  for (let i = 0; i < lines.length && seen < 200; i++) {
    const l = lines[i];
    if (l.length === 0) continue;
    seen++;
    if (
      /^\s+\d+:\d+\s+(?:error|warning)\s/.test(l) ||
      (l.includes(' TS') && (l.includes(': error ') || l.includes(' - error ')))
    )
      hits++;
  }
  return hits >= Math.min(10, seen / 4);
}

/** Diagnostics the question is about: its rule or code, its file, or a selective word of its message. */
function asked(p: Parsed, ctx: CompressContext): boolean[] {
  const q = (ctx.query ?? '').toLowerCase();
  const terms = queryIntent(ctx.query, ctx.queryTerms).positive.filter((t) => t.length >= 4);
  const n = p.diagnostics.length;
  const lowerMsg = p.diagnostics.map((d) => d.message.toLowerCase());
  // a word in more than a fifth of the messages ("unexpected", "type") selects nothing
  const selective = terms.filter((t) => lowerMsg.reduce((k, m) => k + (m.includes(t) ? 1 : 0), 0) <= n / 5);
  const names = (s: string): boolean => {
    const at = q.indexOf(s);
    return at >= 0 && !/[\w-]/.test(q[at - 1] ?? ' ') && !/[\w-]/.test(q[at + s.length] ?? ' ');
  };
  const byRule = new Map<string, boolean>();
  const ruleAsked = (rule: string): boolean => {
    let v = byRule.get(rule);
    if (v === undefined) {
      const r = rule.toLowerCase();
      v = r !== '(no rule)' && (names(r) || (/^ts\d+$/.test(r) && names(r.slice(2))));
      byRule.set(rule, v);
    }
    return v;
  };
  return p.diagnostics.map((d, i) => {
    if (ruleAsked(d.rule)) return true;
    const f = d.file.toLowerCase();
    const base = f.split('/').pop()!;
    if (q.includes(f) || (base.length > 4 && base.includes('.') && names(base))) return true;
    return selective.some((t) => lowerMsg[i].includes(t));
  });
}

/** The grouped report, or null when there is nothing to fold. `lines` are the cleaned lines of `text`. */
export function compactLintReport(lines: readonly string[], p: Parsed, ctx: CompressContext): string | null {
  // without a question every diagnostic may be the one that matters: the generic log compressor keeps them all
  if (!ctx.query || ctx.queryTerms.length === 0) return null;
  const keep = asked(p, ctx);
  const count = new Map<string, number>();
  p.diagnostics.forEach((d, i) => {
    if (!keep[i]) count.set(d.rule, (count.get(d.rule) ?? 0) + 1);
  });
  // a rule with only a few diagnostics left is cheaper shown than summarised behind a marker
  p.diagnostics.forEach((d, i) => {
    if (!keep[i] && count.get(d.rule)! < MIN_GROUP) keep[i] = true;
  });
  const hiddenByRule = new Map<string, Diagnostic[]>();
  p.diagnostics.forEach((d, i) => {
    if (!keep[i]) (hiddenByRule.get(d.rule) ?? hiddenByRule.set(d.rule, []).get(d.rule)!).push(d);
  });
  if (hiddenByRule.size === 0) return null;

  const out: string[] = [];
  const inDiag = new Int32Array(lines.length).fill(-1);
  p.diagnostics.forEach((d, i) => {
    for (let k = d.start; k < d.end; k++) inDiag[k] = i;
  });
  // the report as printed, minus hidden diagnostics (and eslint headings whose file shows none)
  const fileShown = new Set(p.diagnostics.filter((_, i) => keep[i]).map((d) => d.file));
  const summaries: string[] = [];
  let lastBlank = true;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    const di = inDiag[k];
    if (di >= 0) {
      if (keep[di]) {
        out.push(line);
        lastBlank = line === '';
      }
      continue;
    }
    if (SUMMARY_RE.test(line) || TSC_FILE_ROW_RE.test(line) || /^\s*\d+ errors? and \d+ warnings?/.test(line)) {
      summaries.push(line);
      continue;
    }
    if (p.format === 'eslint' && p.headings.get(line.trim()) === k && !fileShown.has(line.trim())) continue;
    if (line === '' && lastBlank) continue;
    out.push(line);
    lastBlank = line === '';
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  if (out.length > 0) out.push('');

  const groups = [...hiddenByRule.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
  for (const [rule, ds] of groups) {
    out.push(groupLine(rule, ds));
    out.push(
      formatMarker({
        count: ds.length,
        unit: ds.length === 1 ? 'diagnostic' : 'diagnostics',
        id: ctx.stash(stashOf(lines, p, ds)),
        note: `every ${rule} location, as printed`,
      }),
    );
  }
  if (summaries.length > 0) out.push('', ...summaries);
  return out.join('\n');
}

/**
 * `rule ×N (severity) "message" in F files: place, place, place, +M more` — a documented summary form
 * (bench/lib/faithfulness.ts).
 */
function groupLine(rule: string, ds: readonly Diagnostic[]): string {
  const sev = new Set(ds.map((d) => d.severity));
  const messages = new Map<string, number>();
  for (const d of ds) messages.set(d.message, (messages.get(d.message) ?? 0) + 1);
  const [example] = [...messages.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  const msg = example.length > MESSAGE_MAX ? `${example.slice(0, MESSAGE_MAX - 1)}…` : example;
  const files = new Set(ds.map((d) => d.file));
  // the first places as printed (a reader can go there; the marker below has every one)
  const places =
    ds
      .slice(0, PLACES_NAMED)
      .map((d) => d.place)
      .join(', ') + (ds.length > PLACES_NAMED ? `, +${ds.length - PLACES_NAMED} more` : '');
  const variants = messages.size > 1 ? ` (+${messages.size - 1} other messages)` : '';
  const where = files.size === 1 ? '1 file' : `${files.size} files`;
  const severity = sev.size === 1 ? [...sev][0] : 'error/warning';
  return `${rule} ×${ds.length} (${severity}) "${msg}"${variants} in ${where}: ${places}`;
}

/** A rule's diagnostics exactly as printed; eslint's under their file headings. */
function stashOf(lines: readonly string[], p: Parsed, ds: readonly Diagnostic[]): string {
  const parts: string[] = [];
  let file = '';
  for (const d of ds) {
    if (p.format === 'eslint' && d.file !== file) {
      if (parts.length > 0) parts.push('');
      parts.push(lines[p.headings.get(d.file)!]);
      file = d.file;
    }
    for (let k = d.start; k < d.end; k++) parts.push(lines[k]);
  }
  return parts.join('\n');
}
