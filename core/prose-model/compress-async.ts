import type { CcrRecord, CompressContext, CompressOptions, CompressResult } from '../types.js';
import { compress, DEFAULT_MIN_CHARS, MAX_UNIT_CHARS } from '../compress.js';
import { detect } from '../router/detect.js';
import { findEmbeddedJson } from '../router/embedded-json.js';
import { missingAnswerBearing } from '../guard.js';
import { contentId } from '../util/hash.js';
import { queryTerms } from '../util/query.js';
import type { ProseModel } from './service.js';
import { pruneWithModel, type ProseStats } from './compress-prose.js';

export interface AsyncCompressOptions extends CompressOptions {
  /** The prose model to try for prose units; without one this is exactly `compress()`. */
  prose?: ProseModel;
  /** Milliseconds to wait for the model before falling back (default: the model's, 300). */
  budgetMs?: number;
  /** Share of a prose unit's prunable words' tokens to keep (default 0.5); protected words are always kept. */
  ratio?: number;
}

export type AsyncCompressResult = CompressResult & {
  /** Present when the unit was prose and a model was configured: which engine ran, and why not the model. */
  prose?: ProseStats;
};

/**
 * `compress()` for callers that can wait: prose units go to the prose model (in its worker, within the budget),
 * everything else — and prose the model cannot handle in time — goes through the synchronous pipeline unchanged.
 * The same guard applies: an output that lost an error line is rejected and the pipeline's result used instead.
 * Which engine ran depends on timing, so callers memoize the result at first sight (as the proxy does for every unit).
 */
export async function compressAsync(text: string, options: AsyncCompressOptions = {}): Promise<AsyncCompressResult> {
  const model = options.prose;
  if (!model || typeof text !== 'string') return compress(text, options);
  const minChars = options.minChars ?? DEFAULT_MIN_CHARS;
  if (text.length < minChars || text.length > MAX_UNIT_CHARS || text.includes('\u0000')) return compress(text, options);
  const kind = options.kind && options.kind !== 'auto' ? options.kind : detect(text, options.fileName).kind;
  // prose wrapped around a big JSON document is the JSON compressor's (compress() finds it)
  if (kind !== 'text' || findEmbeddedJson(text)) return compress(text, options);

  const stashed = new Map<string, string>();
  const ctx: CompressContext = {
    query: options.query ?? '',
    queryTerms: queryTerms(options.query),
    fileName: options.fileName,
    stash(content: string) {
      const id = contentId(content);
      stashed.set(id, content);
      return id;
    },
  };
  const r = await pruneWithModel(model, text, ctx, { budgetMs: options.budgetMs, ratio: options.ratio });
  const fallback = (reason?: string): AsyncCompressResult => {
    if (reason) Object.assign(r.stats, { engine: 'extractive', fallbackReason: reason });
    return { ...compress(text, options), prose: r.stats };
  };
  if (r.output === null) return fallback();
  const missing = missingAnswerBearing(text, r.output, 'text');
  if (missing) return fallback(`model output would drop an answer-bearing line: ${missing.slice(0, 120)}`);

  const output = r.output;
  const originalId = contentId(text);
  const ccr = [...stashed.keys()].filter((id) => output.includes(id));
  const records: CcrRecord[] = [{ id: originalId, content: text }];
  for (const id of ccr) if (id !== originalId) records.push({ id, content: stashed.get(id)! });
  return { kind: 'text', output, compressed: true, originalId, ccr, records, prose: r.stats };
}
