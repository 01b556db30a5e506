import type { Database, Statement } from 'sql.js';

/** Every statement the store runs more than once, prepared once per database. */
const SQL = {
  // Ids are content hashes: an existing id already holds this content, so only its access time moves.
  putText: `INSERT INTO ccr(id, bytes, created, accessed, content) VALUES (?1, ?2, ?3, ?3, CAST(?4 AS TEXT))
            ON CONFLICT(id) DO UPDATE SET accessed = max(accessed, excluded.accessed)`,
  putBlob: `INSERT INTO ccr(id, bytes, created, accessed, content) VALUES (?1, ?2, ?3, ?3, ?4)
            ON CONFLICT(id) DO UPDATE SET accessed = max(accessed, excluded.accessed)`,
  getCcr: `SELECT content, accessed FROM ccr WHERE id = ?`,
  ccrAccessed: `SELECT accessed FROM ccr WHERE id = ?`,
  touchCcr: `UPDATE ccr SET accessed = ?2 WHERE id = ?1 AND accessed < ?2`,
  delCcr: `DELETE FROM ccr WHERE id = ?`,
  // Originals as files (originals.ts): the index only.
  origGet: `SELECT accessed FROM orig WHERE name = ? AND tag = ?`,
  origTags: `SELECT tag, accessed FROM orig WHERE name = ? ORDER BY accessed DESC`,
  origPut: `INSERT INTO orig(name, tag, id, bytes, created, accessed) VALUES (?1, ?2, ?3, ?4, ?5, ?5)
            ON CONFLICT(name, tag) DO UPDATE SET accessed = max(accessed, excluded.accessed), bytes = excluded.bytes`,
  origTouch: `UPDATE orig SET accessed = ?3 WHERE name = ?1 AND tag = ?2 AND accessed < ?3`,
  origTouchName: `UPDATE orig SET accessed = ?2 WHERE name = ?1 AND accessed < ?2`,
  origDel: `DELETE FROM orig WHERE name = ? AND tag = ?`,
  origAlive: `SELECT max(accessed) FROM orig WHERE id = ?`,
  origAliveTag: `SELECT tag FROM orig WHERE id = ? ORDER BY accessed DESC LIMIT 1`,
  origExpired: `SELECT name, tag FROM orig WHERE accessed < ?`,
  origExpire: `DELETE FROM orig WHERE accessed < ?`,
  origLru: `SELECT name, tag, bytes FROM orig ORDER BY accessed`,
  origBytes: `SELECT total(bytes) FROM orig`,
  legacyContent: `SELECT id, content FROM ccr WHERE content IS NOT NULL LIMIT ?`,
  getSession: `SELECT time FROM retrieve_sessions WHERE key = ?`,
  putSession:
    `INSERT INTO retrieve_sessions(key, time) VALUES (?1, ?2) ` +
    `ON CONFLICT(key) DO UPDATE SET time = max(time, excluded.time)`,
  expireSessions: `DELETE FROM retrieve_sessions WHERE time < ?`,
  getMemo: `SELECT json, accessed FROM memo WHERE key = ?`,
  putMemo: `INSERT OR REPLACE INTO memo(key, accessed, json) VALUES (?, ?, ?)`,
  delMemoRefs: `DELETE FROM memo_ref WHERE key = ?`,
  putMemoRef: `INSERT OR IGNORE INTO memo_ref(key, id) VALUES (?, ?)`,
  touchMemo: `UPDATE memo SET accessed = ?2 WHERE key = ?1 AND accessed < ?2`,
  putRequest:
    `INSERT OR REPLACE INTO requests(id, time, tokens_before, tokens_after, units, json) ` +
    `VALUES (?, ?, ?, ?, ?, ?)`,
  putRetrieval: `INSERT INTO retrievals(uid, id, time, via, request_id, found) VALUES (?, ?, ?, ?, ?, ?)`,
  recentRequests: `SELECT json FROM requests WHERE time < ? ORDER BY time DESC LIMIT ?`,
  recentRetrievals: `SELECT id, time, via, request_id, found FROM retrievals ORDER BY time DESC, rowid DESC LIMIT ?`,
  requestTotals:
    `SELECT count(*), total(tokens_before), total(tokens_after), total(units) ` + `FROM requests WHERE time >= ?`,
  retrievalCount: `SELECT count(*) FROM retrievals WHERE time >= ?`,
  // Shared context (store-shared.ts).
  getMemoryEntry: `SELECT time, agent, tags, text FROM memory WHERE workspace = ? AND id = ?`,
  putMemoryEntry: `INSERT OR REPLACE INTO memory(workspace, id, time, agent, tags, text) VALUES (?, ?, ?, ?, ?, ?)`,
  recentMemory: `SELECT id, time, agent, tags, text FROM memory WHERE workspace = ? ORDER BY time DESC, id LIMIT ?`,
  memoryCount: `SELECT count(*) FROM memory WHERE workspace = ?`,
  getSeen: `SELECT run_id, agent, time FROM seen WHERE workspace = ? AND content_id = ?`,
  putSeen: `INSERT INTO seen(workspace, content_id, run_id, agent, time, last) VALUES (?1, ?2, ?3, ?4, ?5, ?5)
            ON CONFLICT(workspace, content_id) DO UPDATE SET last = max(last, excluded.last)`,
  putDedup: `INSERT OR IGNORE INTO dedup(workspace, content_id, run_id, agent, first_run, first_agent, tokens, time)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  dedupTotals: `SELECT count(*), total(tokens) FROM dedup WHERE workspace = ? AND time >= ?`,
  // Sweep.
  expireCcr: `DELETE FROM ccr WHERE accessed < ?`,
  expireMemo: `DELETE FROM memo WHERE accessed < ?`,
  lruOrder: `SELECT id, bytes FROM ccr ORDER BY accessed`,
  orphanMemos: `DELETE FROM memo WHERE key IN (SELECT key FROM memo_ref
                 WHERE id NOT IN (SELECT id FROM ccr) AND id NOT IN (SELECT id FROM orig))`,
  memoLru: `SELECT key, length(json) FROM memo ORDER BY accessed`,
  delMemo: `DELETE FROM memo WHERE key = ?`,
  orphanMemoRefs: `DELETE FROM memo_ref WHERE key NOT IN (SELECT key FROM memo)`,
  trimRequests: `DELETE FROM requests WHERE id IN (SELECT id FROM requests ORDER BY time DESC LIMIT -1 OFFSET ?)`,
  trimRetrievals:
    `DELETE FROM retrievals WHERE rowid IN ` + `(SELECT rowid FROM retrievals ORDER BY time DESC LIMIT -1 OFFSET ?)`,
  expireSeen: `DELETE FROM seen WHERE last < ?`,
  trimDedup: `DELETE FROM dedup WHERE time < (SELECT time FROM dedup ORDER BY time DESC LIMIT 1 OFFSET ?)`,
  trimMemory: `DELETE FROM memory WHERE rowid IN (SELECT rowid FROM memory ORDER BY time DESC LIMIT -1 OFFSET ?)`,
} as const;

export type Statements = { readonly [K in keyof typeof SQL]: Statement };

export function prepareStatements(db: Database): Statements {
  const out: Partial<Record<keyof typeof SQL, Statement>> = {};
  for (const [name, sql] of Object.entries(SQL) as [keyof typeof SQL, string][]) out[name] = db.prepare(sql);
  return out as Statements;
}
