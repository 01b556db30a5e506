import type { CompressResult } from '../types.js';

/** What the pool hands a compression worker when it starts (`workerData`). */
export interface CompressWorkerData {
  /** The tree-sitter grammars' folder the proxy's own registry loads from; none: code passes through, as in-process. */
  grammarsDir?: string;
}

/** One fresh unit's `compress()` call: the text and the options the engine passes (core/messages). */
export interface CompressJob {
  text: string;
  query: string;
  fileName?: string;
  minChars: number;
}

export type ToCompressWorker =
  | ({ type: 'compress'; id: number } & CompressJob)
  | { type: 'count'; id: number; texts: string[] };

export type FromCompressWorker =
  /** Start-up done (tokenizer loaded, grammars read); `failed` lists grammars that did not load. */
  | { type: 'ready'; failed: string[] }
  /**
   * `original`: the record holding the unit's own text was taken out of `result.records` (at `index`): the pool has
   * the text already, so a large unit does not cross back (and sit in memory twice) for it.
   */
  | { type: 'compressed'; id: number; result: CompressResult; original?: { index: number; id: string } }
  | { type: 'counted'; id: number; counts: number[] }
  /** The job threw: the message, for the record's reason. */
  | { type: 'failed'; id: number; message: string };
