/**
 * CSI (`ESC [ … final`), OSC (`ESC ] … BEL|ST`, bounded so an unterminated one cannot make the scan quadratic) and
 * two-character escapes.
 */
const ANSI_RE = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b\n]{0,512}(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]?/g;

/** Text as a terminal reader sees it: colour and cursor escapes removed. */
export function stripAnsi(text: string): string {
  return text.includes('\x1b') ? text.replace(ANSI_RE, '') : text;
}
