/**
 * Stack traces: JS/Java `at …` frames, Python `File "…", line N` frames with their source lines, Rust backtrace
 * frames, Go goroutine dumps. A trace is kept whole up to a bound; past it the first and last frames stay and the
 * middle goes into a marker. A trace identical to one already kept (same frames modulo numbers) keeps only its top.
 */

const JS_JAVA_FRAME_RE = /^(?:npm (?:verbose|verb|error|ERR!) stack)?\s+at \S|^\s*\.\.\. \d+ (?:more|common frames omitted)/;
const PY_FILE_RE = /^\s*File "[^"]*", line \d+/;
const PY_CODE_RE = /^\s{4,}\S|^\s+[\^~]+\s*$/;
const PY_REPEAT_RE = /^\s*\[Previous line repeated \d+ more times?\]/;
const RUST_FRAME_RE = /^\s+\d+: \S/;
const GO_FILE_RE = /^\s+\S+\.go:\d+/;
const GO_FUNC_RE = /^(?:created by )?[\w.\/*()\[\]{}-]+\(.*\)$/;
const GO_HEADER_RE = /^goroutine \d+ \[/;

/** Traces up to this many lines are kept whole. */
export const TRACE_KEEP_WHOLE = 24;
/** Longer ones keep this many leading and trailing lines. */
export const TRACE_HEAD = 12;
export const TRACE_TAIL = 8;

export interface TraceBlock {
  /** First and one-past-last line of the frames. */
  start: number;
  end: number;
}

/** True for a line that is part of a stack trace's frames, given its neighbours. */
function isFrame(lines: readonly string[], i: number, inPython: boolean): boolean {
  const line = lines[i];
  if (line.length === 0 || line.length > 1000) return false;
  if (JS_JAVA_FRAME_RE.test(line) || PY_FILE_RE.test(line) || PY_REPEAT_RE.test(line) || GO_FILE_RE.test(line) || GO_HEADER_RE.test(line)) {
    return true;
  }
  if (inPython && PY_CODE_RE.test(line)) return true;
  if (RUST_FRAME_RE.test(line) && i + 1 < lines.length && /^\s+at \S/.test(lines[i + 1])) return true;
  // the cheap, selective test first: a Go function line is only a frame when its file line follows
  return line.charCodeAt(line.length - 1) === 41 && i + 1 < lines.length && GO_FILE_RE.test(lines[i + 1]) && GO_FUNC_RE.test(line);
}

/** Finds every run of frame lines (a run needs at least two lines to count as a trace). */
export function findTraces(lines: readonly string[]): TraceBlock[] {
  const blocks: TraceBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!isFrame(lines, i, false)) {
      i++;
      continue;
    }
    const start = i;
    let inPython = PY_FILE_RE.test(lines[i]);
    i++;
    while (i < lines.length && isFrame(lines, i, inPython)) {
      if (PY_FILE_RE.test(lines[i])) inPython = true;
      i++;
    }
    if (i - start >= 2) blocks.push({ start, end: i });
  }
  return blocks;
}

/** Line indexes of a trace's frames to keep: all of them, or its head and tail when it is long. */
export function keptFrames(block: TraceBlock): Array<[number, number]> {
  const len = block.end - block.start;
  if (len <= TRACE_KEEP_WHOLE) return [[block.start, block.end]];
  return [
    [block.start, block.start + TRACE_HEAD],
    [block.end - TRACE_TAIL, block.end],
  ];
}
