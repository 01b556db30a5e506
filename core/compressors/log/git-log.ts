/**
 * `git log` (medium format, with or without --stat): one line per commit instead of six to ten, the way
 * `git log --oneline` reads, plus what --oneline drops that a reader asks about: when, who, which files.
 *   `84987e52e746 2023-11-25 01:14 Chris de Almeida: Handle undefined input in qs/dist/qs.js [qs/dist/qs.js +1 -1]`
 * Hashes stay identifiers (abbreviated to 12, which git accepts anywhere a hash goes); the commits the query picks
 * out (by its selective words, in the message or the files) are shown whole, exactly as printed, and so are the stat
 * lines of files named like errors (the pipeline's guard keeps every error-looking line). One marker holds
 * the log exactly as printed: full hashes, emails, dates to the second, message bodies, per-file counts.
 */
import type { CompressContext } from '../../types.js';
import { formatMarker } from '../../ccr/marker.js';
import { queryIntent } from '../../router/query-intent.js';
import { isAnswerBearing } from '../../router/answer-bearing.js';

const COMMIT_RE = /^commit ([0-9a-f]{7,64})\b/;
const MIN_COMMITS = 3;
const ABBREV = 12;
/** Commits shown whole, at most (the best matches for the query). */
const FULL_MAX = 5;
/** A query word in more than this share of the commits selects none of them. */
const MAX_TERM_SHARE = 0.25;
const FILES_SHOWN = 3;
const SUBJECT_MAX = 100;
const MONTHS: Record<string, string> = { Jan: '01', Feb: '02', Mar: '03', Apr: '04', May: '05', Jun: '06', Jul: '07', Aug: '08', Sep: '09', Oct: '10', Nov: '11', Dec: '12' };

interface Commit {
  /** Line range [start, end) in the log, blank lines after it included. */
  start: number;
  end: number;
  hash: string;
  author: string;
  date: string;
  subject: string;
  files: string[];
  /** Stat lines of files named like errors, kept as printed. */
  flagged: string[];
  added: number;
  removed: number;
}

/** True when the text is git log's medium format: it starts with a commit line and has a few of them. */
export function isGitLog(lines: readonly string[]): boolean {
  const first = lines.find((l) => l.trim() !== '');
  if (!first || !COMMIT_RE.test(first)) return false;
  let commits = 0;
  for (let i = 0; i < lines.length && commits < MIN_COMMITS; i++) if (COMMIT_RE.test(lines[i])) commits++;
  return commits >= MIN_COMMITS;
}

/** The compact form, or null when the text does not parse as git log. `text` is the exact original. */
export function compactGitLog(text: string, lines: readonly string[], ctx: CompressContext): string | null {
  const commits = parseCommits(lines);
  if (commits.length < MIN_COMMITS) return null;
  const full = pickFull(lines, commits, ctx);
  const out: string[] = [];
  let verbatim = 0;
  for (let c = 0; c < commits.length; c++) {
    const k = commits[c];
    if (full.has(c)) {
      for (let i = k.start; i < k.end; i++) out.push(lines[i]);
      verbatim += k.end - k.start;
    } else out.push(oneLine(k));
  }
  const omitted = lines.length - verbatim;
  out.push(formatMarker({ count: omitted, unit: 'lines', id: ctx.stash(text), note: `the log as printed: full hashes, emails, dates, messages and per-file stats of the ${commits.length - full.size} commits in one line` }));
  return out.join('\n');
}

function parseCommits(lines: readonly string[]): Commit[] {
  const commits: Commit[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = COMMIT_RE.exec(lines[i]);
    if (!m) {
      if (commits.length === 0 && lines[i].trim() !== '') return []; // something before the first commit: not a plain log
      continue;
    }
    const c: Commit = { start: i, end: i + 1, hash: m[1], author: '', date: '', subject: '', files: [], flagged: [], added: 0, removed: 0 };
    let j = i + 1;
    for (; j < lines.length && lines[j] !== '' && !COMMIT_RE.test(lines[j]); j++) {
      const author = /^Author:\s+(.*?)(?:\s+<[^>]*>)?$/.exec(lines[j]);
      if (author) c.author = author[1];
      const date = /^Date:\s+(.*)$/.exec(lines[j]);
      if (date) c.date = date[1];
    }
    for (; j < lines.length && !COMMIT_RE.test(lines[j]); j++) {
      const line = lines[j];
      if (c.subject === '' && line.startsWith('    ') && line.trim() !== '') c.subject = line.trim();
      const stat = /^ (\S.*?)\s+\|\s+(?:\d+|Bin)/.exec(line);
      if (stat) {
        // a file named like an error (`lib/errors.js`, `abort.js`) is a line the pipeline's guard looks for
        if (isAnswerBearing(line, 'log')) c.flagged.push(line);
        else c.files.push(stat[1]);
      }
      const sum = /^ \d+ files? changed(?:, (\d+) insertions?\(\+\))?(?:, (\d+) deletions?\(-\))?/.exec(line);
      if (sum) {
        c.added = Number(sum[1] ?? 0);
        c.removed = Number(sum[2] ?? 0);
      }
    }
    c.end = j;
    commits.push(c);
    i = j - 1;
  }
  return commits;
}

/** `hash date author: subject [files +added -removed]`. */
function oneLine(c: Commit): string {
  const subject = c.subject.length > SUBJECT_MAX ? c.subject.slice(0, SUBJECT_MAX) + '…' : c.subject;
  const files = c.files.length > FILES_SHOWN ? [...c.files.slice(0, FILES_SHOWN - 1), `+${c.files.length - FILES_SHOWN + 1} more`] : [...c.files];
  if (c.flagged.length > 0 && files.length === 0) files.push(`${c.flagged.length} below`);
  const stats = files.length > 0 ? ` [${files.join(', ')} +${c.added} -${c.removed}]` : '';
  const head = `${c.hash.slice(0, ABBREV)} ${shortDate(c.date)} ${c.author}: ${subject}${stats}`;
  return c.flagged.length > 0 ? [head, ...c.flagged].join('\n') : head;
}

/** `Sat Nov 25 01:14:55 2023 +0000` → `2023-11-25 01:14`; other formats as printed. */
function shortDate(date: string): string {
  const m = /^\w{3} (\w{3}) +(\d{1,2}) (\d\d:\d\d):\d\d (\d{4})/.exec(date);
  if (!m || !MONTHS[m[1]]) return date;
  return `${m[4]}-${MONTHS[m[1]]}-${m[2].padStart(2, '0')} ${m[3]}`;
}

/**
 * The commits the query picks out, by its selective words (in at most a quarter of the commits), each weighed by
 * its rarity: those scoring at least half the best, at most FULL_MAX.
 */
function pickFull(lines: readonly string[], commits: readonly Commit[], ctx: CompressContext): Set<number> {
  const terms = queryIntent(ctx.query, ctx.queryTerms).positive.slice(0, 31);
  const picked = new Set<number>();
  if (terms.length === 0) return picked;
  const texts = commits.map((c) => lines.slice(c.start + 1, c.end).join('\n').toLowerCase());
  const df = terms.map((t) => texts.reduce((k, x) => k + (x.includes(t) ? 1 : 0), 0));
  const n = commits.length;
  const weight = df.map((d) => (d > 0 && d <= Math.max(1, n * MAX_TERM_SHARE) ? Math.log(n / d) : 0));
  const scores = texts.map((x) => terms.reduce((s, t, i) => s + (weight[i] > 0 && x.includes(t) ? weight[i] : 0), 0));
  const best = Math.max(...scores);
  if (best <= 0) return picked;
  const order = scores.map((s, i) => i).filter((i) => scores[i] >= best / 2).sort((a, b) => scores[b] - scores[a] || a - b);
  for (const i of order.slice(0, FULL_MAX)) picked.add(i);
  return picked;
}
