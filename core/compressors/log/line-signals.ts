/**
 * What a single log line is, as far as keeping it goes: an error (the guard's own definition,
 * router/answer-bearing.ts), a warning, a summary, a section header.
 */
import { ERROR_RE, WARN_RE } from '../../router/signals.js';
import { FAILURE_RE, isAnswerBearing } from '../../router/answer-bearing.js';

/**
 * Only this much of a very long line is scanned: a keyword beyond it in a multi-megabyte line is not worth the cost.
 */
const SCAN_CHARS = 4000;

const SUMMARY_START_RE = new RegExp(
  String.raw`^\s*(?:Tests?:|Test Suites:|Snapshots:|Test Files |Ran \d+ tests?|OK(?: \(|$)|FAILED \(` +
    String.raw`|test result:|(?:ℹ|#) (?:tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) \d` +
    String.raw`|=+ .*\b(?:passed|failed|errors?|skipped|warnings?|no tests ran)\b.* =+$` +
    String.raw`|(?:added|removed|changed|audited) \d+ packages?|up to date|found \d+ vulnerabilit` +
    String.raw`|\d+ (?:low|moderate|high|critical) severity|\d+ vulnerabilit|Finished ` +
    String.raw`|BUILD (?:SUCCESS|FAILED|FAILURE)|Successfully (?:built|tagged|installed)` +
    String.raw`|(?:ok|FAIL)\s+\S+\s+(?:[\d.]+s|\(cached\))|(?:PASS|FAIL)$|Done in |Found \d+ errors?` +
    String.raw`|\d+ errors? generated|\d+ warnings? generated|error: could not compile|Some errors have` +
    String.raw`|For more information about|Process (?:finished|exited)|Exited with|npm (?:ERR!|error) code ` +
    String.raw`|(?:collecting \.\.\. )?collected \d+ items?|\d+ files? changed)`,
);
const SUMMARY_ANY_RE = new RegExp(
  [
    /\b\d+ (?:passed|failed|passing|failing|pending|skipped|errors?|warnings?)\b/.source,
    /\bexit(?:ed)? (?:code|status|with)\b|\bexit status \d/.source,
  ].join('|'),
  'i',
);

/** Lines that name a section of build/test output: cheap to keep and they tell the reader where things happened. */
const HEADER_RE = new RegExp(
  String.raw`^(?:\.?\/?[\w.@+-]+(?:\/[\w.@+-]+)+:$|Step \d+\/\d+ : |#\d+ \[[^\]]*\]|={3,} .* ={3,}$` +
    String.raw`|_{3,} .* _{3,}$|-{4} .* -{4}$|> \S+@\S+ \S+|running \d+ tests?|Running |\s+Running |failures:$` +
    String.raw`|Traceback \(most recent call last\))`,
);

/** One definition for every compressor and the guard: router/answer-bearing.ts. */
export function isErrorLine(line: string): boolean {
  return isAnswerBearing(line, 'log');
}

const ERROR_ALL_RE = new RegExp(ERROR_RE.source, 'gi');
/** Characters that glue a keyword into a name: `http-errors`, `lib/errors.js`, `on_error`, `@fail`. */
const NAME_GLUE = new Set(['-', '/', '.', '_', '@', '\\']);

/**
 * An error line whose keyword is an event, not part of a name: `Error: x`, `npm error 404` are strong,
 * `npm silly fetch manifest http-errors@2.0.0` is weak. Weak ones are still kept (the guard wants them) but get no
 * context around them.
 */
export function isStrongError(line: string): boolean {
  const s = line.length > SCAN_CHARS ? line.slice(0, SCAN_CHARS) : line;
  if (FAILURE_RE.test(s)) return true;
  for (const m of s.matchAll(ERROR_ALL_RE)) {
    const before = s[m.index - 1] ?? ' ';
    const after = s[m.index + m[0].length] ?? ' ';
    if (!NAME_GLUE.has(before) && !NAME_GLUE.has(after)) return true;
  }
  return false;
}

export function isWarningLine(line: string): boolean {
  return WARN_RE.test(line.length > SCAN_CHARS ? line.slice(0, SCAN_CHARS) : line);
}

export function isSummaryLine(line: string): boolean {
  if (line.length > 500) return false;
  return SUMMARY_START_RE.test(line) || SUMMARY_ANY_RE.test(line);
}

export function isHeaderLine(line: string): boolean {
  return line.length <= 300 && HEADER_RE.test(line);
}

/** Leading spaces/tabs of a line (a tab counts as one: only comparisons between neighbouring lines matter). */
export function indentOf(line: string): number {
  let k = 0;
  while (k < line.length && (line.charCodeAt(k) === 32 || line.charCodeAt(k) === 9)) k++;
  return k;
}

/**
 * Code-frame lines of rustc, tsc, gcc and friends: `  |`, `12 |`, `-->`, `= note`, `~~~`/`^^^` underlines, `3   code`.
 */
const CODE_FRAME_RE = /^\s*(?:\d+\s*\||\||-->|= |[~^]+\s*$)|^\d+ {2,}\S/;

/**
 * True when `line` continues the diagnostic whose first line was indented `base`: it is indented deeper, blank but
 * for whitespace (inside assertion messages), or a code-frame line. An empty line ends the block (the caller may
 * look past a single one).
 */
export function isContinuation(line: string, base: number): boolean {
  if (line.length === 0) return false;
  const indent = indentOf(line);
  return indent === line.length || indent > base || CODE_FRAME_RE.test(line);
}

export const SIG_ERROR = 1;
export const SIG_WARN = 2;
export const SIG_STRONG = 4;
export const SIG_SUMMARY = 8;
export const SIG_HEADER = 16;

function signalsOf(line: string): number {
  let s = 0;
  if (isErrorLine(line)) s |= SIG_ERROR | (isStrongError(line) ? SIG_STRONG : 0);
  if (isWarningLine(line)) s |= SIG_WARN;
  if (isSummaryLine(line)) s |= SIG_SUMMARY;
  if (isHeaderLine(line)) s |= SIG_HEADER;
  return s;
}

/**
 * The signals of every line, computed once per template (on its first line) rather than once per line: the keywords
 * live in a template's fixed text, so its lines share them, and a repetitive log costs a handful of regex runs.
 * Lines longer than the template prefix are classified one by one (their tails differ unseen by the template).
 */
export function lineSignals(lines: readonly string[], ids: Int32Array, first: Int32Array, prefix: number): Uint8Array {
  const out = new Uint8Array(lines.length);
  const byTemplate = new Int16Array(first.length).fill(-1);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.length === 0) continue;
    if (line.length > prefix) {
      out[i] = signalsOf(line);
      continue;
    }
    const id = ids[i];
    if (byTemplate[id] < 0) byTemplate[id] = signalsOf(lines[first[id]].length > prefix ? line : lines[first[id]]);
    out[i] = byTemplate[id];
  }
  return out;
}
