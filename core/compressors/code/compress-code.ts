import type { QueryCapture } from 'web-tree-sitter';
import type { CompressContext } from '../../types.js';
import { defaultGrammars, type GrammarSource, type LoadedGrammar } from './grammars.js';
import { languageCandidates, looksMinified } from './language.js';
import { splitSourceLines } from './numbered-lines.js';
import { buildOutline, type Outline } from './outline.js';
import { planBodyElisions } from './body-elisions.js';
import { planCommentElisions } from './comment-elisions.js';
import type { Elision } from './elision.js';
import { LineTable } from './line-table.js';
import { relevantDefs } from './relevance.js';
import { renderElided } from './render.js';

/**
 * Past this the parse alone would take most of a second (~6 MB/s); such inputs pass through (the proxy keeps latency
 * flat).
 */
export const MAX_CODE_CHARS = 4 * 1024 * 1024;
/** Beyond this share of unplaceable characters (see junkChars) the grammar is probably the wrong one: pass through. */
const MAX_ERROR_SHARE = 0.25;
/** A parse this clean is accepted without trying other grammars. */
const CLEAN_ERROR_SHARE = 0.01;
/** Parses one input may cost at most (a guess, its fallback, a second guess). */
const MAX_PARSES = 3;

/**
 * Source code → the same file with the bodies that do not matter for the question replaced by marker lines
 * (imports, types, classes, signatures, decorators, docstrings' first lines and top-level code stay verbatim).
 * Synchronous; returns null (pass-through) until the language's grammar is loaded in `ctx.grammars` (default:
 * `defaultGrammars`, which `initCodeCompressor` fills), for unknown languages, minified bundles, mostly unparsable
 * input, or when nothing is worth eliding. Never throws.
 */
export function compressCode(text: string, ctx: CompressContext): string | null {
  try {
    return compressCodeUnsafe(text, ctx);
  } catch {
    return null;
  }
}

function compressCodeUnsafe(text: string, ctx: CompressContext): string | null {
  if (text.length > MAX_CODE_CHARS || looksMinified(text)) return null;
  const src = splitSourceLines(text);
  const grammars = ctx.grammars ?? defaultGrammars;
  const candidates = languageCandidates(src.source, ctx.language, ctx.fileName, (l) => grammars.get(l) !== undefined);
  if (candidates.length === 0) return null;
  const parsed = parseBest(
    candidates.map((l) => grammars.get(l)!),
    src.source,
    grammars,
  );
  if (!parsed) return null;
  const relevant = relevantDefs(parsed.outline, ctx.query, ctx.queryTerms, src.source);
  const table = new LineTable(src.source);
  const bodies = planBodyElisions(parsed.outline.defs, relevant.defs, table);
  const comments = planCommentElisions(parsed.outline.comments, relevant.defs, bodies, relevant.named, table);
  const elisions = withoutOverlaps([...bodies, ...comments].sort((a, b) => a.first - b.first));
  if (elisions.length === 0) return null;
  return renderElided(src, src.source.split('\n'), elisions, {
    comment: parsed.grammar.comment,
    fileName: ctx.fileName,
    stash: (c) => ctx.stash(c),
  });
}

/** Body and comment runs are planned apart; the renderer needs disjoint runs in order (the earlier one wins). */
function withoutOverlaps(sorted: Elision[]): Elision[] {
  const out: Elision[] = [];
  for (const e of sorted) if (out.length === 0 || e.first > out[out.length - 1].last) out.push(e);
  return out;
}

interface Parsed {
  grammar: LoadedGrammar;
  outline: Outline;
  errorShare: number;
}

/**
 * Parses with each candidate grammar (and a grammar's fallback, e.g. C → C++) until one parses cleanly; the parse
 * with the fewest characters in ERROR nodes wins, and none wins when even that one is mostly errors.
 */
function parseBest(candidates: LoadedGrammar[], source: string, grammars: GrammarSource): Parsed | undefined {
  const tries: LoadedGrammar[] = [];
  for (const g of candidates) {
    tries.push(g);
    const fallback = g.fallback ? grammars.get(g.fallback) : undefined;
    if (fallback) tries.push(fallback);
  }
  let best: Parsed | undefined;
  const tried = new Set<string>();
  for (const g of tries) {
    if (tried.has(g.id) || tried.size >= MAX_PARSES) continue;
    tried.add(g.id);
    const p = parseOutline(g, source);
    if (p && (!best || p.errorShare < best.errorShare)) best = p;
    if (best && best.errorShare <= CLEAN_ERROR_SHARE) break;
  }
  return best && best.errorShare <= MAX_ERROR_SHARE ? best : undefined;
}

function parseOutline(grammar: LoadedGrammar, source: string): Parsed | undefined {
  const tree = grammar.parser.parse(source);
  if (!tree) return undefined;
  try {
    const root = tree.rootNode;
    const errorChars = root.hasError ? junkChars(grammar.errorQuery.captures(root)) : 0;
    // node text and flags are read inside buildOutline, before the tree's wasm memory is released
    const outline = buildOutline(grammar.query.matches(root));
    return { grammar, outline, errorShare: errorChars / Math.max(1, source.length) };
  } finally {
    tree.delete();
  }
}

/**
 * Characters the grammar could not place: tokens and bare leaves sitting directly in ERROR nodes. Well-formed
 * constructs inside an ERROR node do not count: a file cut mid-class (a Read with a line limit) is one ERROR node
 * around perfectly good methods, while prose parsed as code is ERROR nodes full of bare identifiers.
 */
function junkChars(captures: QueryCapture[]): number {
  let total = 0;
  for (const c of captures) {
    for (const child of c.node.children) {
      if (!child || child.type === 'ERROR') continue; // counted through its own capture
      if (!child.isNamed || child.childCount === 0) total += child.endIndex - child.startIndex;
    }
  }
  return total;
}
