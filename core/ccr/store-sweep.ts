import type { Database, SqlValue, Statement } from 'sql.js';
import type { Statements } from './store-statements.js';
import { row } from './store-db.js';

export interface SweepLimits {
  /** Rows last accessed before this time expire. */
  cutoff: number;
  /** Cap on the sum of CCR content bytes; least recently accessed records go first. */
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
  for (const id of overCap(st, limits.maxBytes)) del(st.delCcr, [id]);
  del(st.orphanMemos, []);
  del(st.orphanMemoRefs, []);
  del(st.trimRequests, [limits.keepLogRows]);
  del(st.trimRetrievals, [limits.keepLogRows]);
  del(st.expireSeen, [limits.cutoff]);
  del(st.trimDedup, [limits.keepLogRows]);
  if (limits.keepMemoryRows !== undefined) del(st.trimMemory, [limits.keepMemoryRows]);
  return removed;
}

/** Least recently accessed ids to evict so that the contents fit under maxBytes. */
function overCap(st: Statements, maxBytes: number): string[] {
  let excess = Number(row(st.totalBytes, [])?.[0] ?? 0) - maxBytes;
  const victims: string[] = [];
  if (excess <= 0) return victims;
  const s = st.lruOrder;
  try {
    while (excess > 0 && s.step()) {
      const [id, bytes] = s.get();
      victims.push(String(id));
      excess -= Number(bytes);
    }
  } finally {
    s.reset();
  }
  return victims;
}
