import { compress } from '../compress.js';
import { GrammarRegistry } from '../compressors/code/index.js';
import { measureTokens, warmTokenizer } from '../util/tokens.js';
import type { GrammarSource } from '../types.js';
import type { CompressWorkerData, FromCompressWorker, ToCompressWorker } from './protocol.js';

let grammars: GrammarSource | undefined;

/**
 * A worker's start-up: the token counter and the grammars the proxy uses. Resolves with the grammars that failed to
 * load (the worker still serves: code in those languages passes through, as it does in a proxy without them).
 */
export async function startWorker(data: CompressWorkerData): Promise<string[]> {
  warmTokenizer();
  if (!data.grammarsDir) return [];
  const registry = new GrammarRegistry();
  const report = await registry.init({ grammarsDir: data.grammarsDir });
  grammars = registry;
  return report.failed.map((f) => `${f.language}: ${f.error}`);
}

/** One job, synchronously: the worker is busy until it answers (the pool times it out and replaces it if it hangs). */
export function handleJob(msg: ToCompressWorker): FromCompressWorker {
  try {
    if (msg.type === 'count')
      return { type: 'counted', id: msg.id, counts: msg.texts.map((t) => measureTokens(t).tokens) };
    const result = compress(msg.text, { query: msg.query, fileName: msg.fileName, minChars: msg.minChars, grammars });
    const index = result.records.findIndex((r) => r.id === result.originalId && r.content === msg.text);
    if (index < 0) return { type: 'compressed', id: msg.id, result };
    const records = result.records.filter((_, i) => i !== index);
    return {
      type: 'compressed',
      id: msg.id,
      result: { ...result, records },
      original: { index, id: result.originalId! },
    };
  } catch (err) {
    return { type: 'failed', id: msg.id, message: (err as Error)?.message ?? String(err) };
  }
}
