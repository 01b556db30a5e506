import type { CcrRecord, CompressContext } from '../types.js';
import { compressText } from '../compressors/text/index.js';
import type { ProseModel } from './service.js';
import { assemble } from './render.js';
import { stashingContext } from '../stash-context.js';
import { markerIds } from '../ccr/marker.js';

/** Share of the prunable words' (approximate) tokens kept by default; protected words come on top. */
export const DEFAULT_RATIO = 0.5;
/** Shorter prose is not worth a model call: one marker would eat most of the saving. */
export const MIN_MODEL_CHARS = 1000;
/** Longer prose goes straight to the extractive compressor: the model could not finish within any sane budget. */
export const MAX_MODEL_CHARS = 4 * 1024 * 1024;

export interface ProseOptions {
  query?: string;
  /** Milliseconds to wait for the model (default: the model's own default, 300). */
  budgetMs?: number;
  /** Share of the prunable words' tokens to keep, 0.05–0.95 (default 0.5); protected words are always kept. */
  ratio?: number;
}

/** Which engine produced the output, and why the model was not used when it was not. */
export interface ProseStats {
  engine: 'model' | 'extractive';
  modelId?: string;
  /** Why the model was not used (engine `extractive`), or not for every piece (`pieces` > `modelPieces`). */
  fallbackReason?: string;
  /** Stretches of prose in the unit long enough for the model (a JSON document can hold many). */
  pieces?: number;
  /** How many of them the model's output stands for. */
  modelPieces?: number;
  /** Whole call, main thread and worker. */
  ms: number;
  /** Worker time: tokenising, the model, protected spans, selection and rendering. */
  modelMs?: number;
  words: number;
  keptWords?: number;
  protectedWords?: number;
  chunks?: number;
  modelTokens?: number;
}

export interface PruneResult {
  /** The pruned text, or null when the model was not used (see stats.fallbackReason) or could not shorten it. */
  output: string | null;
  /**
   * False when the model was needed and did not answer (none configured, unavailable, over budget); true when it
   * answered, or when the text's size alone decided (too short to be worth a call).
   */
  answered: boolean;
  stats: ProseStats;
}

/**
 * The model path alone: the worker splits the text into words, scores them, keeps protected words and the
 * best-scored rest up to the ratio, and renders pruned passages; this thread only stashes each pruned passage (its
 * id goes into the passage's marker) and joins the text. Returns output null (never throws) when the model is
 * absent, unavailable, over budget, or finds nothing worth dropping; the caller picks the fallback.
 */
export async function pruneWithModel(
  model: ProseModel | undefined,
  text: string,
  ctx: CompressContext,
  opts: ProseOptions = {},
): Promise<PruneResult> {
  const t0 = performance.now();
  const stats: ProseStats = { engine: 'extractive', words: 0, ms: 0, modelId: model?.status().modelId };
  const fallback = (reason: string, answered = true): PruneResult => {
    stats.fallbackReason = reason;
    stats.ms = performance.now() - t0;
    return { output: null, answered, stats };
  };
  if (!model) return fallback('no prose model configured', false);
  if (text.length < MIN_MODEL_CHARS) return fallback(`under ${MIN_MODEL_CHARS} characters`);
  if (text.length > MAX_MODEL_CHARS) return fallback(`over ${MAX_MODEL_CHARS} characters`, false);

  const ratio = Math.min(0.95, Math.max(0.05, opts.ratio ?? DEFAULT_RATIO));
  const r = await model.prune({ text, queryTerms: [...ctx.queryTerms], ratio }, opts.budgetMs ?? model.defaultBudgetMs);
  stats.modelId = model.status().modelId;
  if (!r.ok) return fallback(r.reason, false);
  Object.assign(stats, {
    words: r.words,
    modelMs: r.ms,
    chunks: r.chunks,
    modelTokens: r.tokens,
    protectedWords: r.protectedWords,
    keptWords: r.keptWords,
  });
  if (r.passages.length === 0) return fallback('the model found nothing worth dropping');
  const output = assemble(text, r.passages, (content) => ctx.stash(content));
  if (output.length >= text.length) return fallback('the pruned text was not shorter');
  stats.engine = 'model';
  stats.ms = performance.now() - t0;
  return { output, answered: true, stats };
}

export interface ProseResult {
  /** Null when neither engine could shorten the text (pass it through). */
  output: string | null;
  /** Records for every marker id in the output (persist them to the CCR store). */
  records: CcrRecord[];
  stats: ProseStats;
}

/**
 * The model on a whole text, word by word (no coarse stage), when it answers within the budget, else the extractive
 * compressor (core/compressors/text). `stats.engine` says which one produced the output. The pipeline's engine is
 * `compressAsync`, which runs the extractive selection first and this pruning inside what it kept.
 */
export async function compressProse(text: string, opts: ProseOptions & { model?: ProseModel }): Promise<ProseResult> {
  const { ctx, stashed } = stashingContext(opts.query);
  const r = await pruneWithModel(opts.model, text, ctx, opts);
  let output = r.output;
  if (output === null) {
    const t0 = performance.now();
    try {
      output = compressText(text, ctx);
    } catch {
      output = null;
    }
    r.stats.ms += performance.now() - t0;
  }
  const named = new Set(output === null ? [] : markerIds(output));
  const records = [...stashed].filter(([id]) => named.has(id)).map(([id, content]) => ({ id, content }));
  return { output, records, stats: r.stats };
}
