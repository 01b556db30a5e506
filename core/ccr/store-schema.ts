import type { Database } from 'sql.js';

export const SCHEMA_VERSION = 2;

/**
 * Tables of store.sqlite. Notes on choices:
 * - ccr keeps `content` as the LAST column: SQLite stores a row's values in column order and spills big values to
 *   overflow pages, so any column after a 1 MB content would need an overflow walk to read. `ccr_lru` covers
 *   (accessed, bytes) so the sweep's size sum and LRU order never touch the content at all.
 * - memo_ref lists the CCR ids a memo's output names (its originalId and markers), so evicting a record can find
 *   and drop every memo that would otherwise hand out a marker nobody can redeem.
 * - requests keep their token sums as columns so totals() needs no JSON parsing.
 * - retrievals carry a random `uid`: two processes' rows merge without duplicates (the natural key may repeat).
 * - orig indexes the originals held as files (original-files.ts): one row per (file name, scope tag), with its id,
 *   bytes on disk and access time. The text is never in the database: `ccr.content` is only read from stores written
 *   before version 2, and moved to files when such a store is opened (store-migrate.ts).
 * - retrieve_sessions lists the conversations that carry the headroom_retrieve tool (they keep it in every request).
 * - memory / seen / dedup are the shared context (core/memory): every row carries its workspace id and every read
 *   filters on it. `seen` keeps the earliest run that received a content per workspace; `dedup` logs later runs.
 */
const DDL = `
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ccr(
  id TEXT PRIMARY KEY, bytes INTEGER NOT NULL, created INTEGER NOT NULL, accessed INTEGER NOT NULL, content TEXT);
CREATE INDEX IF NOT EXISTS ccr_lru ON ccr(accessed, bytes);
CREATE TABLE IF NOT EXISTS orig(
  name TEXT NOT NULL, tag TEXT NOT NULL, id TEXT NOT NULL, bytes INTEGER NOT NULL, created INTEGER NOT NULL,
  accessed INTEGER NOT NULL, PRIMARY KEY(name, tag)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS orig_lru ON orig(accessed, bytes);
CREATE INDEX IF NOT EXISTS orig_id ON orig(id);
CREATE TABLE IF NOT EXISTS retrieve_sessions(key TEXT PRIMARY KEY, time INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS memo(key TEXT PRIMARY KEY, accessed INTEGER NOT NULL, json TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS memo_accessed ON memo(accessed);
CREATE TABLE IF NOT EXISTS memo_ref(key TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY(key, id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS memo_ref_id ON memo_ref(id);
CREATE TABLE IF NOT EXISTS requests(
  id TEXT PRIMARY KEY, time INTEGER NOT NULL, tokens_before INTEGER NOT NULL, tokens_after INTEGER NOT NULL,
  units INTEGER NOT NULL, json TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS requests_time ON requests(time);
CREATE TABLE IF NOT EXISTS retrievals(
  uid TEXT NOT NULL UNIQUE, id TEXT NOT NULL, time INTEGER NOT NULL, via TEXT NOT NULL, request_id TEXT,
  found INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS retrievals_time ON retrievals(time);
CREATE TABLE IF NOT EXISTS memory(
  workspace TEXT NOT NULL, id TEXT NOT NULL, time INTEGER NOT NULL, agent TEXT, tags TEXT NOT NULL, text TEXT NOT NULL,
  PRIMARY KEY(workspace, id));
CREATE INDEX IF NOT EXISTS memory_time ON memory(workspace, time);
CREATE TABLE IF NOT EXISTS seen(
  workspace TEXT NOT NULL, content_id TEXT NOT NULL, run_id TEXT NOT NULL, agent TEXT NOT NULL, time INTEGER NOT NULL,
  last INTEGER NOT NULL, PRIMARY KEY(workspace, content_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS seen_last ON seen(last);
CREATE TABLE IF NOT EXISTS dedup(
  workspace TEXT NOT NULL, content_id TEXT NOT NULL, run_id TEXT NOT NULL, agent TEXT NOT NULL, first_run TEXT NOT NULL,
  first_agent TEXT NOT NULL, tokens INTEGER NOT NULL, time INTEGER NOT NULL,
  PRIMARY KEY(workspace, content_id, run_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS dedup_time ON dedup(workspace, time);
`;

/** Creates missing tables and indexes, and records the schema version. Idempotent. */
export function ensureSchema(db: Database): void {
  db.exec(DDL);
  db.run(`INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', ?)`, [String(SCHEMA_VERSION)]);
}

/**
 * Copies another store's rows (attached as `o`) into ours. Everything is content- or uuid-keyed, so a row both
 * sides have is the same row: keep ours and only take the later access time. Rows are never deleted here: what
 * the other process evicted is evicted here too by the next sweep, under the same rules.
 * Only rows we lack are selected with their content, so merging a large store reads only what is new.
 */
const MERGE = `
INSERT INTO main.ccr(id, bytes, created, accessed, content)
  SELECT id, bytes, created, accessed, content FROM o.ccr WHERE id NOT IN (SELECT id FROM main.ccr);
UPDATE main.ccr AS m SET accessed = oc.accessed FROM o.ccr AS oc WHERE oc.id = m.id AND oc.accessed > m.accessed;
INSERT INTO main.orig(name, tag, id, bytes, created, accessed)
  SELECT name, tag, id, bytes, created, accessed FROM o.orig WHERE true
  ON CONFLICT(name, tag) DO UPDATE SET accessed = excluded.accessed WHERE excluded.accessed > orig.accessed;
INSERT INTO main.retrieve_sessions(key, time) SELECT key, time FROM o.retrieve_sessions WHERE true
  ON CONFLICT(key) DO UPDATE SET time = excluded.time WHERE excluded.time > retrieve_sessions.time;
INSERT INTO main.memo(key, accessed, json)
  SELECT key, accessed, json FROM o.memo WHERE key NOT IN (SELECT key FROM main.memo);
UPDATE main.memo AS m SET accessed = om.accessed FROM o.memo AS om WHERE om.key = m.key AND om.accessed > m.accessed;
INSERT OR IGNORE INTO main.memo_ref(key, id) SELECT key, id FROM o.memo_ref;
INSERT OR IGNORE INTO main.requests(id, time, tokens_before, tokens_after, units, json)
  SELECT id, time, tokens_before, tokens_after, units, json FROM o.requests;
INSERT OR IGNORE INTO main.retrievals(uid, id, time, via, request_id, found)
  SELECT uid, id, time, via, request_id, found FROM o.retrievals;
INSERT INTO main.memory(workspace, id, time, agent, tags, text)
  SELECT workspace, id, time, agent, tags, text FROM o.memory WHERE true
  ON CONFLICT(workspace, id) DO UPDATE SET time = excluded.time, tags = excluded.tags, agent = excluded.agent
  WHERE excluded.time > memory.time;
INSERT INTO main.seen(workspace, content_id, run_id, agent, time, last)
  SELECT workspace, content_id, run_id, agent, time, last FROM o.seen WHERE true
  ON CONFLICT(workspace, content_id) DO UPDATE SET
    run_id = CASE WHEN excluded.time < seen.time THEN excluded.run_id ELSE seen.run_id END,
    agent = CASE WHEN excluded.time < seen.time THEN excluded.agent ELSE seen.agent END,
    time = min(seen.time, excluded.time), last = max(seen.last, excluded.last);
INSERT OR IGNORE INTO main.dedup(workspace, content_id, run_id, agent, first_run, first_agent, tokens, time)
  SELECT workspace, content_id, run_id, agent, first_run, first_agent, tokens, time FROM o.dedup;
`;

/** Merges the database file `attachPath` (a path inside sql.js's in-memory file system) into `db`. */
export function mergeFrom(db: Database, attachPath: string): void {
  db.run('ATTACH ? AS o', [attachPath]);
  try {
    db.exec(`BEGIN; ${MERGE} COMMIT;`);
  } catch (e) {
    try {
      db.exec('ROLLBACK');
    } catch {
      /* no transaction left open */
    }
    throw e;
  } finally {
    db.run('DETACH o');
  }
}
