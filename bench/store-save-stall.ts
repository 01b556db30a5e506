/**
 * `node --import tsx bench/store-save-stall.ts [MB…]` (default 50 150 250): the longest main-thread stall while the
 * store saves, at each store size (issue 16 item 4: ~2 s at 148 MB when the whole database, originals included, was
 * exported on the main thread). For each size: a fresh store filled with 100 KB originals (distinct text) plus one
 * memo entry per original (a ~10 KB compressed output) and a request record, then five rounds of "one more request's
 * writes + flush()", with perf_hooks' monitorEventLoopDelay watching. Before each measured save a second store on the
 * same folder (as the CLI or an MCP server would be) saves too, so the measured save merges its file first — the
 * path that read, checked and merged the whole database on the main thread. Printed, never asserted.
 *
 * `AT_CAP=1` sets maxBytes to the size and writes 10 % past it, so every save also evicts and gives pages back.
 * `STORE_MODULE=/abs/path/core/ccr/store.ts` runs the same load against another checkout (e.g. main, for "before").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createHash } from 'node:crypto';

const RECORD = 100 * 1024;
const MEMO = 10 * 1024;
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);

interface AnyStore {
  put(records: { id: string; content: string }[], scope?: string): unknown;
  putMemo(
    key: string,
    entry: { output: string; compressed: boolean; kind: string; ccr: string[]; originalId?: string },
  ): void;
  recordRequest(rec: unknown): void;
  flush(): Promise<void>;
  close(): Promise<void>;
}

const idOf = (s: string) => 'hr_' + createHash('sha256').update(s, 'utf8').digest('hex').slice(0, 16);
function text(seed: number, bytes: number): string {
  const line = (i: number) => `${seed}:${i} ${createHash('md5').update(`${seed}/${i}`).digest('hex')} status=ok\n`;
  let out = '';
  for (let i = 0; out.length < bytes; i++) out += line(i);
  return out.slice(0, bytes);
}

async function one(megabytes: number): Promise<void> {
  const mod = (await import(process.env.STORE_MODULE ?? '../core/ccr/store.js')) as {
    openStore(o: object): Promise<AnyStore>;
  };
  const dir = mkdtempSync(join(tmpdir(), 'hr-stall-'));
  const atCap = process.env.AT_CAP === '1';
  const maxBytes = (atCap ? 1 : 2) * megabytes * 2 ** 20;
  const store = await mod.openStore({ dir, maxBytes, persistDebounceMs: 3_600_000 });
  const n = Math.round(((atCap ? 1.1 : 1) * megabytes * 2 ** 20) / (RECORD + MEMO));
  let seq = 0;
  const writeOne = async () => {
    const i = seq++;
    const content = text(i, RECORD);
    const id = idOf(content);
    await store.put([{ id, content }], 'session:bench');
    store.putMemo(`v1:${id}`, { output: text(-i - 1, MEMO), compressed: true, kind: 'log', ccr: [], originalId: id });
    store.recordRequest({
      id: `r${i}`,
      time: Date.now(),
      provider: 'anthropic',
      tokensBefore: 1000,
      tokensAfter: 100,
      compressMs: 1,
      units: [{ path: 'messages.1.content', kind: 'log', tokensBefore: 1000, tokensAfter: 100, originalId: id }],
    });
  };
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await writeOne();
  await store.flush();
  const fillS = (performance.now() - t0) / 1000;
  const other = await mod.openStore({ dir, maxBytes, persistDebounceMs: 3_600_000 });
  const h = monitorEventLoopDelay({ resolution: 1 });
  const stalls: number[] = [];
  const saves: number[] = [];
  for (let round = 0; round < 5; round++) {
    await writeOne();
    const note = text(1e6 + round, 2000);
    await other.put([{ id: idOf(note), content: note }]);
    await other.flush();
    h.reset();
    h.enable();
    const s0 = performance.now();
    await store.flush();
    saves.push(performance.now() - s0);
    h.disable();
    stalls.push(h.max / 1e6);
  }
  await store.close();
  await other.close();
  rmSync(dir, { recursive: true, force: true });
  const fmt = (x: number) => x.toFixed(0).padStart(5);
  console.log(
    `${String(megabytes).padStart(4)} MB (${n} originals, fill ${fillS.toFixed(1)} s): longest stall per save ms ` +
      `${stalls.map(fmt).join(' ')}  max ${fmt(Math.max(...stalls))}; save wall-clock max ` +
      `${fmt(Math.max(...saves))} ms`,
  );
}

async function main(): Promise<void> {
  console.log(
    `store save stall${process.env.AT_CAP === '1' ? ' at the cap' : ''} — ` +
      `${process.env.STORE_MODULE ?? 'this checkout'} — load ${loadavg()[0].toFixed(2)}`,
  );
  for (const mb of sizes.length ? sizes : [50, 150, 250]) await one(mb);
}

void main();
