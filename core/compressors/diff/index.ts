import type { CompressContext } from '../../types.js';
import { formatMarker } from '../../ccr/marker.js';
import { parseDiff } from './parse.js';
import type { DiffBlock, Hunk } from './parse.js';
import { generatedKind } from './generated.js';
import { describeLockChanges, lockChanges } from './lock-summary.js';
import { foldHunk, queryHit, renderHunk } from './hunk.js';

/** A generated/lock file's diff is summarised once it changes more lines than this; small bumps stay readable. */
const GENERATED_MIN_CHANGED = 20;
/** Changed lines of a summarised file that name the query, shown under its summary at most. */
const GENERATED_QUERY_LINES = 20;
/**
 * Past this many changed lines a diff is more than a reader takes in (a release-to-release `npm diff`, a rewrite):
 * the hunks the question names stay whole, every other hunk shows its header and first lines over a marker.
 */
const FOLD_FROM = 300;
/** A query word in more than this share of the hunks picks out none of them. */
const MAX_TERM_SHARE = 0.3;
/** `index abc..def` lines are dropped only when together they are longer than the marker that replaces them. */
const MIN_INDEX_CHARS = 90;

/**
 * Compresses unified diffs (`git diff`, `git show`, `git log -p`, `diff -u`): keeps commit and file headers, hunk
 * headers and every +/- line; trims unchanged context; summarises big lock/generated-file diffs; keeps the head,
 * tail and query lines of very long new/deleted files. Every left-out part is stashed exactly behind a marker.
 * Returns null for input with no hunk, or when nothing got shorter.
 */
export function compressDiff(text: string, ctx: CompressContext): string | null {
  try {
    const blocks = parseDiff(text.split('\n'));
    const hunksByFile = new Map<number, { path: string; hunks: Hunk[] }>();
    for (const b of blocks) {
      if (b.kind !== 'hunk') continue;
      const entry = hunksByFile.get(b.file.id) ?? { path: b.file.path, hunks: [] };
      entry.hunks.push(b.hunk);
      hunksByFile.set(b.file.id, entry);
    }
    if (hunksByFile.size === 0) return null;
    const out = render(blocks, hunksByFile, ctx);
    return out.length < text.length ? out : null;
  } catch {
    return null;
  }
}

function render(
  blocks: readonly DiffBlock[],
  files: Map<number, { path: string; hunks: Hunk[] }>,
  ctx: CompressContext,
): string {
  const summarise = new Set<number>();
  for (const [id, f] of files)
    if (generatedKind(f.path) && changedLines(f.hunks) > GENERATED_MIN_CHANGED) summarise.add(id);
  let indexChars = 0;
  for (const b of blocks) if (b.kind === 'index') indexChars += b.line.length + 1;
  const dropIndex = indexChars >= MIN_INDEX_CHARS;

  const out: string[] = [];
  const indexLines: string[] = [];
  const summarised = new Set<number>();
  const fold = foldedHunks(blocks, summarise, ctx);
  for (const b of blocks) {
    if (b.kind === 'line') out.push(b.line);
    else if (b.kind === 'index') {
      if (dropIndex) indexLines.push(b.line);
      else out.push(b.line);
    } else if (fold.has(b.hunk)) foldHunk(b.hunk, ctx, out);
    else if (!summarise.has(b.file.id)) renderHunk(b.hunk, ctx, out);
    else if (!summarised.has(b.file.id)) {
      summarised.add(b.file.id);
      summariseFile(b.file.path, files.get(b.file.id)!.hunks, ctx, out);
    }
  }
  if (indexLines.length > 0) {
    // after the last real line, before the trailing newline's empty string
    const tail = out.length > 0 && out[out.length - 1] === '' ? out.pop() : undefined;
    const id = ctx.stash(indexLines.join('\n'));
    out.push(formatMarker({ count: indexLines.length, unit: 'index lines', id, note: 'blob hashes' }));
    if (tail !== undefined) out.push(tail);
  }
  return out.join('\n');
}

/**
 * In a diff too long to read whole, the hunks the question does not name: none of its selective words (in at most
 * MAX_TERM_SHARE of the hunks) in the hunk or its file's path, and no error line.
 */
function foldedHunks(blocks: readonly DiffBlock[], summarise: ReadonlySet<number>, ctx: CompressContext): Set<Hunk> {
  const folded = new Set<Hunk>();
  const hunks: Array<{ hunk: Hunk; path: string }> = [];
  let changed = 0;
  for (const b of blocks) {
    if (b.kind !== 'hunk' || summarise.has(b.file.id)) continue;
    hunks.push({ hunk: b.hunk, path: b.file.path });
    changed += changedLines([b.hunk]);
  }
  if (changed <= FOLD_FROM) return folded;
  const texts = hunks.map((h) => `${h.path}\n${h.hunk.header}\n${h.hunk.body.join('\n')}`.toLowerCase());
  // short words ("new", "lib", "fix") sit in every other hunk of code without pointing at any
  const terms = ctx.queryTerms.filter((t) => t.length >= 4);
  const selective = terms.filter(
    (t) => texts.reduce((k, x) => k + (x.includes(t) ? 1 : 0), 0) <= Math.max(1, hunks.length * MAX_TERM_SHARE),
  );
  hunks.forEach((h, i) => {
    if (!selective.some((t) => texts[i].includes(t))) folded.add(h.hunk);
  });
  return folded;
}

function changedLines(hunks: readonly Hunk[]): number {
  let n = 0;
  for (const h of hunks) for (const l of h.body) if (l[0] === '+' || l[0] === '-') n++;
  return n;
}

/** One marker for all hunks of a lock/generated file (counts and package names), then the lines naming the query. */
function summariseFile(path: string, hunks: readonly Hunk[], ctx: CompressContext, out: string[]): void {
  let adds = 0,
    dels = 0,
    lines = 0;
  const parts: string[] = [];
  const queryLines: string[] = [];
  for (const h of hunks) {
    parts.push(h.header, ...h.body);
    lines += 1 + h.body.length;
    for (const l of h.body) {
      if (l[0] === '+') adds++;
      else if (l[0] === '-') dels++;
      else continue;
      if (queryLines.length < GENERATED_QUERY_LINES && queryHit(l, ctx.queryTerms)) queryLines.push(l);
    }
  }
  const kind = generatedKind(path) ?? 'generated file';
  const names = kind === 'lock file' ? describeLockChanges(lockChanges(path, hunks)) : '';
  const hunkWord = hunks.length === 1 ? 'hunk' : 'hunks';
  const note = `${kind}, +${adds} −${dels} in ${hunks.length} ${hunkWord}${names ? `; ${names}` : ''}`;
  out.push(formatMarker({ count: lines, unit: 'lines', id: ctx.stash(parts.join('\n')), note }));
  for (const l of queryLines) out.push(l);
}
