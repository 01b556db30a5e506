import type { Database, SqlJsStatic, SqlValue, Statement } from 'sql.js';
import { ensureSchema, mergeFrom } from './store-schema.js';
import { acquireLock } from './store-lock.js';
import { readWithStamp, sameStamp, type FileStamp } from './store-file.js';
import { moveAside } from './store-aside.js';
import type { StoreWarning } from './store-types.js';

/**
 * The in-memory database's own journal buys nothing (durability comes from the atomic file write), but a rollback
 * journal in sql.js's memory file system makes every autocommit write ~3.5× slower. MEMORY keeps ROLLBACK working.
 * secure_delete zeroes deleted rows and freed pages, so expired text never reaches the saved file (store-pages.ts).
 * auto_vacuum takes effect at once on a new database and at the next VACUUM on an old one.
 */
export function tuneInMemory(db: Database): void {
  db.exec(
    'PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; ' +
      'PRAGMA secure_delete = ON; PRAGMA auto_vacuum = INCREMENTAL;',
  );
}

/** A new, empty store database (INCREMENTAL auto-vacuum must be set before the first table exists). */
export function openFresh(SQL: SqlJsStatic): Database {
  const db = new SQL.Database();
  db.exec('PRAGMA auto_vacuum = INCREMENTAL');
  ensureSchema(db);
  return db;
}

/**
 * Opens a store file's bytes, or throws when they are not a sound SQLite database. sql.js opens anything lazily,
 * so a truncated file only fails when a missing page is touched; `PRAGMA quick_check` touches every page up front
 * (~15 ms for a 50 MB store).
 */
export function openChecked(SQL: SqlJsStatic, bytes: Uint8Array): Database {
  const db = new SQL.Database(bytes);
  try {
    const verdict = db.exec('PRAGMA quick_check')[0]?.values[0]?.[0];
    if (verdict !== 'ok') throw new Error(`integrity check failed: ${String(verdict)}`);
    ensureSchema(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * Where sql.js keeps a Database inside its in-memory file system. Each Database lives in `/<filename>` there
 * (sql.js has done so since 1.0, though `filename` is not in its typings); ATTACHing that path lets a merge copy
 * rows inside SQLite instead of through JavaScript strings.
 */
export function memfsPath(db: Database): string {
  const name = (db as unknown as { filename?: unknown }).filename;
  if (typeof name !== 'string') throw new Error('sql.js Database has no filename: the store merge needs updating');
  return '/' + name;
}

/**
 * Loads store.sqlite, or moves an unreadable one aside (with a warning) and starts empty. Never throws for a bad file.
 */
export async function loadStoreDb(
  SQL: SqlJsStatic,
  file: string,
  lockFile: string,
  warn: (w: StoreWarning) => void,
): Promise<{ db: Database; stamp?: FileStamp }> {
  const first = readWithStamp(file);
  if (!first) return { db: openFresh(SQL) };
  try {
    return { db: openChecked(SQL, first.bytes), stamp: first.stamp };
  } catch {
    // Move it aside under the lock: a writer may have just renamed a good file over the one we read.
    let lock;
    try {
      lock = await acquireLock(lockFile);
    } catch (e) {
      warn({
        kind: 'store-unreadable',
        file,
        message:
          `store ${file} is unreadable and the lock is busy (${errMsg(e)}); starting empty; the next save ` +
          `moves it aside`,
      });
      return { db: openFresh(SQL) };
    }
    try {
      const again = readWithStamp(file);
      if (!again) return { db: openFresh(SQL) };
      try {
        return { db: openChecked(SQL, again.bytes), stamp: again.stamp };
      } catch (e) {
        const aside = moveAside(file);
        warn({
          kind: 'store-unreadable',
          file,
          movedTo: aside,
          message: `store ${file} is unreadable (${errMsg(e)}); moved it to ${aside} and started an empty store`,
        });
        return { db: openFresh(SQL) };
      }
    } finally {
      lock.release();
    }
  }
}

export type MergeResult =
  | { outcome: 'merged' | 'unchanged'; stamp: FileStamp | undefined }
  | { outcome: 'unreadable'; reason: string };

/** Reads the store file and, if it is not the version `seen`, merges its rows into `db` (see mergeFrom). */
export function mergeStoreFile(SQL: SqlJsStatic, db: Database, file: string, seen: FileStamp | undefined): MergeResult {
  const disk = readWithStamp(file);
  if (!disk) return { outcome: 'unchanged', stamp: undefined };
  if (sameStamp(disk.stamp, seen)) return { outcome: 'unchanged', stamp: seen };
  let other: Database | undefined;
  try {
    other = openChecked(SQL, disk.bytes);
    mergeFrom(db, memfsPath(other));
  } catch (e) {
    return { outcome: 'unreadable', reason: errMsg(e) };
  } finally {
    other?.close();
  }
  return { outcome: 'merged', stamp: disk.stamp };
}

/** First row of a prepared query, or undefined; always leaves the statement reset. */
export function row(s: Statement, params: SqlValue[]): SqlValue[] | undefined {
  s.bind(params);
  try {
    return s.step() ? s.get() : undefined;
  } finally {
    s.reset();
  }
}

export function rows(s: Statement, params: SqlValue[]): SqlValue[][] {
  s.bind(params);
  const out: SqlValue[][] = [];
  try {
    while (s.step()) out.push(s.get());
  } finally {
    s.reset();
  }
  return out;
}

export function errMsg(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
