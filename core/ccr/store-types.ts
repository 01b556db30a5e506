import type { CcrRecord } from '../types.js';
import type { Scope } from './scope.js';

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
  /** Name of the tool whose output this unit was, when known (groups `headroom_stats`' top tools). */
  tool?: string;
  /**
   * For new units holding prose while a prose model was configured: which engine compressed the prose, e.g.
   * `prose model headroom-prose-v1` or `extractive (the model did not answer within 300 ms)`.
   */
  prose?: string;
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
  /** Compression was paused (nothing was compressed on purpose). */
  paused?: boolean;
  /** The status the client got: the provider's, or the proxy's own 502/504 when upstream did not answer. */
  status?: number;
  /** Why upstream gave no answer (unreachable, timed out, client gone), when it did not. */
  error?: string;
}

export interface RetrievalRecord {
  id: string;
  time: number;
  /** `proxy` (the headroom_retrieve tool answered in-stream), `mcp`, `cli`, `extension`. */
  via: string;
  /** The request the retrieval served, when known. */
  requestId?: string;
  found: boolean;
  /** Tokens of the text handed back (what the retrieval added to the conversation), when counted. */
  tokens?: number;
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

/**
 * Something the store could not do, told to whoever opened it (the CLI prints it, the proxy passes it on as a proxy
 * warning, the extension writes it to its log). The store itself never writes to stderr.
 */
export type StoreWarning =
  /** A save failed; the store retries later (`retrying`), or it was the last save on close. */
  | { kind: 'save-failed'; message: string; retrying: boolean }
  /** store.sqlite could not be read: it was moved aside (`movedTo`) or will be at the next save. */
  | { kind: 'store-unreadable'; message: string; file: string; movedTo?: string }
  /** Originals of a store written before version 2 could not all be moved out of the database (they stay readable). */
  | { kind: 'migration-failed'; message: string }
  /** Request records could not be written to the log (stats only: nothing else is affected). */
  | { kind: 'record-failed'; message: string };

export interface StoreOptions {
  /** Folder that holds `store.sqlite` (HEADROOM_HOME). */
  dir: string;
  /** Records not read or written for this long expire. Default 7 days. */
  ttlMs?: number;
  /**
   * Size cap of store.sqlite on disk (contents, memos, logs and indexes); least recently used records are evicted
   * past it and freed pages given back before each save. Default 256 MiB.
   */
  maxBytes?: number;
  /** Writes are persisted this long after the last change (debounce). Default 1000 ms. */
  persistDebounceMs?: number;
  /** Clock, for expiry tests. */
  now?: () => number;
  /** Where sql.js finds `sql-wasm.wasm` (next to the bundle in dist/); default: sql.js's own package. */
  wasmPath?: string;
  /**
   * Cap on the database's own live bytes (memos, logs, indexes; originals are files). A save exports the database on
   * the main thread (~1.5 ms per MB): the default, 16 MiB, keeps that under ~25 ms (bench/store-save-stall.ts).
   */
  maxDbBytes?: number;
  /** Where warnings go (see StoreWarning). Default: dropped. */
  onWarning?: (w: StoreWarning) => void;
}

/** The CCR store: exact originals by id, the compression memo, and request/retrieval records. */
export interface CcrStore {
  /**
   * Stores originals under `scope` (scope.ts; none: readable only by the owner). Resolves once each is a file on
   * disk, fsynced: only then may a marker naming it leave the machine. Readers in this process see it at once.
   */
  put(records: readonly CcrRecord[], scope?: Scope): Promise<void>;
  /**
   * Makes originals that an outgoing request's markers name (memo hits included) durable and readable in `scope`.
   * Rejects when one is stored nowhere (the caller must not send its marker).
   */
  share(ids: readonly string[], scope?: Scope): Promise<void>;
  /**
   * The exact original, or undefined when unknown, expired or stored under another scope. Without `scope` the owner
   * reads (the CLI's `headroom retrieve`, the extension, a library caller): every scope. Reading refreshes its
   * LRU/TTL position. Content ids (`hr_` + 16 hex) are verified on every read: a record whose text no longer hashes
   * to its id is discarded and `DamagedRecordError` (verify-content.ts) thrown, never altered text returned.
   */
  get(id: string, scope?: Scope): string | undefined;
  /** True when the conversation `key` carries the headroom_retrieve tool (core/proxy/retrieve-sessions.ts). */
  hasRetrieveSession(key: string): boolean;
  addRetrieveSession(key: string): void;
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

/** A finding an agent stored for later (`headroom_memory_put`), scoped to one workspace. */
export interface MemoryEntry {
  /** Content id of the text: the same finding stored twice in a workspace is one entry. */
  id: string;
  workspace: string;
  /** Epoch milliseconds of the latest put. */
  time: number;
  text: string;
  tags: string[];
  /** Who stored it (e.g. `mcp:claude-code`), when known. */
  agent?: string;
}

export interface MemoryHit extends MemoryEntry {
  /** Distinct query terms the entry matched (0 for a query without terms: newest first). */
  score: number;
}

export interface MemoryInput {
  text: string;
  tags?: readonly string[];
  agent?: string;
}

/** One tool output an agent run received, noted for per-workspace dedup. */
export interface SeenNote {
  workspace: string;
  /** CCR content id of the output (`hr_…`). */
  contentId: string;
  /** One agent process (a `wrap` run, an MCP session, a library client). */
  runId: string;
  agent: string;
  tokens: number;
  time: number;
}

export interface SeenResult {
  /** True when another run in this workspace received the same content earlier. */
  duplicate: boolean;
  /** The earliest run known to have received it (this one when it is new). */
  first: { runId: string; agent: string; time: number };
}

export interface DedupTotals {
  /** Outputs a run received that another run in the workspace had already received. */
  outputs: number;
  tokens: number;
}

/**
 * Shared context across agents working on one workspace: findings (memory) and which tool outputs were already
 * received (dedup). Every method takes the workspace id and reads or writes only that workspace's rows.
 */
export interface SharedContextStore {
  /**
   * Stores a finding (at most MAX_MEMORY_CHARS characters); storing the same text again refreshes it and merges tags.
   */
  memoryPut(workspace: string, input: MemoryInput): MemoryEntry;
  /** Entries matching the query's terms, best first (then newest); an empty query lists the newest. */
  memorySearch(workspace: string, query: string, limit?: number): MemoryHit[];
  memoryCount(workspace: string): number;
  /** Notes that a run received an output; tells whether another run in the workspace had it first. */
  noteSeen(note: SeenNote): SeenResult;
  dedupTotals(workspace: string, sinceTime?: number): DedupTotals;
  /** Merges what other processes saved since this one last read the store file (a stat when nothing changed). */
  refresh(): void;
}

/** What `openStore` returns: the CCR store plus the shared-context tables. */
export type HeadroomStore = CcrStore & SharedContextStore;
