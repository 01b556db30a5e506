/**
 * The logs / build-output compressor. Steps:
 * 1. terminal noise out (progress.ts): ANSI codes, `\r` overwrites, progress-bar frames;
 * 2. template mining (templates.ts): lines equal but for numbers, ids, timestamps share a template;
 * 3. keep rules (keep-rules.ts, diagnostics.ts): errors and warnings (a repeated event keeps its first and last
 *    copy), traces, summaries, head/tail, selective query hits, anomalies;
 * 4. every run of other lines becomes one marker whose stash is exactly those lines (render.ts), described by the
 *    kinds of line it holds, errors first, their counts and ranges, without column furniture (notes.ts).
 * Markers replaced by their stashed text give back the cleaned log exactly. `git log` has a form of its own: one line
 * per commit (git-log.ts); so do linter and type-checker reports: grouped by rule (lint-report.ts).
 */
import type { CompressContext } from '../../types.js';
import { normalizeTerminalOutput } from './progress.js';
import { mineTemplates } from './templates.js';
import { selectKept } from './keep-rules.js';
import { describeRun } from './notes.js';
import { noteStyle } from './furniture.js';
import { LONG_LINE, render } from './render.js';
import { unguardedLines } from './guard-align.js';
import { compactGitLog, isGitLog } from './git-log.js';
import { compactLintReport, parseLintReport } from './lint-report.js';

/** Below this many lines a log is read whole (unless a line is huge). */
const MIN_LINES = 8;
/** Worth returning only when at least this share of the characters goes. */
const MIN_SAVING = 0.1;
const GUARD_ROUNDS = 3;

export function compressLog(text: string, ctx: CompressContext): string | null {
  try {
    return compressLogUnsafe(text, ctx);
  } catch {
    return null; // never break the request: the caller passes the text through
  }
}

function compressLogUnsafe(text: string, ctx: CompressContext): string | null {
  if (typeof text !== 'string' || text.length === 0) return null;
  const clean = normalizeTerminalOutput(text);
  const lines = clean.split('\n');
  const worthIt = (out: string): string | null => (out.length <= text.length * (1 - MIN_SAVING) ? out : null);

  if (isGitLog(lines)) {
    const compact = compactGitLog(clean, lines, ctx);
    if (compact !== null) return worthIt(compact);
  }
  const lint = parseLintReport(lines);
  if (lint) {
    const grouped = compactLintReport(lines, lint, ctx);
    if (grouped !== null) return worthIt(grouped);
  }

  const hasLongLine = lines.some((l) => l.length > LONG_LINE);
  if (lines.length < MIN_LINES && !hasLongLine) return worthIt(clean);

  const templates = mineTemplates(lines);
  const plan = selectKept(lines, templates, ctx.queryTerms);
  const { keep } = plan;
  const style = noteStyle(templates);
  const describe = (from: number, to: number): string => describeRun(lines, from, to, templates, plan, style);

  let result = render(lines, keep, describe, ctx);
  for (let round = 0; round < GUARD_ROUNDS && result.droppedLines > 0; round++) {
    const missing = unguardedLines(lines, keep, result.text);
    if (missing.length === 0) break;
    for (const i of missing) keep[i] = 1;
    result = render(lines, keep, describe, ctx);
  }
  if (result.droppedLines === 0 && result.cutLines === 0) return worthIt(clean);
  return worthIt(result.text);
}
