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
const MONTHS: Record<string, string> = {
  Jan: '01',
  Feb: '02',
  Mar: '03',
  Apr: '04',
  May: '05',
  Jun: '06',
  Jul: '07',
  Aug: '08',
  Sep: '09',
  Oct: '10',
  Nov: '11',
  Dec: '12',
};

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
  /** First `diff --git` line of the commit (`git log -p`), or -1. */
  diffStart: number;
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
  const positive = queryIntent(ctx.query, ctx.queryTerms).positive;
  const full = pickFull(lines, commits, positive.slice(0, 31));
  const hunkTerms = positive.filter((t) => t.length >= 3);
  const out: string[] = [];
  let verbatim = 0;
  for (let c = 0; c < commits.length; c++) {
    const k = commits[c];
    if (full.has(c)) {
      const shown = k.diffStart < 0 ? k.end : k.diffStart;
      for (let i = k.start; i < shown; i++) out.push(lines[i]);
      verbatim += shown - k.start;
      if (k.diffStart >= 0) verbatim += pickedDiff(lines, k, hunkTerms, ctx, out);
    } else out.push(oneLine(k));
  }
  const omitted = lines.length - verbatim;
  out.push(
    formatMarker({
      count: omitted,
      unit: 'lines',
      id: ctx.stash(text),
      note:
        'the log as printed: full hashes, emails, dates, messages and per-file stats of the ' +
        `${commits.length - full.size} commits in one line`,
    }),
  );
  return out.join('\n');
}

/** A picked commit's diff longer than this shows only the hunks the query names (and every file header). */
const DIFF_WHOLE_LINES = 60;

/**
 * A picked commit's diff: whole when short; otherwise every `diff --git` line, and the hunks that hold a query term
 * whole, the others behind one marker per commit whose stash is the commit's diff exactly as printed. Returns the
 * number of lines shown verbatim.
 */
function pickedDiff(
  lines: readonly string[],
  k: Commit,
  terms: readonly string[],
  ctx: CompressContext,
  out: string[],
): number {
  let end = k.end;
  while (end > k.diffStart && lines[end - 1] === '') end--;
  if (end - k.diffStart <= DIFF_WHOLE_LINES) {
    for (let i = k.diffStart; i < k.end; i++) out.push(lines[i]);
    return k.end - k.diffStart;
  }
  // hunks: [start, end) line ranges, each after its file's header lines
  let shown = 0,
    hidden = 0;
  const hiddenFiles = new Set<string>();
  let file = '';
  let i = k.diffStart;
  while (i < end) {
    const line = lines[i];
    if (line.startsWith('diff --git ')) {
      file = /^diff --git a\/(\S+)/.exec(line)?.[1] ?? line;
      out.push(line);
      shown++;
      i++;
      continue;
    }
    if (!line.startsWith('@@')) {
      i++;
      hidden++;
      continue; // index / --- / +++ / mode lines: in the stash
    }
    let j = i + 1;
    while (j < end && !lines[j].startsWith('@@') && !lines[j].startsWith('diff --git ')) j++;
    const hunk = lines.slice(i, j);
    const lower = hunk.join('\n').toLowerCase();
    if (terms.some((t) => lower.includes(t)) || hunk.some((l) => l.length < 400 && isAnswerBearing(l, 'log'))) {
      out.push(...hunk);
      shown += hunk.length;
    } else {
      hidden += hunk.length;
      hiddenFiles.add(file);
    }
    i = j;
  }
  if (hidden > 0) {
    const names =
      [...hiddenFiles].slice(0, 6).join(', ') + (hiddenFiles.size > 6 ? `, +${hiddenFiles.size - 6} more` : '');
    out.push(
      formatMarker({
        count: hidden,
        unit: 'diff lines',
        id: ctx.stash(lines.slice(k.diffStart, end).join('\n')),
        note: `this commit's whole diff${names ? `; hunks not shown in ${names}` : ''}`,
      }),
    );
  }
  for (let t = end; t < k.end; t++) out.push(lines[t]);
  return shown + (k.end - end);
}

function parseCommits(lines: readonly string[]): Commit[] {
  const commits: Commit[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = COMMIT_RE.exec(lines[i]);
    if (!m) {
      // something before the first commit: not a plain log
      if (commits.length === 0 && lines[i].trim() !== '') return [];
      continue;
    }
    const c: Commit = {
      start: i,
      end: i + 1,
      hash: m[1],
      author: '',
      date: '',
      subject: '',
      files: [],
      flagged: [],
      added: 0,
      removed: 0,
      diffStart: -1,
    };
    let j = i + 1;
    for (; j < lines.length && lines[j] !== '' && !COMMIT_RE.test(lines[j]); j++) {
      const author = /^Author:\s+(.*?)(?:\s+<[^>]*>)?$/.exec(lines[j]);
      if (author) c.author = author[1];
      const date = /^Date:\s+(.*)$/.exec(lines[j]);
      if (date) c.date = date[1];
    }
    for (; j < lines.length && !COMMIT_RE.test(lines[j]); j++) {
      const line = lines[j];
      if (c.diffStart >= 0 || line.startsWith('diff --git ')) {
        // git log -p: the files come from the diff headers, the counts from its +/- lines
        if (c.diffStart < 0) c.diffStart = j;
        const file = /^diff --git a\/(\S+) b\//.exec(line);
        if (file) {
          if (isAnswerBearing(file[1], 'log')) c.flagged.push(line);
          else c.files.push(file[1]);
        } else if (line.startsWith('+') && !line.startsWith('+++ ')) c.added++;
        else if (line.startsWith('-') && !line.startsWith('--- ')) c.removed++;
        continue;
      }
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
  const files =
    c.files.length > FILES_SHOWN
      ? [...c.files.slice(0, FILES_SHOWN - 1), `+${c.files.length - FILES_SHOWN + 1} more`]
      : [...c.files];
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
function pickFull(lines: readonly string[], commits: readonly Commit[], terms: readonly string[]): Set<number> {
  const picked = new Set<number>();
  if (terms.length === 0) return picked;
  const texts = commits.map((c) =>
    lines
      .slice(c.start + 1, c.end)
      .join('\n')
      .toLowerCase(),
  );
  const df = terms.map((t) => texts.reduce((k, x) => k + (x.includes(t) ? 1 : 0), 0));
  const n = commits.length;
  const weight = df.map((d) => (d > 0 && d <= Math.max(2, n * MAX_TERM_SHARE) && d < n ? Math.log(n / d) : 0));
  const scores = texts.map((x) => terms.reduce((s, t, i) => s + (weight[i] > 0 && x.includes(t) ? weight[i] : 0), 0));
  const best = Math.max(...scores);
  if (best <= 0) return picked;
  const order = scores
    .map((_, i) => i)
    .filter((i) => scores[i] >= best / 2)
    .sort((a, b) => scores[b] - scores[a] || a - b);
  for (const i of order.slice(0, FULL_MAX)) picked.add(i);
  return picked;
}
