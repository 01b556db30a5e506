/**
 * Line-level signals the router and compressors share. Every regex here is anchored or bounded: no backtracking
 * blow-ups.
 */

export const ERROR_RE = new RegExp(
  String.raw`\b(error|errors|err!|exception|fatal|panic(?:ked)?|traceback|failed|failure|fails?|segfault` +
    String.raw`|denied|refused|timed out|time-?out (?:of|after|exceeded|expired|error)|etimedout` +
    String.raw`|deadline exceeded|unhandled|critical|crash(?:ed)?|abort(?:ed)?|cannot|can't|unable|not found` +
    String.raw`|undefined is not|assert(?:ion)?(?:error)?|oomkill(?:ed|ing)?|crashloopbackoff|imagepullbackoff` +
    String.raw`|errimagepull|evicted|backoff|unhealthy|not ok)\b|✖|✗|❌`,
  'i',
);
export const WARN_RE = /\b(warn|warning|deprecated|deprecation)\b|⚠/i;

export const TIMESTAMP_RE = new RegExp(
  String.raw`^\s*[\[(]?(?:\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d)?|\d\d:\d\d:\d\d(?:[.,]\d+)?` +
    String.raw`|[A-Z][a-z]{2} +\d{1,2} \d\d:\d\d:\d\d|\d{10,13}(?:\.\d+)?\s)`,
);
/**
 * A timestamp somewhere near the start of a line (access logs put the client address first). Test on a short prefix.
 */
export const EARLY_TIMESTAMP_RE =
  /\d{4}-\d\d-\d\d[T ]\d\d:\d\d|\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d|\b\d\d:\d\d:\d\d\b/;
export const LEVEL_RE =
  /(?:^|[\s\[|(])(TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|FATAL|CRITICAL|[IWEF]\d{4})(?:[\s\]|):]|$)/;
export const BUILD_RE = new RegExp(
  String.raw`^(?:TAP version|\s*(?:not )?ok \d+ |\s*# Subtest:|\s*duration_ms:` +
    String.raw`|# (?:tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) |commit [0-9a-f]{40}|Author: ` +
    String.raw`|Date: {3}|npm (?:ERR!|WARN|error|warn|notice)|> |error TS\d+` +
    String.raw`|\s*(?:PASS|FAIL) |Tests?:|Test Suites:|\s*✓|\s*✗|\s*×` +
    String.raw`|={3,} .* ={3,}|-{3} (?:FAIL|PASS)|=== RUN|--- (?:FAIL|PASS)|ok\s+\S+\s+[\d.]+s|FAIL\s+\S+` +
    String.raw`|test result:|\s*Compiling |\s*Finished |\s*Running |warning: |error(?:\[E\d+\])?: ` +
    String.raw`|make(?:\[\d+\])?: |Step \d+\/\d+|#\d+ \[|\s*=> |Successfully |collected \d+ items|\S+\.py::` +
    String.raw`|\s*\d+ (?:passed|failed)|added \d+ packages?|up to date|found \d+ vulnerabilit)`,
);
/**
 * tsc's two diagnostic forms, `file(12,5): error TS2322` and `file:12:5 - error TS2322`. Apart from BUILD_RE because
 * their leading `.+` backtracks over the whole line: `isBuildLine` runs it only on lines that contain ` TS`.
 */
const TSC_LINE_RE = /^(?:.+\(\d+,\d+\): error TS\d+|.+:\d+:\d+ - (?:error|warning) TS\d+)/;

/** BUILD_RE or one of tsc's diagnostic forms: a line of a test run, a build or an install. */
export function isBuildLine(line: string): boolean {
  return BUILD_RE.test(line) || (line.includes(' TS') && TSC_LINE_RE.test(line));
}
export const STACK_RE = new RegExp(
  [
    /^\s+at .+[(:]\S+:\d+|^\s*File ".+", line \d+|^Traceback \(most recent call last\)/.source,
    /^\s+at [\w.$<>]+\(.*\)$|^goroutine \d+ \[|^\s+\S+\.go:\d+|^\s*\d+: 0x[0-9a-f]+ - /.source,
  ].join('|'),
);
/** `path:line:` (grep -n, rg -n, git grep) or `path-line-` (context lines); the path has a `.` or `/` and no spaces, so
 * timestamps (`2024-05-01T10:00:`) and names with numbers (`api-0-7d9f`) do not count. */
export const SEARCH_LINE_RE = /^(?:[A-Za-z]:)?[^\s:]*[./][^\s:]*(?::\d+:|-\d+-)/;
/** Compiler diagnostics share the `file:line:` prefix but are build output: `file:12:5: error: …`. */
export const DIAGNOSTIC_RE = /:\d+(?::\d+)?:? (?:-\s)?(?:fatal )?(?:error|warning|note|info)\b/i;
export const DIFF_START_RE =
  /^(?:diff --git |--- (?:a\/|\S)|\+\+\+ (?:b\/|\S)|@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@|index [0-9a-f]{6,}\.\.)/;

/** git log's commit line (`commit 84987e52e746…`), the first line of each commit in every git log form. */
export const GIT_COMMIT_RE = /^commit [0-9a-f]{7,64}\b/;

export function isErrorLine(line: string): boolean {
  return ERROR_RE.test(line);
}
