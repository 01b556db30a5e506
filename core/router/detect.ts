import type { ContentKind } from '../types.js';
import {
  DIAGNOSTIC_RE,
  DIFF_START_RE,
  EARLY_TIMESTAMP_RE,
  GIT_COMMIT_RE,
  LEVEL_RE,
  SEARCH_LINE_RE,
  STACK_RE,
  TIMESTAMP_RE,
  isBuildLine,
} from './signals.js';
import { looksLikeCode, languageFromFileName } from './code-detect.js';
import { stripAnsi } from '../util/ansi.js';
import { parseJsonOnce } from '../util/json-once.js';

/** How many leading lines are inspected; detection cost stays flat however large the unit. */
const SAMPLE_LINES = 400;
const SAMPLE_CHARS = 64 * 1024;

export interface Detection {
  kind: ContentKind;
  /** For code: the language id when known. */
  language?: string;
  /** For json: the input is newline-delimited JSON. */
  ndjson?: boolean;
}

/** Detects what a unit of tool output is. Fast (inspects a bounded sample) and never throws. */
export function detect(text: string, fileName?: string): Detection {
  try {
    return detectUnsafe(text, fileName);
  } catch {
    return { kind: 'text' };
  }
}

function detectUnsafe(text: string, fileName?: string): Detection {
  const lang = fileName ? languageFromFileName(fileName) : undefined;
  const head = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const trimmed = head.trimStart();
  const first = trimmed[0];

  if (lang === 'json' || first === '{' || first === '[') {
    const nd = ndjsonShape(head);
    if (nd === 'ripgrep') return { kind: 'search' };
    if (nd === 'ndjson') return { kind: 'json', ndjson: true };
    if (isJson(text)) return { kind: 'json' };
  }
  if (lang && lang !== 'json' && !CONTAINER_NAMES.has(lang)) {
    if (lang === 'html') return { kind: 'html' };
    if (lang === 'csv') return { kind: 'table' };
    if (lang === 'diff') return { kind: 'diff' };
    if (lang === 'markdown') return { kind: 'text' };
    return { kind: 'code', language: lang };
  }
  // `.txt`/`.log` say only "text was saved here" (grep, ps, git log, a test run): the content decides; the name
  // breaks the tie when the content has no shape of its own
  // colour codes (tsc --pretty, jest, cargo) would hide every line shape: detect on what a terminal shows
  const plain = stripAnsi(head);
  const byContent = detectContent(plain, plain === head ? trimmed : plain.trimStart());
  if (byContent.kind === 'text' && lang === 'log') return { kind: 'log' };
  return byContent;
}

/** File kinds that hold whatever a tool printed: the name is a hint, never the verdict. */
const CONTAINER_NAMES = new Set(['text', 'log']);

function detectContent(head: string, trimmed: string): Detection {
  const lines = sampleLines(head);
  const nonEmpty = lines.filter((l) => l.trim().length > 0);
  if (nonEmpty.length === 0) return { kind: 'text' };

  // git log in any of its forms (medium, --stat, -p) is a sequence of commits: the log compressor knows them
  if (isGitLogShape(nonEmpty)) return { kind: 'log' };
  if (isDiff(nonEmpty)) return { kind: 'diff' };
  if (isHtml(trimmed)) return { kind: 'html' };

  let search = 0,
    log = 0,
    stack = 0,
    heading = 0,
    runner = 0;
  for (const l of nonEmpty) {
    if (SEARCH_LINE_RE.test(l) && !DIAGNOSTIC_RE.test(l)) search++;
    // `12:text` / `12-text` under a grep --heading; a date or a time at a line's start is not a line number
    else if (/^\d+[:-]/.test(l) && !/^\d{4}-\d\d-\d\d|^\d\d?:\d\d/.test(l)) heading++;
    if (
      TIMESTAMP_RE.test(l) ||
      EARLY_TIMESTAMP_RE.test(l.slice(0, 80)) ||
      LEVEL_RE.test(l) ||
      isBuildLine(l) ||
      DIAGNOSTIC_RE.test(l) ||
      LINT_LINE_RE.test(l)
    )
      log++;
    if (STACK_RE.test(l)) stack++;
    if (RUNNER_RE.test(l)) runner++;
  }
  const n = nonEmpty.length;
  // records that carry a time or a level on most lines are a log, whatever paths their messages mention
  // (`grep -rn ERROR logs/` is still search results)
  if (log / n >= 0.6 && search / n < 0.5) return { kind: 'log' };
  if (search / n >= 0.5) return { kind: 'search' };
  if (heading / n >= 0.5 && nonEmpty.some((l) => !/^\d+[:-]/.test(l) && /[/.]/.test(l))) return { kind: 'search' };
  if ((log + stack) / n >= 0.3 || (n >= 3 && stack / n >= 0.2)) return { kind: 'log' };
  // a test run, a build or an install names itself in its headers and summaries, even when most of its lines are the
  // source of failing tests (pytest's tracebacks) or a compiler's code frames
  if (runner >= 2 || (runner >= 1 && (log + stack) / n >= 0.1)) return { kind: 'log' };
  if (isMarkdown(nonEmpty)) return { kind: 'text' };
  if (isTable(nonEmpty)) return { kind: 'table' };
  const code = looksLikeCode(nonEmpty);
  if (code) return { kind: 'code', language: code };
  if (log / n >= 0.1) return { kind: 'log' };
  return { kind: 'text' };
}

/**
 * Markdown documents (READMEs, docs pages) are prose with code samples, not code: `#` headings and fenced blocks
 * would otherwise read as Python comments and JavaScript. Markdown structure (headings plus fences or links), and
 * the lines outside fences do not look like code.
 */
function isMarkdown(lines: string[]): boolean {
  let headings = 0,
    fences = 0,
    links = 0,
    inFence = false;
  const outside: string[] = [];
  for (const l of lines) {
    if (/^\s{0,3}(```|~~~)/.test(l)) {
      fences++;
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    outside.push(l);
    if (/^#{1,6} [A-Z0-9`*\[]/.test(l)) headings++;
    if (/\[[^\]]+\]\([^)\s]+\)/.test(l)) links++;
  }
  if (headings < 2 || (fences < 2 && links < 3)) return false;
  // bullets, quotes, tables, bold lines and inline HTML are markdown furniture, not code
  const body = outside.filter((l) => !/^\s*(?:#{1,6} |[*\-+>|<]|\d+\. )/.test(l));
  return body.length === 0 || !looksLikeCode(body);
}

/**
 * Headers and summaries of test runners, compilers, bundlers, linters and package managers: pytest's `=== FAILURES
 * ===`, unittest's `Ran 12 tests`, jest's `Tests:`, mocha's `3 failing`, cargo's `test result:`, tsc's `Found 4
 * errors`, eslint's `✖ 12 problems`, webpack's `compiled with 2 errors`, npm's `npm verb`/`npm sill` lines.
 */
const RUNNER_RE = new RegExp(
  String.raw`^(?:={3,} .*(?:test session starts|FAILURES|ERRORS|short test summary info|passed|failed` +
    String.raw`|warnings summary).* ={3,}|_{3,} \S.* _{3,}|Ran \d+ tests? in |FAILED \(|OK$|Tests?:\s+\d` +
    String.raw`|Test Suites:|Test Files |\s*\d+ (?:passing|failing|pending)\b|test result: |Found \d+ errors?\b` +
    String.raw`|\S+\(\d+,\d+\): error TS\d+|\S+:\d+:\d+ - error TS\d+|\s*✖ \d+ problems?` +
    String.raw`|webpack \d[\d.]* compiled|(?:ERROR|WARNING) in |asset \S+ [\d.]+ [KMG]?i?B\b` +
    String.raw`|npm (?:verb|sill|http|timing|info|ERR!|error|warn) |(?:yarn|pnpm) (?:install|add) v?\d` +
    String.raw`|\s*(?:✓|✗|√|×) .+\(\d+ ?m?s\)$|# (?:tests|pass|fail) \d+|BUILD (?:SUCCESS|FAILED)` +
    String.raw`|\s*Compiling \S+ v\d|error(?:\[E\d+\])?: |warning: unused|collected \d+ items?` +
    String.raw`|platform \w+ -- Python )`,
);

/** eslint's stylish lines: `  12:5  error  'x' is defined but never used  no-unused-vars`. */
const LINT_LINE_RE = /^\s+\d+:\d+\s+(?:error|warning)\s|^\[(?:warn|error|info|debug)\] /;

/** git log's medium format (with --stat or -p): commit lines each followed by an Author: line. */
function isGitLogShape(lines: readonly string[]): boolean {
  let commits = 0,
    authors = 0;
  for (let i = 0; i < lines.length && i < SAMPLE_LINES; i++) {
    if (GIT_COMMIT_RE.test(lines[i])) {
      commits++;
      if (/^(?:Merge: |Author: )/.test(lines[i + 1] ?? '') || /^Author: /.test(lines[i + 2] ?? '')) authors++;
    }
  }
  return commits >= 2 && authors >= commits - 1 && GIT_COMMIT_RE.test(lines[0]);
}

function sampleLines(head: string): string[] {
  const lines = head.split('\n', SAMPLE_LINES + 1);
  if (lines.length > SAMPLE_LINES) lines.length = SAMPLE_LINES;
  return lines;
}

function isJson(text: string): boolean {
  const t = text.trim();
  const last = t[t.length - 1];
  if (!((t[0] === '{' && last === '}') || (t[0] === '[' && last === ']'))) return false;
  return parseJsonOnce(t).ok;
}

/**
 * NDJSON: at least two lines, the first few each a JSON object. ripgrep --json is NDJSON with `type: begin|match|end`.
 */
function ndjsonShape(head: string): 'ndjson' | 'ripgrep' | undefined {
  const lines = head.split('\n', 8).filter((l) => l.trim());
  if (lines.length < 2) return undefined;
  const check = lines.slice(0, Math.min(lines.length, 5));
  // the last sampled line may be cut by the sample window
  if (check.length === lines.length && head.length >= SAMPLE_CHARS) check.pop();
  const types: unknown[] = [];
  for (const l of check) {
    const s = l.trim();
    if (s[0] !== '{' || s[s.length - 1] !== '}') return undefined;
    try {
      types.push((JSON.parse(s) as { type?: unknown }).type);
    } catch {
      return undefined;
    }
  }
  if (
    types.some((t) => t === 'match' || t === 'begin') &&
    types.every((t) => ['begin', 'match', 'context', 'end', 'summary'].includes(String(t)))
  )
    return 'ripgrep';
  return 'ndjson';
}

function isDiff(lines: string[]): boolean {
  let hunk = 0,
    header = 0;
  for (const l of lines.slice(0, 60)) {
    if (l.startsWith('@@ ')) hunk++;
    else if (DIFF_START_RE.test(l)) header++;
  }
  return hunk >= 1 && header >= 1;
}

/**
 * A page, not text that quotes some markup: a doctype or <html>, or tags on most of the sampled lines. A build log
 * whose code frame shows JSX, or a README with a few inline tags, is not HTML (stripping its tags would garble it).
 */
function isHtml(trimmed: string): boolean {
  if (/^<!doctype html|^<html[\s>]/i.test(trimmed)) return true;
  const sample = trimmed.slice(0, 4000);
  const tags = sample.match(
    /<\/?(?:div|p|span|a|ul|li|table|tr|td|h[1-6]|head|body|script|style|meta|link|section|article|nav|br)\b[^>]*>/gi,
  );
  if (!tags || tags.length < 8) return false;
  const lines = sample.split('\n').filter((l) => l.trim() !== '');
  const tagged = lines.filter((l) => /<\/?[a-z][\w-]*(?:\s[^>]*)?>/i.test(l)).length;
  return tagged >= lines.length * 0.5;
}

/** CSV/TSV (same delimiter count on most lines), markdown pipe tables, or space-aligned column output (kubectl, ps). */
function isTable(lines: string[]): boolean {
  if (lines.length < 3) return false;
  const sample = lines.slice(0, 50);
  for (const d of [',', '\t', '|']) {
    const counts = sample.map((l) => countChar(l, d));
    const c0 = counts[0];
    if (c0 >= (d === '|' ? 2 : 1) && counts.filter((c) => c === c0).length / counts.length >= 0.9) return true;
  }
  // aligned columns: an upper-case header row whose column starts line up with the following rows
  const header = sample[0];
  // `ls -l`: permission strings in the first column
  if (sample.filter((l) => /^[-dlcbps][rwxsStT-]{9}[.+@]?\s+\d+\s/.test(l)).length / sample.length >= 0.6) return true;
  if (
    /^[A-Z%][A-Za-z0-9_%() -]+$/.test(header.trim()) &&
    /\S {2,}\S/.test(header) &&
    header.trim().split(/\s+/).length >= 3
  ) {
    const cols = columnStarts(header);
    // a column lines up by its left edge (text) or by its right edge (numbers, right-aligned under their header)
    const fits = (l: string, c: { start: number; end: number }): boolean =>
      c.start === 0 ||
      l[c.start - 1] === ' ' ||
      (l[c.end - 1] !== undefined && l[c.end - 1] !== ' ' && (l[c.end] === ' ' || l[c.end] === undefined));
    const aligned = sample.slice(1).filter((l) => cols.every((c) => fits(l, c))).length;
    return cols.length >= 2 && aligned / (sample.length - 1) >= 0.8;
  }
  return false;
}

function countChar(s: string, c: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s[i] === c) n++;
  return n;
}

function columnStarts(header: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  for (const m of header.matchAll(/\S+/g))
    if (m.index === 0 || header.slice(m.index! - 2, m.index) === '  ')
      out.push({ start: m.index!, end: m.index! + m[0].length });
  return out;
}
