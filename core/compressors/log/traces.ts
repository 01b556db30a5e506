/**
 * Stack traces: JS/Java `at …` frames, Python `File "…", line N` frames with their source lines, Rust backtrace
 * frames, Go goroutine dumps. A trace is kept whole up to a bound; past it the first and last frames and the
 * application's own frames stay and the library frames between go into markers. A trace identical to one already
 * kept (same frames modulo numbers) keeps only its top.
 */

const JS_JAVA_FRAME_RE =
  /^(?:npm (?:verbose|verb|error|ERR!) stack)?\s+at \S|^\s*\.\.\. \d+ (?:more|common frames omitted)/;
const PY_FILE_RE = /^\s*File "[^"]*", line \d+/;
const PY_CODE_RE = /^\s{4,}\S|^\s+[\^~]+\s*$/;
const PY_REPEAT_RE = /^\s*\[Previous line repeated \d+ more times?\]/;
const RUST_FRAME_RE = /^\s+\d+: \S/;
const GO_FILE_RE = /^\s+\S+\.go:\d+/;
const GO_FUNC_RE = /^(?:created by )?[\w.\/*()\[\]{}-]+\(.*\)$/;
const GO_HEADER_RE = /^goroutine \d+ \[/;

/** Traces up to this many lines are kept whole. */
export const TRACE_KEEP_WHOLE = 16;
/** Longer ones keep this many leading and trailing lines… */
export const TRACE_HEAD = 6;
export const TRACE_TAIL = 3;
/** …and, from the middle, up to this many frames of the application's own code, each new. */
export const TRACE_APP_FRAMES = 8;

/**
 * Frames of runtimes, frameworks and installed packages, where an error passes through rather than starts: the JDK,
 * Spring, Tomcat, Hikari, Netty and friends, Node's internals and node_modules, Python's site-packages, Go's runtime
 * and module cache, .NET's System. The frames left are the application's: what a reader of the trace looks for
 * (Sentry calls them "in app").
 */
const LIBRARY_FRAME_RE = new RegExp(
  String.raw`^\s*at (?:java\.base\/` +
    String.raw`|(?:java|javax|jakarta|jdk|sun|com\.sun|kotlin|kotlinx|scala|org\.springframework|org\.apache` +
    String.raw`|org\.hibernate|org\.eclipse|org\.glassfish|org\.jboss|io\.netty|io\.micrometer|io\.grpc` +
    String.raw`|io\.undertow|reactor|com\.zaxxer|com\.fasterxml|com\.google|okhttp3|org\.junit|org\.mockito` +
    String.raw`|ch\.qos|org\.slf4j|System|Microsoft)\.)|node:internal|\(node:|\binternal\/|node_modules\/` +
    String.raw`|site-packages\/|dist-packages\/|\/lib\/python\d|<frozen |\/usr\/(?:local\/)?go\/src\/` +
    String.raw`|\/go\/pkg\/mod\/|^\s*\.\.\. \d+ (?:more|common frames omitted)`,
);

/** The first frame of lines [start, end) that is not a library frame, or -1. */
export function firstAppFrame(lines: readonly string[], start: number, end: number): number {
  for (let i = start; i < end; i++) if (/\S+:\d+/.test(lines[i]) && !LIBRARY_FRAME_RE.test(lines[i])) return i;
  return -1;
}

export interface TraceBlock {
  /** First and one-past-last line of the frames. */
  start: number;
  end: number;
}

/** True for a line that is part of a stack trace's frames, given its neighbours. */
function isFrame(lines: readonly string[], i: number, inPython: boolean): boolean {
  const line = lines[i];
  if (line.length === 0 || line.length > 1000) return false;
  if (
    JS_JAVA_FRAME_RE.test(line) ||
    PY_FILE_RE.test(line) ||
    PY_REPEAT_RE.test(line) ||
    GO_FILE_RE.test(line) ||
    GO_HEADER_RE.test(line)
  ) {
    return true;
  }
  if (inPython && PY_CODE_RE.test(line)) return true;
  if (RUST_FRAME_RE.test(line) && i + 1 < lines.length && /^\s+at \S/.test(lines[i + 1])) return true;
  // the cheap, selective test first: a Go function line is only a frame when its file line follows
  return (
    line.charCodeAt(line.length - 1) === 41 &&
    i + 1 < lines.length &&
    GO_FILE_RE.test(lines[i + 1]) &&
    GO_FUNC_RE.test(line)
  );
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

/**
 * Line indexes of a trace's frames to keep: all of them, or, when it is long, its head (where it was thrown) and tail
 * (how it was reached) and the application's own frames between them (not library frames, not repeats of a frame
 * already kept: a recursion shows once).
 */
export function keptFrames(block: TraceBlock, lines: readonly string[] = []): Array<[number, number]> {
  const len = block.end - block.start;
  if (len <= TRACE_KEEP_WHOLE) return [[block.start, block.end]];
  const out: Array<[number, number]> = [[block.start, block.start + TRACE_HEAD]];
  const seen = new Set<string>();
  for (let i = block.start; i < block.start + TRACE_HEAD; i++)
    if (lines[i] !== undefined) seen.add(frameShape(lines[i]));
  for (let i = block.end - TRACE_TAIL; i < block.end; i++) if (lines[i] !== undefined) seen.add(frameShape(lines[i]));
  let app = 0;
  for (let i = block.start + TRACE_HEAD; i < block.end - TRACE_TAIL && app < TRACE_APP_FRAMES; i++) {
    const line = lines[i];
    if (line === undefined || LIBRARY_FRAME_RE.test(line)) continue;
    const shape = frameShape(line);
    if (seen.has(shape)) continue;
    seen.add(shape);
    out.push([i, i + 1]);
    app++;
  }
  out.push([block.end - TRACE_TAIL, block.end]);
  return out;
}

/** A frame without its line and column numbers: a recursion's frames share it. */
function frameShape(line: string): string {
  return line.replace(/\d+/g, '');
}
