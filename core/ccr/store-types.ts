import type { CcrRecord } from '../types.js';

/** One compressed unit inside a proxied request, as recorded for stats and the panel. */
export interface UnitRecord {
  /** Where the unit sits in the request body, e.g. `messages.3.content.0.content`. */
  path: string;
  kind: string;
  tokensBefore: number;
  tokensAfter: number;
  /** CCR id of the unit's original (absent when it passed through). */
  originalId?: string;
  /** Why it passed through, when it did. */
  reason?: string;
  /** True when the compressed form came from the memo (seen in an earlier request). */
  memoHit?: boolean;
}

/** One proxied request, as the store keeps it and the status bar / panel / `headroom stats` read it. */
export interface RequestRecord {
  id: string;
  /** Epoch milliseconds. */
  time: number;
  provider: string;
  model?: string;
  /** Best guess at which agent sent it (user-agent based), when known. */
  agent?: string;
  tokensBefore: number;
  tokensAfter: number;
  compressMs: number;
  units: UnitRecord[];
  /** Why the request went upstream uncompressed, when it did (fail-open reason). */
  passthroughReason?: string;
  status?: number;
}

export interface RetrievalRecord {
  id: string;
  time: number;
  /** `proxy` (the headroom_retrieve tool answered in-stream), `mcp`, `cli`, `extension`. */
  via: string;
  /** The request the retrieval served, when known. */
  requestId?: string;
  found: boolean;
}

export interface StoreTotals {
  requests: number;
  tokensBefore: number;
  tokensAfter: number;
  retrievals: number;
  units: number;
}

/** What the memo holds for a unit: the exact bytes sent the first time (compressed or not). */
export interface MemoEntry {
  output: string;
  compressed: boolean;
  kind: string;
  ccr: string[];
  originalId?: string;
}

export interface StoreOptions {
  /** Folder that holds `store.sqlite` (HEADROOM_HOME). */
  dir: string;
  /** Records not read or written for this long expire. Default 7 days. */
  ttlMs?: number;
  /** Size cap of CCR contents; least recently used records are evicted past it. Default 256 MiB. */
  maxBytes?: number;
  /** Writes are persisted this long after the last change (debounce). Default 1000 ms. */
  persistDebounceMs?: number;
  /** Clock, for expiry tests. */
  now?: () => number;
  /** Where sql.js finds `sql-wasm.wasm` (next to the bundle in dist/); default: sql.js's own package. */
  wasmPath?: string;
}

/** The CCR store: exact originals by id, the compression memo, and request/retrieval records. */
export interface CcrStore {
  put(records: readonly CcrRecord[]): void;
  /** The exact original, or undefined when unknown or expired. Reading refreshes its LRU/TTL position. */
  get(id: string): string | undefined;
  getMemo(key: string): MemoEntry | undefined;
  putMemo(key: string, entry: MemoEntry): void;
  recordRequest(rec: RequestRecord): void;
  recordRetrieval(rec: RetrievalRecord): void;
  /** Newest first. */
  recentRequests(limit: number, beforeTime?: number): RequestRecord[];
  recentRetrievals(limit: number): RetrievalRecord[];
  totals(sinceTime?: number): StoreTotals;
  /** Deletes expired records and evicts past the size cap. Called on open and before each persist. */
  sweep(): void;
  /** Persist now (merging with what other processes wrote meanwhile). */
  flush(): Promise<void>;
  close(): Promise<void>;
}
