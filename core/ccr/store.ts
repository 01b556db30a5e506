/**
 * The CCR store: originals as files, everything else on sql.js (SQLite compiled to wasm, in memory).
 *
 * Originals (the exact text behind each marker) are content-addressed files under `<dir>/originals/<scope tag>/`
 * (original-files.ts, originals.ts), each written, fsynced and renamed before put() resolves: the proxy forwards a
 * marker only once its original is durable, and a kill -9 loses none. The database holds only their index (scope,
 * bytes, access time), the memo, the request/retrieval logs, retrieve sessions and the shared context, capped at
 * maxDbBytes so that exporting it never stalls the main thread for long (bench/store-save-stall.ts).
 *
 * Each process holds the database in memory and persists it as one file, `<dir>/store.sqlite`: export → write
 * `store.sqlite.tmp-<pid>-<n>` → fsync → rename over store.sqlite. A crash at any point leaves the old file or the
 * new one, never a torn one. Persisting is debounced after changes (timer unref'd: it never keeps a CLI alive), and
 * done on flush() and close().
 *
 * Several processes share the folder (the CLI, the proxy in VS Code, an MCP server): single writer at a time via
 * lock file; last-writer merges. To persist, a process takes `store.lock` (see store-lock.ts), re-reads
 * store.sqlite if it changed since this process last read or wrote it, merges the other process's rows into its own
 * (every row is content- or uuid-keyed, so a merge is a union and the later access time wins), sweeps, gives freed
 * pages back when it matters (store-pages.ts: deleted text is zeroed at once, the file stays under maxBytes on disk),
 * exports, renames, and releases the lock. Old `.corrupt-*` copies are pruned there too (store-aside.ts). Index rows
 * another process evicted stay in our copy until our own sweep evicts them, but its deletion of a file travels at
 * once: a read, a memo check or a share() finds the file gone and treats the original as gone. Another process's
 * new original is readable here as soon as its put() resolves (the file is found by id).
 *
 * One job per module over the one database: originals.ts (originals), store-memo.ts (memo), store-log.ts (request
 * and retrieval logs, totals, retrieve sessions), store-shared.ts (shared context); this file owns the database,
 * access-time batching, sweeping and saving. Warnings go to options.onWarning as typed StoreWarnings.
 *
 * Reads refresh access times in batches (pending touches, applied before sweeps and persists). Touch-only changes
 * persist lazily (TOUCH_PERSIST_MS, or at the next real write / flush / close), so reading never costs a full
 * write of the store per call.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import type { CcrRecord } from '../types.js';
import type {
  DedupTotals,
  HeadroomStore,
  MemoEntry,
  MemoryEntry,
  MemoryHit,
  MemoryInput,
  RequestRecord,
  RetrievalRecord,
  SeenNote,
  SeenResult,
  StoreOptions,
  StoreTotals,
  StoreWarning,
} from './store-types.js';
import type { Scope } from './scope.js';
import { OriginalFiles } from './original-files.js';
import { Originals } from './originals.js';
import { migrateLegacy } from './store-migrate.js';
import { MemoTable } from './store-memo.js';
import * as log from './store-log.js';
import { loadSqlJs } from './sqljs.js';
import { decodeContent } from './content-codec.js';
import { DamagedRecordError, matchesId } from './verify-content.js';
import { acquireLock } from './store-lock.js';
import { removeLeftoverTemps, sameStamp, statStamp, writeAtomic, type FileStamp } from './store-file.js';
import { moveAside, pruneAside } from './store-aside.js';
import { compactPages } from './store-pages.js';
import { errMsg, loadStoreDb, mergeStoreFile, row, tuneInMemory } from './store-db.js';
import { sweepRows } from './store-sweep.js';
import { PersistScheduler } from './persist-scheduler.js';
import { prepareStatements, type Statements } from './store-statements.js';
import * as shared from './store-shared.js';

const DAY_MS = 86_400_000;
const DEFAULT_TTL_MS = 7 * DAY_MS;
// The cap is on bytes on disk: original files plus store.sqlite (store-sweep.ts, store-pages.ts).
const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
// The database is exported whole on each save (~1.5 ms per MB on the main thread): kept small.
const DEFAULT_MAX_DB_BYTES = 16 * 1024 * 1024;
const DEFAULT_DEBOUNCE_MS = 1000;
/** Requests and retrievals kept (newest first). */
const KEEP_LOG_ROWS = 50_000;
/** Access-time refreshes alone are persisted at most this late. */
const TOUCH_PERSIST_MS = 60_000;
/** Pending touches applied in one transaction once this many accumulate. */
const TOUCH_BATCH = 5_000;
/** Request records are inserted in batches: at this many, or this long after the first (core/ccr/store.ts). */
const REQUEST_BATCH = 64;
const REQUEST_BATCH_MS = 250;
/** Temp files of writers that crashed are removed once this old (or at once when their pid is gone). */
const LEFTOVER_TEMP_MS = 60_000;

/** Opens (or creates) the store in `options.dir`. Never fails on an unreadable store file: it is moved aside. */
export async function openStore(options: StoreOptions): Promise<HeadroomStore> {
  const SQL = await loadSqlJs(options.wasmPath);
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const file = join(options.dir, 'store.sqlite');
  const lockFile = join(options.dir, 'store.lock');
  const warn = options.onWarning ?? (() => undefined);
  const { db, stamp } = await loadStoreDb(SQL, file, lockFile, warn);
  const store = new SqlJsStore(SQL, db, stamp, file, lockFile, options, warn);
  store.sweep();
  store.startHousekeeping();
  return store;
}

class SqlJsStore implements HeadroomStore {
  private readonly ttlMs: number;
  private readonly maxBytes: number;
  private readonly now: () => number;
  private readonly st: Statements;
  /** The on-disk version whose rows our memory already includes (undefined: none / no file). */
  private stamp: FileStamp | undefined;
  private changes = 0;
  private savedChanges = 0;
  private touches = 0;
  private savedTouches = 0;
  private readonly ccrTouches = new Map<string, number>();
  /** Access-time refreshes of original files, keyed `<tag>\0<name>`. */
  private readonly origTouches = new Map<string, number>();
  /** Access-time refreshes of every copy of an original (memo hits), keyed by file name. */
  private readonly nameTouches = new Map<string, number>();
  /** Request records not inserted yet (recordRequest). */
  private readonly queuedRequests: RequestRecord[] = [];
  private requestTimer: NodeJS.Timeout | undefined;
  private readonly maxDbBytes: number;
  private readonly files: OriginalFiles;
  private readonly originals: Originals;
  /** Migration of a version-1 store and indexing of unindexed files, started after open. */
  private housekeeping: Promise<void> = Promise.resolve();
  private readonly memoTouches = new Map<string, number>();
  private readonly memo: MemoTable;
  private readonly scheduler: PersistScheduler;
  /** True while our own write is in flight under the lock: the disk holds nothing we lack. */
  private writing = false;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly SQL: SqlJsStatic,
    private readonly db: Database,
    stamp: FileStamp | undefined,
    private readonly file: string,
    private readonly lockFile: string,
    options: StoreOptions,
    private readonly warn: (w: StoreWarning) => void,
  ) {
    this.stamp = stamp;
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.maxDbBytes = options.maxDbBytes ?? DEFAULT_MAX_DB_BYTES;
    this.now = options.now ?? Date.now;
    tuneInMemory(db);
    this.st = prepareStatements(db);
    this.files = new OriginalFiles(options.dir);
    const touchKey = (name: string, tag: string) => `${tag}\0${name}`;
    this.originals = new Originals({
      st: this.st,
      files: this.files,
      now: this.now,
      ttlMs: this.ttlMs,
      changed: () => this.changed(true),
      touched: (name, tag) => this.touch(this.origTouches, touchKey(name, tag)),
      touchedName: (name) => this.touch(this.nameTouches, name),
      touchedAt: (name, tag) => {
        const own = this.origTouches.get(touchKey(name, tag));
        const all = this.nameTouches.get(name);
        return own === undefined ? all : all === undefined ? own : Math.max(own, all);
      },
    });
    this.memo = new MemoTable({
      st: this.st,
      now: this.now,
      ttlMs: this.ttlMs,
      transaction: (fn) => this.transaction(fn),
      alive: (id) => this.alive(id),
      touchRecord: (id) => this.touchRecord(id),
      touches: this.memoTouches,
      touched: (key) => this.touch(this.memoTouches, key),
      changed: () => this.changed(true),
    });
    this.scheduler = new PersistScheduler(
      () => this.persist(),
      (e) =>
        this.warn({
          kind: 'save-failed',
          retrying: true,
          message: `could not save the store (will retry): ${errMsg(e)}`,
        }),
      options.persistDebounceMs ?? DEFAULT_DEBOUNCE_MS,
      TOUCH_PERSIST_MS,
    );
  }

  /** Moves a version-1 store's originals to files and indexes files a killed process left unindexed. */
  startHousekeeping(): void {
    this.housekeeping = (async () => {
      try {
        if (await migrateLegacy(this.db, this.st, this.files, (fn) => this.transaction(fn))) this.changed(true);
      } catch (e) {
        this.warn({
          kind: 'migration-failed',
          message: `could not move the store's originals to files (they stay readable): ${errMsg(e)}`,
        });
      }
      try {
        await this.originals.reconcile(LEFTOVER_TEMP_MS);
      } catch {
        /* the next open tries again; reads find such files anyway */
      }
    })();
  }

  put(records: readonly CcrRecord[], scope?: Scope): Promise<void> {
    this.assertOpen();
    if (records.length === 0) return Promise.resolve();
    return this.originals.put(records, scope);
  }

  share(ids: readonly string[], scope?: Scope): Promise<void> {
    this.assertOpen();
    if (ids.length === 0) return Promise.resolve();
    return this.originals.share(ids, scope).catch((e: unknown) => {
      this.memo.clearCache(); // a memo naming a lost original must miss from now on
      throw e;
    });
  }

  get(id: string, scope?: Scope): string | undefined {
    this.assertOpen();
    const owner = scope === undefined;
    return this.originals.get(id, scope, owner) ?? (owner ? this.legacyLookup(id) : undefined);
  }

  hasRetrieveSession(key: string): boolean {
    this.assertOpen();
    return log.hasRetrieveSession(this.st, key, this.now(), this.ttlMs);
  }

  addRetrieveSession(key: string): void {
    this.assertOpen();
    log.addRetrieveSession(this.st, key, this.now());
    this.changed(true);
  }

  getMemo(key: string): MemoEntry | undefined {
    this.assertOpen();
    return this.memo.get(key);
  }

  putMemo(key: string, entry: MemoEntry): void {
    this.assertOpen();
    this.memo.put(key, entry);
  }

  /**
   * Queues the record; queued records are inserted together, in one transaction (an insert of its own costs the
   * proxy ~0.1–0.2 ms per request), within REQUEST_BATCH_MS, and before anything reads the log, sweeps or saves.
   */
  recordRequest(rec: RequestRecord): void {
    this.assertOpen();
    this.queuedRequests.push(rec);
    if (this.queuedRequests.length >= REQUEST_BATCH) this.insertRequests();
    else this.requestTimer ??= setTimeout(() => this.insertRequests(), REQUEST_BATCH_MS).unref();
    this.changed(true);
  }

  recordRetrieval(rec: RetrievalRecord): void {
    this.assertOpen();
    log.recordRetrieval(this.st, rec);
    this.changed(true);
  }

  recentRequests(limit: number, beforeTime?: number): RequestRecord[] {
    this.assertOpen();
    this.insertRequests();
    return log.recentRequests(this.st, limit, beforeTime);
  }

  recentRetrievals(limit: number): RetrievalRecord[] {
    this.assertOpen();
    return log.recentRetrievals(this.st, limit);
  }

  totals(sinceTime?: number): StoreTotals {
    this.assertOpen();
    this.insertRequests();
    return log.totals(this.st, sinceTime);
  }

  // ---- shared context (store-shared.ts) ----

  memoryPut(workspace: string, input: MemoryInput): MemoryEntry {
    this.assertOpen();
    const entry = shared.memoryPut(this.st, workspace, input, this.now());
    this.changed(true);
    return entry;
  }

  memorySearch(workspace: string, query: string, limit?: number): MemoryHit[] {
    this.assertOpen();
    this.refreshFromDisk();
    return shared.memorySearch(this.db, this.st, workspace, query, limit);
  }

  memoryCount(workspace: string): number {
    this.assertOpen();
    return shared.memoryCount(this.st, workspace);
  }

  noteSeen(note: SeenNote): SeenResult {
    this.assertOpen();
    // another agent's process may have noted it moments ago
    this.refreshFromDisk();
    const r = shared.noteSeen(this.st, note);
    this.changed(true);
    return r;
  }

  dedupTotals(workspace: string, sinceTime?: number): DedupTotals {
    this.assertOpen();
    return shared.dedupTotals(this.st, workspace, sinceTime);
  }

  refresh(): void {
    this.assertOpen();
    this.refreshFromDisk();
  }

  sweep(): void {
    this.assertOpen();
    if (this.sweepNow() > 0) this.changed(true);
  }

  flush(): Promise<void> {
    this.assertOpen();
    return this.scheduler.run();
  }

  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.insertRequests();
    this.scheduler.stop();
    const last = Promise.all([this.housekeeping, this.originals.idle()])
      .then(() => this.scheduler.run())
      .finally(() => this.originals.idle()); // files the last sweep deleted
    // Closing always frees the database; a failed last save is reported, not thrown at a caller that is done.
    this.closing = last
      .catch((e: unknown) =>
        this.warn({ kind: 'save-failed', retrying: false, message: `could not save the store on close: ${errMsg(e)}` }),
      )
      .finally(() => {
        for (const s of Object.values(this.st)) s.free();
        this.db.close();
      });
    return this.closing;
  }

  // ---- reads ----

  /** An original still inside the database (a version-1 store not yet migrated): the owner reads it. */
  private legacyLookup(id: string): string | undefined {
    const r = row(this.st.getCcr, [id]);
    if (!r || this.expired(r[1], this.ccrTouches.get(id))) return undefined;
    const content = decodeContent(r[0]);
    if (content === undefined) return undefined;
    if (!matchesId(id, content)) this.discardDamaged(id);
    this.touch(this.ccrTouches, id);
    return content;
  }

  /**
   * Drops a record whose content fails its hash and throws. Dropping it lets the memo miss (the sweep's orphan rule,
   * and the cache cleared here), so the next request carrying that text compresses it afresh and stores a sound copy
   * (a put of an id we already hold only moves its access time). Another process's copy of the file may bring the
   * row back by a merge; every read checks again.
   */
  private discardDamaged(id: string): never {
    this.st.delCcr.run([id]);
    this.ccrTouches.delete(id);
    this.memo.clearCache();
    this.changed(true);
    throw new DamagedRecordError(id, this.file);
  }

  private alive(id: string): boolean {
    if (this.originals.alive(id)) return true;
    const r = row(this.st.ccrAccessed, [id]);
    return r !== undefined && !this.expired(r[0], this.ccrTouches.get(id));
  }

  private expired(accessed: SqlValue, touched: number | undefined): boolean {
    return this.now() - Math.max(Number(accessed), touched ?? 0) > this.ttlMs;
  }

  private touchRecord(id: string): void {
    this.originals.touchId(id);
    this.touch(this.ccrTouches, id);
  }

  private touch(map: Map<string, number>, key: string): void {
    map.set(key, this.now());
    this.changed(false);
    const pending = this.ccrTouches.size + this.memoTouches.size + this.origTouches.size + this.nameTouches.size;
    if (pending >= TOUCH_BATCH) this.applyTouches();
  }

  private applyTouches(): void {
    const none = (m: Map<string, number>) => m.size === 0;
    if (none(this.ccrTouches) && none(this.memoTouches) && none(this.origTouches) && none(this.nameTouches)) return;
    this.transaction(() => {
      for (const [id, t] of this.ccrTouches) this.st.touchCcr.run([id, t]);
      for (const [key, t] of this.memoTouches) this.st.touchMemo.run([key, t]);
      for (const [k, t] of this.origTouches) {
        const cut = k.indexOf('\0');
        this.st.origTouch.run([k.slice(cut + 1), k.slice(0, cut), t]);
      }
      for (const [name, t] of this.nameTouches) this.st.origTouchName.run([name, t]);
    });
    this.ccrTouches.clear();
    this.memoTouches.clear();
    this.origTouches.clear();
    this.nameTouches.clear();
  }

  /** Merges store.sqlite into memory if another process replaced it since we last saw it. */
  private refreshFromDisk(): boolean {
    if (this.writing) return false;
    let current: FileStamp | undefined;
    try {
      current = statStamp(this.file);
    } catch {
      return false;
    }
    return current !== undefined && !sameStamp(current, this.stamp) && this.mergeDisk(false);
  }

  /**
   * Merges store.sqlite into ours if it is a version we have not seen. Returns true when something was merged.
   * An unreadable file is moved aside only under the lock (we are about to replace it); otherwise it is skipped.
   */
  private mergeDisk(underLock: boolean): boolean {
    const r = mergeStoreFile(this.SQL, this.db, this.file, this.stamp);
    this.originals.forgetIndexed();
    if (r.outcome === 'unreadable') {
      if (!underLock) return false;
      const aside = moveAside(this.file);
      this.warn({
        kind: 'store-unreadable',
        file: this.file,
        movedTo: aside,
        message: `store ${this.file} was unreadable (${r.reason}); moved it to ${aside}, saving ours in its place`,
      });
      this.stamp = undefined;
      return false;
    }
    this.stamp = r.stamp;
    return r.outcome === 'merged';
  }

  // ---- sweeping ----

  /** Applies pending touches, then sweeps. Returns rows deleted. */
  private sweepNow(): number {
    this.insertRequests(); // the log's row cap counts them
    this.memo.clearCache();
    this.applyTouches();
    let result = { removed: 0, files: [] as { name: string; tag: string }[] };
    this.transaction(() => {
      result = sweepRows(this.db, this.st, {
        cutoff: this.now() - this.ttlMs,
        maxBytes: this.maxBytes,
        maxDbBytes: this.maxDbBytes,
        keepLogRows: KEEP_LOG_ROWS,
        keepMemoryRows: shared.KEEP_MEMORY_ROWS,
      });
    });
    this.originals.removeFiles(result.files);
    this.originals.forgetIndexed();
    return result.removed;
  }

  // ---- persisting ----

  /** Inserts the queued request records in one transaction. */
  private insertRequests(): void {
    if (this.requestTimer) clearTimeout(this.requestTimer);
    this.requestTimer = undefined;
    if (this.queuedRequests.length === 0) return;
    const batch = this.queuedRequests.splice(0);
    try {
      this.transaction(() => {
        for (const rec of batch) log.recordRequest(this.st, rec);
      });
    } catch (e) {
      this.warn({ kind: 'record-failed', message: `could not record ${batch.length} request(s): ${errMsg(e)}` });
    }
  }

  private changed(hard: boolean): void {
    if (hard) this.changes++;
    else this.touches++;
    // while closing, the last save (after writes in flight) picks these up
    if (!this.closing) this.scheduler.changed(hard);
  }

  private async persist(): Promise<void> {
    this.applyTouches();
    if (this.changes === this.savedChanges && this.touches === this.savedTouches) return;
    const lock = await acquireLock(this.lockFile);
    try {
      removeLeftoverTemps(this.file, LEFTOVER_TEMP_MS);
      pruneAside(this.file, this.ttlMs, this.now());
      this.mergeDisk(true);
      this.sweepNow();
      compactPages(this.db, this.maxBytes);
      const marks = [this.changes, this.touches] as const;
      this.scheduler.snapshotTaken();
      const bytes = this.db.export();
      this.writing = true;
      this.stamp = await writeAtomic(this.file, bytes, () => lock.held());
      [this.savedChanges, this.savedTouches] = marks;
    } finally {
      this.writing = false;
      lock.release();
    }
  }

  private transaction(fn: () => void): void {
    this.db.exec('BEGIN');
    try {
      fn();
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('the CCR store is closed');
  }
}
