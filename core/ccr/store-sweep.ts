import type { Database, SqlValue, Statement } from 'sql.js';
import type { Statements } from './store-statements.js';
import { liveBytes, pageStats } from './store-pages.js';
import { row, rows } from './store-db.js';

const CAP_ROUNDS = 4;
/** Past maxDbBytes, memos are evicted down to this share of it. */
const DB_CAP_TARGET = 0.75;

export interface SweepLimits {
  /** Rows last accessed before this time expire. */
  cutoff: number;
  /**
   * Cap on the store file's bytes on disk (its live pages: free ones are given back by store-pages.ts before the
   * save); least recently accessed records go first. Everything counts: contents, memos, logs, indexes.
   */
  maxBytes: number;
  /** Requests and retrievals kept, newest first. */
  keepLogRows: number;
  /** Shared-context memory entries kept, newest first (they do not expire by time: findings stay until pushed out). */
  keepMemoryRows?: number;
  /**
   * Cap on the database's own live bytes (memos, logs, indexes): what a save exports on the main thread. Least
   * recently used memos go first, then the oldest requests. Default: no cap beyond maxBytes.
   */
  maxDbBytes?: number;
}

export interface SweepResult {
  /** Rows deleted. */
  removed: number;
  /** Original files whose rows were deleted: the caller deletes them (after the transaction). */
  files: { name: string; tag: string }[];
}

/**
 * Deletes expired CCR records and memos, evicts least recently used records past the size cap, then deletes every
 * memo that names a record no longer here (a memo must never hand out a marker that cannot be redeemed), and trims
 * the request/retrieval logs. Run inside a transaction. Returns the number of rows deleted.
 */
export function sweepRows(db: Database, st: Statements, limits: SweepLimits): SweepResult {
  let removed = 0;
  const files: { name: string; tag: string }[] = [];
  const del = (s: Statement, params: SqlValue[]): void => {
    s.run(params);
    removed += db.getRowsModified();
  };
  for (const [name, tag] of rows(st.origExpired, [limits.cutoff])) files.push({ name: String(name), tag: String(tag) });
  del(st.origExpire, [limits.cutoff]);
  del(st.expireCcr, [limits.cutoff]);
  del(st.expireMemo, [limits.cutoff]);
  del(st.expireSessions, [limits.cutoff]);
  // On disk: original files (their exact sizes) plus the database's live pages.
  const fileBytes = Number(row(st.origBytes, [])?.[0] ?? 0);
  let excess = fileBytes + liveBytes(pageStats(db)) - limits.maxBytes;
  if (excess > 0) {
    for (const v of leastRecentFiles(st, excess)) {
      del(st.origDel, [v.name, v.tag]);
      files.push(v);
      excess -= v.bytes;
    }
  }
  // Content bytes approximate the pages a legacy record frees; a few rounds absorb the per-page overhead.
  for (let round = 0; round < CAP_ROUNDS && excess > 0; round++) {
    excess = Number(row(st.origBytes, [])?.[0] ?? 0) + liveBytes(pageStats(db)) - limits.maxBytes;
    const victims = excess > 0 ? leastRecentlyUsed(st, excess) : [];
    if (victims.length === 0) break;
    for (const id of victims) del(st.delCcr, [id]);
  }
  if (limits.maxDbBytes !== undefined) capDatabase(db, st, limits.maxDbBytes, del);
  del(st.orphanMemos, []);
  del(st.orphanMemoRefs, []);
  del(st.trimRequests, [limits.keepLogRows]);
  del(st.trimRetrievals, [limits.keepLogRows]);
  del(st.expireSeen, [limits.cutoff]);
  del(st.trimDedup, [limits.keepLogRows]);
  if (limits.keepMemoryRows !== undefined) del(st.trimMemory, [limits.keepMemoryRows]);
  return { removed, files };
}

/**
 * Keeps the database's live bytes under `max` by evicting the least recently used memos (a memo is a cache: its unit
 * is compressed afresh next time, deterministically), then halving the request log. Lengths approximate pages.
 */
function capDatabase(db: Database, st: Statements, max: number, del: (s: Statement, p: SqlValue[]) => void): void {
  if (liveBytes(pageStats(db)) <= max) return;
  // down to DB_CAP_TARGET of the cap, so that evicting (and giving pages back) happens once in a while, not every save
  let excess = liveBytes(pageStats(db)) - max * DB_CAP_TARGET;
  const keys: string[] = [];
  for (const [k, len] of rows(st.memoLru, [])) {
    if (excess <= 0) break;
    keys.push(String(k));
    excess -= Number(len) + 64;
  }
  for (const k of keys) del(st.delMemo, [k]);
  del(st.orphanMemoRefs, []);
  for (let round = 0; round < CAP_ROUNDS && liveBytes(pageStats(db)) > max * DB_CAP_TARGET; round++) {
    const n = Number(row(st.requestTotals, [Number.MIN_SAFE_INTEGER])?.[0] ?? 0);
    if (n < 2) break;
    del(st.trimRequests, [Math.floor(n / 2)]);
  }
}

/** Least recently accessed original files whose sizes add up to at least `bytes`. */
function leastRecentFiles(st: Statements, bytes: number): { name: string; tag: string; bytes: number }[] {
  let excess = bytes;
  const out: { name: string; tag: string; bytes: number }[] = [];
  const s = st.origLru;
  try {
    while (excess > 0 && s.step()) {
      const [name, tag, size] = s.get();
      out.push({ name: String(name), tag: String(tag), bytes: Number(size) });
      excess -= Number(size);
    }
  } finally {
    s.reset();
  }
  return out;
}

/** Least recently accessed ids whose contents add up to at least `bytes`. */
function leastRecentlyUsed(st: Statements, bytes: number): string[] {
  let excess = bytes;
  const victims: string[] = [];
  const s = st.lruOrder;
  try {
    while (excess > 0 && s.step()) {
      const [id, size] = s.get();
      victims.push(String(id));
      excess -= Number(size);
    }
  } finally {
    s.reset();
  }
  return victims;
}
