/**
 * Child-process entry (run by memory.ts): reads a ~50 MB log from the file named in argv[2], compresses it once and
 * prints one JSON line with time, RSS and heap figures. Its own process, so earlier benchmark steps do not count;
 * the input comes from a file so building it does not set the process's RSS peak; and a worker thread samples the
 * process RSS every few milliseconds while the main thread is busy compressing, which catches the real peak.
 * Run with --expose-gc.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { compress } from '../../core/compress.js';

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

// [0] stop flag, [1] peak RSS in KiB, [2] samples taken
const SAMPLER = `
const { workerData } = require('node:worker_threads');
const shared = new Int32Array(workerData);
const tick = new Int32Array(new SharedArrayBuffer(4));
while (Atomics.load(shared, 0) === 0) {
  const kib = Math.round(process.memoryUsage.rss() / 1024);
  if (kib > Atomics.load(shared, 1)) Atomics.store(shared, 1, kib);
  Atomics.add(shared, 2, 1);
  Atomics.wait(tick, 0, 0, 2);
}
`;

async function main(): Promise<void> {
  const text = readFileSync(process.argv[2], 'utf8');
  gc();
  gc();
  const before = process.memoryUsage();
  const shared = new Int32Array(new SharedArrayBuffer(12));
  const worker = new Worker(SAMPLER, { eval: true, workerData: shared.buffer });
  while (Atomics.load(shared, 2) < 3) await new Promise((r) => setTimeout(r, 5)); // sampler running
  const rssWithSampler = process.memoryUsage.rss();
  Atomics.store(shared, 1, 0);
  const t0 = performance.now();
  const result = compress(text, { query: 'which requests failed and why' });
  const ms = performance.now() - t0;
  const afterRaw = process.memoryUsage();
  Atomics.store(shared, 0, 1);
  await worker.terminate();
  const peakRss = Atomics.load(shared, 1) * 1024;
  gc();
  const afterGc = process.memoryUsage();
  process.stdout.write(
    JSON.stringify({
      inputBytes: text.length,
      outputBytes: result.output.length,
      compressed: result.compressed,
      kind: result.kind,
      reason: result.reason,
      ms,
      rssBefore: rssWithSampler,
      heapUsedBefore: before.heapUsed,
      peakRss,
      peakRssDelta: Math.max(0, peakRss - rssWithSampler),
      samples: Atomics.load(shared, 2),
      heapUsedDeltaNoGc: afterRaw.heapUsed - before.heapUsed,
      heapUsedDeltaAfterGc: afterGc.heapUsed - before.heapUsed,
      externalDelta: afterRaw.external - before.external,
      records: result.records.length,
    }) + '\n',
  );
}

main().catch((err: unknown) => {
  process.stderr.write(String((err as Error)?.stack ?? err) + '\n');
  process.exit(1);
});
