import type { ResolvedManifest } from './manifest.js';
import type { PruneReply, PruneRequest } from './prune-text.js';

/** Messages between the prose-model service (main thread) and its worker. */
export type ToWorker =
  | { type: 'load'; manifest: ResolvedManifest; threads: number }
  | ({
      type: 'prune';
      id: number /** Epoch milliseconds after which the worker stops and answers `timeout`. */;
      deadline: number;
    } & PruneRequest);

export type FromWorker =
  | { type: 'loaded'; ms: number; tokenizer: 'wordpiece' | 'library' }
  | { type: 'load-failed'; error: string }
  | ({ type: 'pruned'; id: number; ms: number } & PruneReply)
  | { type: 'timeout'; id: number }
  | { type: 'failed'; id: number; error: string };
