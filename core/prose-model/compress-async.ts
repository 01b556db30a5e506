import type { CompressContext, CompressOptions, CompressResult, ProseCompressor } from '../types.js';
import { compress } from '../compress.js';
import { compressText } from '../compressors/text/index.js';
import { findEmbeddedJson } from '../router/embedded-json.js';
import { missingAnswerBearing } from '../guard.js';
import { stashingContext } from '../stash-context.js';
import { MARKER_RE, markerIds } from '../ccr/marker.js';
import type { ProseModel } from './service.js';
import { MIN_MODEL_CHARS, pruneWithModel, type ProseStats } from './compress-prose.js';

export interface AsyncCompressOptions extends CompressOptions {
  /** The prose model to try for prose; without one this is exactly `compress()`. */
  prose?: ProseModel;
  /** Milliseconds to wait for the model, for all the unit's prose together (default: the model's, 300). */
  budgetMs?: number;
  /**
   * Coarse stage: the extractive sentence selection runs first with its budget multiplied by this, and the model
   * prunes words in what it kept (default 1.6). 0: no coarse stage, the model prunes the whole text.
   */
  coarseScale?: number;
  /**
   * Share of the prunable words' tokens the model keeps; protected words are always kept. Default 0.3 after the
   * coarse stage, 0.5 without it.
   */
  ratio?: number;
}

/** Benchmarked on real docs (bench/prose): 1.6 × the extractive budget, then 30% of the prunable words. */
export const DEFAULT_COARSE_SCALE = 1.6;
export const DEFAULT_FINE_RATIO = 0.3;

export type AsyncCompressResult = CompressResult & {
  /** Present when the unit held prose and a model was configured: which engine ran, and why not the model. */
  prose?: ProseStats;
};

interface ModelAnswer {
  output: string;
  /** What the pruned passages' markers name. */
  stashed: Map<string, string>;
}

/**
 * `compress()` for callers that can wait. Prose anywhere in the unit — a prose unit, the text of an HTML page, a long
 * issue body inside JSON — goes to the prose model (in its worker, all of it within one budget); everything else,
 * and prose the model cannot handle in time, goes through the synchronous pipeline unchanged. Three steps:
 *  1. the synchronous pipeline runs with a prose compressor that only notes every stretch of prose it is handed
 *     (with no prose at all, that result is the answer);
 *  2. each stretch goes through the model engine, concurrently, until the shared deadline: coarse to fine, like
 *     LLMLingua's budget controller — the extractive selection with a larger budget keeps the sentences that matter
 *     (its markers retrieve the rest), then the model prunes words inside them;
 *  3. the pipeline runs again with the model's answers, piece by piece: a piece the model did not answer in time, or
 *     whose answer lost an error line, gets the extractive result (so with no answer at all this is `compress()`).
 * Which engine ran depends on timing, so callers memoize the result at first sight (as the proxy does for every unit).
 */
export async function compressAsync(text: string, options: AsyncCompressOptions = {}): Promise<AsyncCompressResult> {
  const model = options.prose;
  if (!model || typeof text !== 'string') return compress(text, options);
  const t0 = performance.now();
  const extractive: ProseCompressor = options.proseCompressor ?? compressText;

  // step 1 only learns where the prose is (its prose compressor answers nothing); with no prose its result is final
  const asked: string[] = [];
  const first = compress(text, {
    ...options,
    proseCompressor: (piece) => {
      asked.push(piece);
      return null;
    },
  });
  if (asked.length === 0) return first;
  const stats: ProseStats = {
    engine: 'extractive',
    words: 0,
    ms: 0,
    modelId: model.status().modelId,
    pieces: 0,
    modelPieces: 0,
  };
  // prose wrapped around a big JSON document is the JSON compressor's; short prose is not worth a model call
  const pieces = [...new Set(asked)].filter((p) => p.length >= MIN_MODEL_CHARS && !findEmbeddedJson(p));
  stats.pieces = pieces.length;
  const done = (r: CompressResult): AsyncCompressResult => {
    stats.ms = performance.now() - t0;
    return { ...r, prose: stats };
  };
  if (pieces.length === 0) {
    stats.fallbackReason = `no prose of ${MIN_MODEL_CHARS} characters or more`;
    return done(compress(text, options));
  }

  const answers = await askModel(model, pieces, options, stats);
  if (answers.size === 0) return done(compress(text, options));
  const second = compress(text, {
    ...options,
    proseCompressor: (piece, ctx) => {
      const a = answers.get(piece);
      if (!a) return extractive(piece, ctx);
      const missing = missingAnswerBearing(piece, a.output, 'text');
      if (missing) {
        stats.modelPieces!--;
        stats.fallbackReason ??= `model output would drop an answer-bearing line: ${missing.slice(0, 120)}`;
        return extractive(piece, ctx);
      }
      for (const id of markerIds(a.output)) {
        const content = a.stashed.get(id);
        if (content !== undefined) ctx.stash(content);
      }
      return a.output;
    },
  });
  if (stats.modelPieces! > 0) stats.engine = 'model';
  return done(second);
}

/** Every piece to the model at once, one deadline for all; the stats add up what the model did. */
async function askModel(
  model: ProseModel,
  pieces: readonly string[],
  options: AsyncCompressOptions,
  stats: ProseStats,
): Promise<Map<string, ModelAnswer>> {
  const deadline = performance.now() + (options.budgetMs ?? model.defaultBudgetMs);
  const scale = options.coarseScale ?? DEFAULT_COARSE_SCALE;
  const ratio = options.ratio ?? (scale > 0 ? DEFAULT_FINE_RATIO : undefined);
  const answers = new Map<string, ModelAnswer>();
  const results = await Promise.all(
    pieces.map(async (piece) => {
      const { ctx, stashed } = stashingContext(options.query);
      const coarse = scale > 0 ? (compressText(piece, ctx, { keepScale: scale }) ?? piece) : piece;
      // a pruned passage of the coarse text may hold the coarse stage's markers: its record gets them expanded, so
      // every marker redeems a verbatim stretch of the original
      const fine: CompressContext = { ...ctx, stash: (content) => ctx.stash(expandMarkers(content, stashed)) };
      const budgetMs = Math.max(1, Math.round(deadline - performance.now()));
      return { piece, coarse, stashed, r: await pruneWithModel(model, coarse, fine, { budgetMs, ratio }) };
    }),
  );
  for (const { piece, coarse, stashed, r } of results) {
    const s = r.stats;
    stats.modelId = s.modelId ?? stats.modelId;
    stats.words += s.words;
    for (const k of ['keptWords', 'protectedWords', 'chunks', 'modelTokens', 'modelMs'] as const)
      if (s[k] !== undefined) stats[k] = (stats[k] ?? 0) + s[k]!;
    // the model answered but found nothing to drop: the coarse selection stands (it is the engine's, not a fallback)
    const output = r.output ?? (r.answered && coarse.length < piece.length ? coarse : null);
    if (output === null) stats.fallbackReason ??= s.fallbackReason;
    else {
      answers.set(piece, { output, stashed });
      stats.modelPieces!++;
    }
  }
  return answers;
}

/** The text with each marker whose id is in `stashed` replaced by the content it stands for. */
function expandMarkers(text: string, stashed: ReadonlyMap<string, string>): string {
  return text.replace(MARKER_RE, (m) => stashed.get(/hr_[0-9a-f]{16}/.exec(m)![0]) ?? m);
}
