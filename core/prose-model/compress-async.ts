import type { CompressContext, CompressOptions, CompressResult, ProseCompressor } from '../types.js';
import { compress } from '../compress.js';
import { compressText } from '../compressors/text/index.js';
import { findEmbeddedJson } from '../router/embedded-json.js';
import { missingAnswerBearing } from '../guard.js';
import { contentId } from '../util/hash.js';
import { queryTerms } from '../util/query.js';
import type { ProseModel } from './service.js';
import { MIN_MODEL_CHARS, pruneWithModel, type ProseStats } from './compress-prose.js';

export interface AsyncCompressOptions extends CompressOptions {
  /** The prose model to try for prose; without one this is exactly `compress()`. */
  prose?: ProseModel;
  /** Milliseconds to wait for the model, for all the unit's prose together (default: the model's, 300). */
  budgetMs?: number;
  /** Share of a prose passage's prunable words' tokens to keep (default 0.5); protected words are always kept. */
  ratio?: number;
}

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
 *  1. the synchronous pipeline runs, noting every stretch of prose it hands its prose compressor (its result is the
 *     answer when there is no prose or the model answers nothing);
 *  2. the model prunes those stretches, concurrently, until the shared deadline;
 *  3. the pipeline runs again with the model's answers in place of the extractive compressor's, piece by piece: a
 *     piece the model did not answer in time, or whose answer lost an error line, gets the extractive result.
 * Which engine ran depends on timing, so callers memoize the result at first sight (as the proxy does for every unit).
 */
export async function compressAsync(text: string, options: AsyncCompressOptions = {}): Promise<AsyncCompressResult> {
  const model = options.prose;
  if (!model || typeof text !== 'string') return compress(text, options);
  const t0 = performance.now();
  const extractive: ProseCompressor = options.proseCompressor ?? compressText;

  const asked: string[] = [];
  const first = compress(text, {
    ...options,
    proseCompressor: (piece, ctx) => {
      asked.push(piece);
      return extractive(piece, ctx);
    },
  });
  if (asked.length === 0) return first;
  const stats: ProseStats = { engine: 'extractive', words: 0, ms: 0, modelId: model.status().modelId, pieces: 0, modelPieces: 0 };
  // prose wrapped around a big JSON document is the JSON compressor's; short prose is not worth a model call
  const pieces = [...new Set(asked)].filter((p) => p.length >= MIN_MODEL_CHARS && !findEmbeddedJson(p));
  stats.pieces = pieces.length;
  const done = (r: CompressResult): AsyncCompressResult => {
    stats.ms = performance.now() - t0;
    return { ...r, prose: stats };
  };
  if (pieces.length === 0) {
    stats.fallbackReason = `no prose of ${MIN_MODEL_CHARS} characters or more`;
    return done(first);
  }

  const answers = await askModel(model, pieces, options, stats);
  if (answers.size === 0) return done(first);
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
      for (const [id, content] of a.stashed) if (a.output.includes(id)) ctx.stash(content);
      return a.output;
    },
  });
  if (stats.modelPieces! > 0) stats.engine = 'model';
  return done(second);
}

/** Every piece to the model at once, one deadline for all; the stats add up what the model did. */
async function askModel(model: ProseModel, pieces: readonly string[], options: AsyncCompressOptions, stats: ProseStats): Promise<Map<string, ModelAnswer>> {
  const deadline = performance.now() + (options.budgetMs ?? model.defaultBudgetMs);
  const terms = queryTerms(options.query);
  const answers = new Map<string, ModelAnswer>();
  const results = await Promise.all(
    pieces.map(async (piece) => {
      const stashed = new Map<string, string>();
      const ctx: CompressContext = {
        query: options.query ?? '',
        queryTerms: terms,
        stash(content: string) {
          const id = contentId(content);
          stashed.set(id, content);
          return id;
        },
      };
      const budgetMs = Math.max(1, Math.round(deadline - performance.now()));
      return { piece, stashed, r: await pruneWithModel(model, piece, ctx, { budgetMs, ratio: options.ratio }) };
    }),
  );
  for (const { piece, stashed, r } of results) {
    const s = r.stats;
    stats.modelId = s.modelId ?? stats.modelId;
    stats.words += s.words;
    for (const k of ['keptWords', 'protectedWords', 'chunks', 'modelTokens', 'modelMs'] as const) if (s[k] !== undefined) stats[k] = (stats[k] ?? 0) + s[k]!;
    if (r.output === null) stats.fallbackReason ??= s.fallbackReason;
    else {
      answers.set(piece, { output: r.output, stashed });
      stats.modelPieces!++;
    }
  }
  return answers;
}
