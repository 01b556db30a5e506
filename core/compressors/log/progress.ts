/**
 * Step 1 of the log compressor: what a terminal would have erased never reaches the model. ANSI escapes go, a
 * `\r`-overwritten line keeps only its final state, and consecutive frames of the same progress bar or spinner keep
 * only the last frame. The pipeline stores the exact original anyway; every later step works on this cleaned text.
 */
import { ERROR_RE } from '../../router/signals.js';
import { stripAnsi } from '../../util/ansi.js';

export { stripAnsi };

/**
 * A progress frame: a drawn bar, a braille spinner glyph at the start, or a percentage with a rate or ETA (tqdm, pip,
 * curl). A bare percentage is not enough: pytest's `test_x[3] PASSED [ 7%]` lines are results, not frames.
 */
const PROGRESS_RE = new RegExp(
  [
    /\[[=#>\-.\s█▓▒░■□━]{4,}\]|[█▓▒░■━▏▎▍▌▋▊▉]{3,}/.source,
    /^\s*[\u2800-\u28ff◐◓◑◒]/.source,
    /\d%.*(?:\bit\/s|\beta\b|\bETA\b|[kKMG]i?B\/s)/.source,
  ].join('|'),
);
/** What stays of a progress frame once counters, bars and spinner glyphs are removed: frames of one bar share it. */
const NOISE_COUNTERS_AND_BARS = /[\d.,:]+|\[[=#>\-.\s█▓▒░■□━]*\]/;
const NOISE_GLYPHS_AND_SPACES = /[█▓▒░■□━\u2800-\u28ff◐◓◑◒]+|\s+/;
const PROGRESS_NOISE_RE = new RegExp(`${NOISE_COUNTERS_AND_BARS.source}|${NOISE_GLYPHS_AND_SPACES.source}`, 'g');

/** The final visible state of a line that was redrawn with carriage returns (CRLF endings lose their `\r`). */
export function finalState(line: string): string {
  if (!line.includes('\r')) return line;
  const parts = line.split('\r');
  for (let i = parts.length - 1; i >= 0; i--) if (parts[i].trim() !== '') return parts[i];
  return '';
}

/**
 * Cleans terminal output into plain lines. Error lines are never merged as progress frames, so the guard finds every
 * one of them again.
 */
export function normalizeTerminalOutput(text: string): string {
  const plain = stripAnsi(text);
  const hasCr = plain.includes('\r');
  const lines = plain.split('\n');
  const out: string[] = [];
  let changed = plain !== text;
  let prevKey: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = hasCr ? finalState(lines[i]) : lines[i];
    if (line !== lines[i]) changed = true;
    const key = progressKey(line);
    if (key !== undefined && key === prevKey) {
      out[out.length - 1] = line;
      changed = true;
    } else out.push(line);
    prevKey = key;
  }
  // most logs have nothing to clean: hand back the same string rather than a 50 MB copy of it
  return changed ? out.join('\n') : text;
}

/** The frame identity of a progress line, or undefined when the line is not a progress frame. */
function progressKey(line: string): string | undefined {
  if (line.length > 300 || !PROGRESS_RE.test(line) || ERROR_RE.test(line)) return undefined;
  return line.replace(PROGRESS_NOISE_RE, '');
}
