/**
 * `node --import tsx bench/store-compaction.ts [MB…]` (default 32 128): what making deletions leave the disk costs
 * on the main thread (issue 16 item 7, with item 4's save stall in mind). For a store of each size, 100 KB records,
 * the oldest 10 % then 40 % expiring: the sweep (secure_delete zeroes what it deletes), giving pages back
 * (`incremental_vacuum`, only past FREE_SHARE free or the cap), the one-time rebuild of a store file from before
 * (full VACUUM), and the export every save already does. Printed, never asserted.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Database, SqlJsStatic } from 'sql.js';
import { loadSqlJs } from '../core/ccr/sqljs.js';
import { openFresh, tuneInMemory } from '../core/ccr/store-db.js';
import { ensureSchema } from '../core/ccr/store-schema.js';
import { prepareStatements } from '../core/ccr/store-statements.js';
import { sweepRows } from '../core/ccr/store-sweep.js';
import { FREE_SHARE, compactPages, pageStats } from '../core/ccr/store-pages.js';

const RECORD = 100 * 1024;
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const time = <T>(fn: () => T): [T, number] => {
  const t0 = performance.now();
  const r = fn();
  return [r, performance.now() - t0];
};
const mb = (db: Database): string => ((pageStats(db).pages * pageStats(db).pageSize) / 2 ** 20).toFixed(1);

function filled(SQL: SqlJsStatic, megabytes: number, legacy: boolean): Database {
  let db: Database;
  if (legacy) {
    db = new SQL.Database(); // auto_vacuum NONE, as files from before were
    ensureSchema(db);
  } else db = openFresh(SQL);
  tuneInMemory(db);
  const put = db.prepare('INSERT INTO ccr(id, bytes, created, accessed, content) VALUES (?, ?, ?, ?, ?)');
  db.exec('BEGIN');
  const n = Math.round((megabytes * 2 ** 20) / RECORD);
  for (let i = 0; i < n; i++) put.run([`hr_${i}`, RECORD, i, i, `${i} `.repeat(RECORD / 8).padEnd(RECORD, '.')]);
  db.exec('COMMIT');
  put.free();
  return db;
}

function expire(db: Database, share: number, maxBytes: number): number {
  const st = prepareStatements(db);
  const n = Number(db.exec('SELECT count(*) FROM ccr')[0].values[0][0]);
  const cutoff = Number(
    db.exec(`SELECT accessed FROM ccr ORDER BY accessed LIMIT 1 OFFSET ${Math.floor(n * share)}`)[0].values[0][0],
  );
  let removed = 0;
  db.exec('BEGIN');
  removed = sweepRows(db, st, { cutoff, maxBytes, keepLogRows: 50_000 }).removed;
  db.exec('COMMIT');
  for (const s of Object.values(st)) s.free();
  return removed;
}

async function main(): Promise<void> {
  const SQL = await loadSqlJs();
  console.log(
    `# CCR store: deleting for good (load ${loadavg()[0].toFixed(2)}, pages given back past ${FREE_SHARE * 100} % ` +
      `free or the cap)\n`,
  );
  console.log('| store | expired | sweep ms | give back ms (pages) | export ms | file after |');
  console.log('|---|---|---|---|---|---|');
  for (const size of sizes.length ? sizes : [32, 128]) {
    for (const share of [0.1, 0.4]) {
      const db = filled(SQL, size, false);
      const cap = 4 * size * 2 ** 20;
      const [, sweepMs] = time(() => expire(db, share, cap));
      const [c, giveBack] = time(() => compactPages(db, cap));
      const [, exportMs] = time(() => db.export());
      console.log(
        `| ${size} MB | ${share * 100} % | ${sweepMs.toFixed(0)} | ${c.how} ${giveBack.toFixed(0)} (` +
          `${c.pagesFreed}) | ${exportMs.toFixed(0)} | ${mb(db)} MB |`,
      );
      db.close();
    }
    const legacy = filled(SQL, size, true);
    expire(legacy, 0.1, 4 * size * 2 ** 20);
    const [r, rebuildMs] = time(() => compactPages(legacy, 4 * size * 2 ** 20));
    console.log(
      `| ${size} MB, file from before | 10 % | – | one-time ${r.how} ${rebuildMs.toFixed(0)} | – | ${mb(legacy)} MB |`,
    );
    legacy.close();
  }
}

void main();
