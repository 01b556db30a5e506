import type { ContentKind } from './types.js';
import { ERROR_RE, GIT_COMMIT_RE } from './router/signals.js';
import { isAnswerBearing } from './router/answer-bearing.js';
import { stripAnsi } from './util/ansi.js';
import { parseJsonOnce } from './util/json-once.js';

/** Longest error line the guard insists on verbatim; compressors may shorten longer ones around the error text. */
const MAX_CHECKED_LINE = 400;
/**
 * Past this many error lines the unit is an error flood: compressors keep one of each template, the guard steps back.
 */
const MAX_CHECKED = 400;

/**
 * The last line of defence for "same answers": every answer-bearing line of the original (router/answer-bearing.ts:
 * the one definition every compressor keeps by) must still be readable in the output (verbatim, or for JSON as a
 * value). Returns the first missing one, or undefined when all are kept.
 * Error lines that a compressor collapsed into a template (same line modulo numbers/ids) count as kept when the
 * template's fixed text is present.
 */
export function missingAnswerBearing(original: string, output: string, kind: ContentKind): string | undefined {
  if (kind === 'json') return missingJsonErrors(original, output);
  // in search results and diffs "error" is usually a word in code, not an event; those compressors rank by the query
  if (kind !== 'log' && kind !== 'text' && kind !== 'table') return undefined;
  let checked = 0;
  let start = 0;
  // git log's commit messages are indented four spaces: what a person wrote about a change ("throw a `RangeError:
  // …` for invalid codes"), not the output of a failing run; with -p its diff lines are code
  const gitLog = kind === 'log' && GIT_COMMIT_RE.test(original);
  const skeletons = new Map<string, boolean>();
  while (start < original.length && checked < MAX_CHECKED) {
    let end = original.indexOf('\n', start);
    if (end === -1) end = original.length;
    // compressors print terminal output without colour codes; compare the line as a reader sees it
    const line = stripAnsi(original.slice(start, end));
    start = end + 1;
    if (gitLog && /^(?:[ +\-@]|diff |index )/.test(line)) continue;
    if (line.length > MAX_CHECKED_LINE || !isAnswerBearing(line, kind)) continue;
    checked++;
    const core = line.trim();
    if (!core || output.includes(core)) continue;
    // lines collapsed into one template share their skeleton: each distinct skeleton is looked for once
    const skeleton = templateSkeleton(core);
    let found = skeletons.get(skeleton);
    if (found === undefined) skeletons.set(skeleton, (found = output.includes(skeleton)));
    if (found) continue;
    if (inDiagnosticGroup(core, output)) continue;
    if (!kept(core, output)) return core;
  }
  return undefined;
}

/** A line counts as kept if its error sentence (numbers and ids aside) is in the output. */
function kept(line: string, output: string): boolean {
  const words = line
    .replace(/\b[0-9a-f]{6,}\b|\d+/gi, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 2);
  if (words.length === 0) return true;
  // every distinctive word of the error line must occur in the output
  return words.every((w) => output.includes(w));
}

/**
 * A linter or type-checker diagnostic folded into its rule's group line (`TS2307 ×41 (error) …`, `no-var ×312
 * (error) …`; compressors/log/lint-report.ts) is kept: its rule is named with its count, and its exact text is behind
 * the marker that follows.
 */
function inDiagnosticGroup(line: string, output: string): boolean {
  const code =
    /\b(TS\d{3,5})\b/.exec(line)?.[1] ??
    /^\d+:\d+\s+(?:error|warning)\s.*\s{2}(@?[\w-]+(?:\/[\w-]+)*)$/.exec(line)?.[1];
  return code !== undefined && (output.startsWith(`${code} ×`) || output.includes(`\n${code} ×`));
}

function templateSkeleton(line: string): string {
  return line.replace(/\d+/g, '').slice(0, 40);
}

function missingJsonErrors(original: string, output: string): string | undefined {
  const parsed = parseJsonOnce(original);
  // NDJSON / embedded: the JSON compressor enforces its own keep rules
  if (!parsed.ok) return undefined;
  const value = parsed.value;
  let checked = 0;
  let missing: string | undefined;
  const visit = (v: unknown, depth: number): void => {
    if (missing || checked >= MAX_CHECKED || depth > 64) return;
    if (typeof v === 'string') {
      if (v.length <= MAX_CHECKED_LINE && ERROR_RE.test(v)) {
        checked++;
        if (!output.includes(v) && !output.includes(JSON.stringify(v).slice(1, -1))) missing = v;
      }
    } else if (Array.isArray(v)) for (const x of v) visit(x, depth + 1);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) visit(x, depth + 1);
  };
  visit(value, 0);
  return missing;
}
