import type { Database } from 'sql.js';
import { decodeContent } from './content-codec.js';
import { LOCAL_TAG } from './scope.js';
import { fileNameOf, type OriginalFiles } from './original-files.js';
import { rows } from './store-db.js';
import type { Statements } from './store-statements.js';

/** Legacy rows moved per batch: the database is touched between awaits, never for long. */
const BATCH = 200;
const SESSION_PREFIX = 'retrieve-session:';

/**
 * Stores written before version 2 kept originals inside the database (`ccr.content`) and retrieve sessions as fake
 * memo entries. Originals move to files under the owner-only tag (they were stored before scopes existed, so no
 * session may claim them), each file durable before its row's text is dropped: a crash midway leaves both, and the
 * next open finishes. Until moved, a legacy row is still read where it is (store.ts).
 * Returns how many originals moved.
 */
export async function migrateLegacy(
  db: Database,
  st: Statements,
  files: OriginalFiles,
  transaction: (fn: () => void) => void,
): Promise<number> {
  transaction(() => {
    db.run(
      `INSERT INTO retrieve_sessions(key, time) SELECT substr(key, ?1), accessed FROM memo WHERE key LIKE ?2 || '%'
       ON CONFLICT(key) DO UPDATE SET time = max(time, excluded.time)`,
      [SESSION_PREFIX.length + 1, SESSION_PREFIX],
    );
    db.run(`DELETE FROM memo WHERE key LIKE ? || '%'`, [SESSION_PREFIX]);
  });
  let moved = 0;
  for (;;) {
    const batch = rows(st.legacyContent, [BATCH]);
    if (batch.length === 0) return moved;
    const done: { id: string; bytes: number }[] = [];
    for (const [id, value] of batch) {
      const content = decodeContent(value);
      if (content === undefined) continue;
      done.push({ id: String(id), bytes: await files.write(LOCAL_TAG, fileNameOf(String(id)), content) });
    }
    transaction(() => {
      for (const { id, bytes } of done) {
        const acc = db.exec('SELECT created, accessed FROM ccr WHERE id = ?', [id])[0]?.values[0];
        if (!acc) continue;
        st.origPut.run([fileNameOf(id), LOCAL_TAG, id, bytes, Number(acc[1])]);
        st.delCcr.run([id]);
      }
      // a value that does not decode is not an original anyone can read: drop it with the batch
      for (const [id, value] of batch) if (decodeContent(value) === undefined) st.delCcr.run([id]);
    });
    moved += done.length;
  }
}
