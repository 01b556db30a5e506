/**
 * Stores written before originals were files (schema 1: text inside store.sqlite, retrieve sessions as fake memo
 * entries) open, read and migrate: each original becomes a file (owner-only scope), the database loses the text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSqlJs } from '../../core/ccr/sqljs.js';
import { openFresh } from '../../core/ccr/store-db.js';
import { LOCAL_TAG, sessionScope } from '../../core/ccr/scope.js';
import { contentId } from '../../core/util/hash.js';
import { freshDir, open } from './store-helpers.js';

test(
  'a version-1 store: originals inside the database are read, moved to files, and gone from ' + 'store.sqlite',
  async () => {
    const dir = freshDir();
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const SQL = await loadSqlJs();
    const db = openFresh(SQL);
    const secret = 'LEGACY-ORIGINAL '.repeat(500);
    const id = contentId(secret);
    const now = Date.now();
    db.run(`INSERT INTO ccr(id, bytes, created, accessed, content) VALUES (?, ?, ?, ?, CAST(? AS TEXT))`, [
      id,
      secret.length,
      now,
      now,
      Buffer.from(secret),
    ]);
    db.run(
      `INSERT INTO memo(key, accessed, json) VALUES ('retrieve-session:conv-1', ?, ` +
        `'{"output":"","compressed":false,"kind":"retrieve-session","ccr":[]}')`,
      [now],
    );
    writeFileSync(join(dir, 'store.sqlite'), db.export());
    db.close();

    const s = await open(dir);
    assert.equal(s.get(id), secret, 'the owner reads it (before or after it moved)');
    assert.equal(s.get(id, sessionScope('conv-1')), undefined, 'stored before scopes: no session may claim it');
    assert.equal(s.hasRetrieveSession('conv-1'), true, 'the retrieve session moved to its table');
    await s.close();

    assert.ok(
      readFileSync(join(dir, 'originals', LOCAL_TAG, id))
        .toString('utf8')
        .endsWith(secret),
      'now a file',
    );
    assert.ok(
      !readFileSync(join(dir, 'store.sqlite')).includes('LEGACY-ORIGINAL'),
      'no copy left in the database file',
    );
    const t = await open(dir);
    assert.equal(t.get(id), secret);
    await t.close();
  },
);
