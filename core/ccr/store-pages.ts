import type { Database } from 'sql.js';

/**
 * What the store occupies on disk, and giving freed pages back.
 *
 * The saved file is the database's pages, byte for byte (sql.js exports through the backup API), so its size is
 * `pages × pageSize`, free pages included. Deleted rows must leave no text behind:
 * - `secure_delete` (tuneInMemory) zeroes a deleted row's bytes and every page freed, at delete time: a cost
 *   proportional to what is deleted, never a whole-file pass.
 * - `auto_vacuum = INCREMENTAL` lets `incremental_vacuum(n)` move the last pages into free slots and cut the file
 *   short: ~0.2 s for 12,000 pages at 128 MB (bench/store-compaction.ts), where a full VACUUM takes ~1 s.
 * A file written before these settings (auto_vacuum NONE, deleted text possibly still in free space) is rebuilt once
 * by VACUUM at its first save here, which also switches it to INCREMENTAL.
 */
export interface PageStats {
  pageSize: number;
  /** Pages in the file. */
  pages: number;
  /** Of which free (zeroed, reusable). */
  free: number;
}

/**
 * Under the cap, free pages (already zeroed, and reused by the next records) are given back only once they are over
 * this share of the file, all at once: sql.js's in-memory file system copies the whole file when it shrinks
 * (~70 ms at 128 MB whether 1 page or 10,000 go), so giving back a few pages per save would cost a full copy each time.
 */
export const FREE_SHARE = 1 / 4;

const AUTO_VACUUM_INCREMENTAL = 2;

export function pageStats(db: Database): PageStats {
  const [[pageSize], [pages], [free]] = db
    .exec('PRAGMA page_size; PRAGMA page_count; PRAGMA freelist_count')
    .map((r) => r.values[0].map(Number));
  return { pageSize, pages, free };
}

/** Bytes the file would take with every free page given back. */
export function liveBytes(s: PageStats): number {
  return (s.pages - s.free) * s.pageSize;
}

export interface Compaction {
  how: 'none' | 'incremental' | 'rebuild';
  /** Pages the file shrank by. */
  pagesFreed: number;
}

/**
 * Gives every free page back when the file is over `maxBytes` or free pages are over FREE_SHARE of it; a file from
 * before auto-vacuum is rebuilt once. Run outside a transaction.
 */
export function compactPages(db: Database, maxBytes: number): Compaction {
  const before = pageStats(db);
  const mode = Number(db.exec('PRAGMA auto_vacuum')[0]?.values[0]?.[0] ?? 0);
  if (mode !== AUTO_VACUUM_INCREMENTAL) {
    // VACUUM takes the INCREMENTAL that tuneInMemory set, so this happens once per file
    db.exec('PRAGMA auto_vacuum = INCREMENTAL; VACUUM');
    return { how: 'rebuild', pagesFreed: before.pages - pageStats(db).pages };
  }
  const matters = before.pages * before.pageSize > maxBytes || before.free > before.pages * FREE_SHARE;
  if (before.free === 0 || !matters) return { how: 'none', pagesFreed: 0 };
  db.exec('PRAGMA incremental_vacuum');
  return { how: 'incremental', pagesFreed: before.pages - pageStats(db).pages };
}
