import type { Database, SqlValue, Statement } from 'sql.js';
import type { Statements } from './store-statements.js';
import { liveBytes, pageStats } from './store-pages.js';

const CAP_ROUNDS = 4;

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
}

/**
 * Deletes expired CCR records and memos, evicts least recently used records past the size cap, then deletes every
 * memo that names a record no longer here (a memo must never hand out a marker that cannot be redeemed), and trims
 * the request/retrieval logs. Run inside a transaction. Returns the number of rows deleted.
 */
export function sweepRows(db: Database, st: Statements, limits: SweepLimits): number {
  let removed = 0;
  const del = (s: Statement, params: SqlValue[]): void => {
    s.run(params);
    removed += db.getRowsModified();
  };
  del(st.expireCcr, [limits.cutoff]);
  del(st.expireMemo, [limits.cutoff]);
  // Content bytes approximate the pages a record frees; a few rounds absorb the per-page overhead.
  for (let round = 0; round < CAP_ROUNDS; round++) {
    const excess = liveBytes(pageStats(db)) - limits.maxBytes;
    const victims = excess > 0 ? leastRecentlyUsed(st, excess) : [];
    if (victims.length === 0) break;
    for (const id of victims) del(st.delCcr, [id]);
  }
  del(st.orphanMemos, []);
  del(st.orphanMemoRefs, []);
  del(st.trimRequests, [limits.keepLogRows]);
  del(st.trimRetrievals, [limits.keepLogRows]);
  del(st.expireSeen, [limits.cutoff]);
  del(st.trimDedup, [limits.keepLogRows]);
  if (limits.keepMemoryRows !== undefined) del(st.trimMemory, [limits.keepMemoryRows]);
  return removed;
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
