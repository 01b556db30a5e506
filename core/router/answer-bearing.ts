/**
 * The one definition of an answer-bearing line — a line that reports that something went wrong — shared by every
 * compressor's keep rules and by the guard (core/guard.ts). An error is an event, not a word: `ValueError: bad
 * literal`, `error TS2322`, `npm ERR!`, `FAILED tests/a.py`, `E   assert 1 == 2`, `Caused by: …`, a log record at
 * level ERROR. The word "error" inside a sentence ("documents the error-line guard", "errors were fixed") is not one.
 * Every regex is anchored or bounded; long lines are scanned on a prefix only.
 */
import { ERROR_RE, LEVEL_RE, TIMESTAMP_RE, EARLY_TIMESTAMP_RE } from './signals.js';

/**
 * Only this much of a very long line is scanned: a keyword beyond it in a multi-megabyte line is not worth the cost.
 */
const SCAN_CHARS = 4000;

/**
 * Failure shapes of test runners, compilers and runtimes, case-sensitive where case tells an event from prose:
 * `not ok 7`, `--- FAIL`, `FAILED`, pytest's `E   …`, jest's `●`, `✖ 3 problems`, exception names with their
 * message (`ValueError: …`, `java.lang.IllegalStateException`), `Caused by:`, panics, glog's `E0612`, mocha's
 * numbered failures (`  3) cart`), node:assert's `1188 !== 1189`, vitest's `❯ test/a.test.ts:91:68`.
 */
export const FAILURE_RE = new RegExp(
  [
    /^\s*not ok \d|^\s+\d+\) \S|^\s*\S+ (?:!==|!=) \S+\s*$|^\s*❯ \S+:\d+:\d+/.source,
    /^\s*(?:FAIL|FAILED|ERROR|ERR|FATAL|PANIC)\b|--- FAIL\b|\bFAILED\b|^E {2,}\S|^\s*●|^\s*[✖✗×✘❌]\s/.source,
    /^\s*[A-Za-z_][\w.$]*(?:Error|Exception|Exit|Interrupt)\b(?::|$)/.source,
    /^\s*(?:\+-?|\| )?[A-Z]\w*(?:Error|Exception)Group\b|^\s*Caused by: /.source,
    /^(?:Exception in thread|panic: |fatal error: )|^thread '.*' panicked|^\s*\[?(?:E|F)\d{4} /.source,
  ].join('|'),
);

/**
 * Error events in any kind of output: `error:`/`Error:`/`error[E0308]:` with its colon, compiler codes
 * (`error TS2322`, `error CS0103`), npm's `ERR!`/`npm error`, a traceback header, an exception name with a message
 * anywhere in the line (`… raised ValueError: x`), errno-style endings (`: Permission denied`), assertion diffs
 * (`Expected:`/`Received:`, `AssertionError`), and "Failed to …" / "Cannot …" / "Unable to …" at a line's start.
 */
const EVENT_RE = new RegExp(
  String.raw`\b(?:error|Error|ERROR|fatal|Fatal|FATAL|panic|critical|CRITICAL)(?:\[[\w-]+\])?:(?:\s|$)` +
    String.raw`|\berror (?:TS|CS|C|LNK|MSB)\d{3,5}\b|\bERR!|\bnpm error\b` +
    String.raw`|^[\s+|-]*(?:Exception Group )?Traceback \(most recent call last\)` +
    String.raw`|\b[A-Z][\w.$]*(?:Error|Exception)(?::\s|\(|$)` +
    String.raw`|: (?:Permission denied|Connection refused|No such file or directory|command not found` +
    String.raw`|Operation not permitted|Connection reset by peer)\b` +
    String.raw`|^\s*(?:Expected|Received|Actual)(?: value)?:\s|\bAssertion(?:Error| failed)\b` +
    String.raw`|^\s*(?:Failed|Cannot|Unable|Could not|Couldn't) |^g?make(?:\[\d+\])?: \*\*\* ` +
    String.raw`|\b(?:Segmentation fault|core dumped|OOMKilled|CrashLoopBackOff|ImagePullBackOff|ErrImagePull` +
    String.raw`|Unhandled(?:PromiseRejection)?\b)|\blevel[=:]"?(?:error|fatal|critical)\b` +
    String.raw`|"level":\s*(?:"(?:error|fatal|critical)"|50|60)\b`,
);

/**
 * A line FAILURE_RE or EVENT_RE can match either has one of ERROR_RE's words or one of these case-sensitive shapes
 * (exception names, assertion diffs, runner symbols, errno endings, a bunyan/pino level 50/60): a line with neither is
 * not answer-bearing, and most lines of a big log are turned away by these two quick tests. Kept in step with the
 * patterns above: test/corpus checks that the pre-check agrees with the full patterns on every line of the corpus.
 */
const SHAPE_WORDS = [
  'Error',
  'Exception',
  'Exit',
  'Interrupt',
  'FAIL',
  'ERR',
  'Unhandled',
  'Expected',
  'Received',
  'Actual',
  'Could',
  'No such file',
  'not permitted',
  'reset by peer',
  'Segmentation',
  'core dumped',
  'Caused by',
  '***',
  '!=',
  '"level":',
  '❯',
  '●',
  '✖',
  '✗',
  '×',
  '✘',
  '❌',
];
/** The shapes that are about where a line starts. */
const SHAPE_START_RE = /^\s+\d+\) |^E(?: |$)|^\s*\[?[EF]\d{4} |^\s*not ok/;

/** The words as one case-sensitive alternation of literals: V8 scans for those far faster than for mixed patterns. */
const SHAPE_WORDS_RE = new RegExp(SHAPE_WORDS.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));

function hasShape(s: string): boolean {
  return SHAPE_WORDS_RE.test(s) || SHAPE_START_RE.test(s);
}

/** A log record's level or time prefix: such a line is an event, so the looser error words count in it. */
function isRecord(line: string): boolean {
  return LEVEL_RE.test(line.slice(0, 120)) || TIMESTAMP_RE.test(line) || EARLY_TIMESTAMP_RE.test(line.slice(0, 80));
}

/** Where the line came from: in logs a record that says "connection refused" or "timed out" is an event. */
export type LineContext = 'log' | 'text' | 'table';

/**
 * True when the line reports a failure. In logs and tables the broader error words (`refused`, `timed out`,
 * `denied`, `crashed`, `not found`) also count on lines that are records (a level or timestamp up front) and on
 * unindented lines that are not plain sentences; an indented line (a commit message body) needs an event shape.
 */
export function isAnswerBearing(line: string, context: LineContext = 'text'): boolean {
  const s = line.length > SCAN_CHARS ? line.slice(0, SCAN_CHARS) : line;
  // most lines of a big log hold none of the words any pattern below needs: one cheap pass turns them away
  return (ERROR_RE.test(s) || hasShape(s)) && fullCheck(s, context);
}

/** The verdict without the pre-check (exported for the test that keeps the pre-check in step with the patterns). */
export function isAnswerBearingFull(line: string, context: LineContext = 'text'): boolean {
  return fullCheck(line.length > SCAN_CHARS ? line.slice(0, SCAN_CHARS) : line, context);
}

function fullCheck(s: string, context: LineContext): boolean {
  if (FAILURE_RE.test(s) || EVENT_RE.test(s)) return true;
  if (context === 'text') return false;
  if (!ERROR_RE.test(s)) return false;
  if (isRecord(s)) return true;
  // an indented line (git log's commit bodies, wrapped help text, a stack's context) or a plain sentence of prose
  // mentions errors; it does not report one (event shapes above still count there)
  if (/^\s/.test(s)) return false;
  return !/^[A-Z][a-z]+(?: [a-z'-]+){3,}[^:]*\.$/.test(s);
}
