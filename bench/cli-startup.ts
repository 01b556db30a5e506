/**
 * `npm run bench:cli`: the CLI's start-up beside a bare `node -e 0`, and a 200 MB pass-through beside reading the
 * file (issue 17's targets: `--help` within 2× a bare node start, a small `compress` within 3×). Medians of a few
 * runs on this machine; timings are printed, never asserted.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const cli = join(__dirname, '..', 'dist', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'hr-bench-cli-'));
const RUNS = Number(process.env.RUNS ?? 9);

function small(): string {
  const lines: string[] = [];
  for (let i = 0; i < 400; i++)
    lines.push(`2024-05-01T10:00:${String(i % 60).padStart(2, '0')}Z INFO GET /api/items/${i} 200 ${i % 90}ms`);
  lines[200] = '2024-05-01T10:03:20Z ERROR POST /api/checkout 500 upstream timed out';
  return lines.join('\n') + '\n';
}

function median(args: string[], input = ''): { ms: number; code: number | null } {
  const times: number[] = [];
  let code: number | null = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, {
      input,
      env: { ...process.env, HEADROOM_HOME: join(dir, 'home') },
      maxBuffer: 1 << 30,
    });
    times.push(performance.now() - t0);
    code = r.status;
  }
  times.sort((a, b) => a - b);
  return { ms: times[times.length >> 1], code };
}

const base = median(['-e', '0']).ms;
const rows: [string, number][] = [['node -e 0', base]];
const text = small();
for (const [label, args, input] of [
  ['headroom --help', [cli, '--help'], ''],
  ['headroom compress --help', [cli, 'compress', '--help'], ''],
  ['headroom compress (20 KB log, compressed)', [cli, 'compress', '-'], text],
  ['headroom compress (400 B, passed through)', [cli, 'compress', '-'], text.slice(0, 400)],
  ['headroom stats', [cli, 'stats'], ''],
] as [string, string[], string][]) {
  const r = median(args, input);
  if (r.code !== 0) throw new Error(`${label}: exit ${r.code}`);
  rows.push([label, r.ms]);
}

process.stdout.write(
  `## CLI start-up (median of ${RUNS}; load ${loadavg()[0].toFixed(2)})\n\n| command | ms | × node -e 0 |\n` +
    `|---|---:|---:|\n`,
);
for (const [label, ms] of rows) process.stdout.write(`| ${label} | ${ms.toFixed(0)} | ${(ms / base).toFixed(1)}× |\n`);

// 200 MB: the size decides, the bytes stream through; reading the file is the floor
const big = join(dir, 'big.log');
const chunk = Buffer.from('2024-05-01 10:00:00 INFO GET /api/items 200 12ms\n'.repeat(20_000));
const fd = openSync(big, 'w');
for (let n = 0; n < 200e6; n += chunk.length) writeSync(fd, chunk);
closeSync(fd);
let t0 = performance.now();
readFileSync(big);
const readMs = performance.now() - t0;
const pass = (args: string[]): { ms: number; rssMb: number } => {
  t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, cli, ...args], {
    env: { ...process.env, HEADROOM_HOME: join(dir, 'home') },
    maxBuffer: 1 << 30,
  });
  const ms = performance.now() - t0;
  const rssKb = Number(/(\d+)\s*$/.exec(r.stderr.toString())?.[1] ?? NaN);
  return { ms, rssMb: rssKb / 1024 };
};
const plain = pass(['compress', big]);
const json = pass(['compress', big, '--json']);
process.stdout.write(`\n## 200 MB input (pass-through)\n\n| run | s | peak RSS MB |\n|---|---:|---:|\n`);
process.stdout.write(`| read the file (readFileSync, in this process) | ${(readMs / 1000).toFixed(2)} | – |\n`);
process.stdout.write(`| headroom compress FILE | ${(plain.ms / 1000).toFixed(2)} | ${plain.rssMb.toFixed(0)} |\n`);
process.stdout.write(`| headroom compress FILE --json | ${(json.ms / 1000).toFixed(2)} | ${json.rssMb.toFixed(0)} |\n`);
rmSync(dir, { recursive: true, force: true });
