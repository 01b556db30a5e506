/**
 * Throughput of compress() per content kind on real tool output, in CPU time (process.cpuUsage: the machine is shared,
 * wall time would measure the neighbours), plus a scaling check at 100 KB, 1 MB and 10 MB per kind.
 *
 *   node --import tsx bench/compress-speed.ts [--save FILE] [--compare FILE] [--only SUBSTRING]
 *
 * Prints markdown, then one JSON line (bench/run.ts carries it into results.json). `--save` writes the JSON to FILE;
 * `--compare` adds a "before" column from a file written by `--save` (how the figures in commit bodies were made).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { compress as compressFn } from '../core/compress.js';
import type { initCodeCompressor as initFn } from '../core/compressors/code/index.js';
import type { CompressOptions } from '../core/types.js';
import { MAX_CODE_CHARS } from '../core/compressors/code/compress-code.js';
import { median, percentile } from './lib/stats.js';
import { bundleEngine } from './lib/bundle-engine.js';
import { type SpeedCase, realCases, sampleCases, SPEED_QUERY } from './speed/cases.js';
import { GRAMMARS_DIR, initGrammars } from './speed/golden.js';
import { sample, SAMPLE_KINDS } from './workloads/samples.js';

const KB100 = 100 * 1024;
const MB = 1024 * 1024;
/** Each case runs until it has used this much CPU, within MIN_RUNS..MAX_RUNS calls. */
const CPU_BUDGET_MS = 150;
const MIN_RUNS = 3;
const MAX_RUNS = 30;
/** Time per byte at 10 MB over time per byte at 100 KB above this is reported as superlinear. */
const SUPERLINEAR_RATIO = 2;
const TARGET_MS_PER_100KB = 4;
const TARGET_FAMILIES = ['json', 'log', 'search', 'diff'];

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
/** The engine as it ships (bench/lib/bundle-engine.ts); `--source` times the tsx sources instead. */
function loadEngine(): { compress: typeof compressFn; initCodeCompressor: typeof initFn } {
  if (args.includes('--source')) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return { ...require('../core/compress.js'), ...require('../core/compressors/code/index.js') };
  }
  const dir = join(__dirname, '..', '.bench-out');
  mkdirSync(dir, { recursive: true });
  return bundleEngine(join(__dirname, '..'), join(dir, 'speed-engine.cjs'));
}
const engine = loadEngine();
const compress = engine.compress;

const out = (s = ''): void => void process.stdout.write(s + '\n');

/** CPU milliseconds (user + system) of one call. */
function cpuMs(fn: () => void): number {
  const t0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}

/**
 * Median CPU ms of compressing `c`, after two warm-up calls. No gc() between runs: process.cpuUsage counts every
 * thread, and the concurrent sweeping a forced full GC leaves behind would be billed to the next call (2-4× on
 * 100 KB units); the garbage a call makes is collected during the following calls, which is what a proxy pays.
 */
function timeCase(c: SpeedCase, budgetMs = CPU_BUDGET_MS): { ms: number; runs: number[]; kind: string } {
  const options: CompressOptions = { query: c.query, fileName: c.fileName };
  const kind = compress(c.text, options).kind;
  if (budgetMs > 0) compress(c.text, options);
  const runs: number[] = [];
  let spent = 0;
  while (runs.length < MIN_RUNS || (runs.length < MAX_RUNS && spent < budgetMs)) {
    const ms = cpuMs(() => compress(c.text, options));
    runs.push(ms);
    spent += ms;
  }
  return { ms: median(runs), runs, kind };
}

interface FamilyRow {
  family: string;
  cases: number;
  bytes: number;
  ms: number;
  mbPerSec: number;
  /** Over the family's cases, each normalised to 100 KB. */
  p50Per100KB: number;
  p99Per100KB: number;
  slowest: string;
}

interface ScaleRow {
  kind: string;
  msPer100KB: number[];
  ratio: number;
}

interface Result {
  families: FamilyRow[];
  samples100KB: { kind: string; detected: string; p50Ms: number; p99Ms: number }[];
  scaling: ScaleRow[];
}

function familyRows(cases: SpeedCase[]): FamilyRow[] {
  // one untimed pass first: every compressor is warm (JIT) before any case is timed, as in a running proxy
  for (const c of cases) compress(c.text, { query: c.query, fileName: c.fileName });
  const by = new Map<string, { c: SpeedCase; ms: number }[]>();
  for (const c of cases) {
    process.stderr.write(`[compress-speed] ${c.id}\n`);
    const { ms } = timeCase(c);
    const list = by.get(c.family) ?? [];
    list.push({ c, ms });
    by.set(c.family, list);
  }
  return [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([family, list]) => {
      const bytes = list.reduce((s, x) => s + x.c.text.length, 0);
      const ms = list.reduce((s, x) => s + x.ms, 0);
      const per = list.map((x) => (x.ms * KB100) / x.c.text.length);
      const slowest = list.reduce((a, b) => (b.ms / b.c.text.length > a.ms / a.c.text.length ? b : a));
      return {
        family,
        cases: list.length,
        bytes,
        ms,
        mbPerSec: bytes / MB / (ms / 1000),
        p50Per100KB: percentile(per, 50),
        p99Per100KB: percentile(per, 99),
        slowest: slowest.c.id,
      };
    });
}

/** The bench's 100 KB samples: p50/p99 over repeated calls (the per-unit cost the proxy pays). */
function sampleRows(): Result['samples100KB'] {
  return sampleCases(KB100).map((c) => {
    const { runs, kind } = timeCase(c, 300);
    return { kind: c.family, detected: kind, p50Ms: percentile(runs, 50), p99Ms: percentile(runs, 99) };
  });
}

/**
 * A code input of about `bytes`: one real JS source (ws's websocket.js) repeated, cut at a line end (the samples have
 * no code generator; a mix of files cut mid-way passes through, which would time nothing).
 */
function codeOfSize(bytes: number): string {
  const src = realCases().find((c) => c.id === 'captured/code-ws-websocket.js')!.text;
  const text = src.repeat(Math.ceil(bytes / src.length)).slice(0, bytes);
  return text.slice(0, text.lastIndexOf('\n') + 1);
}

function scalingRows(): ScaleRow[] {
  const sizes = [KB100, MB, 10 * MB];
  const kinds = [...SAMPLE_KINDS, 'code'];
  return kinds.map((kind) => {
    // the code compressor passes through above MAX_CODE_CHARS (4 MB): its largest size is just under that
    const sizesOf = kind === 'code' ? [KB100, MB, MAX_CODE_CHARS - 1] : sizes;
    const msPer100KB = sizesOf.map((bytes) => {
      const text = kind === 'code' ? codeOfSize(bytes) : sample(kind as (typeof SAMPLE_KINDS)[number], bytes, 11);
      process.stderr.write(`[compress-speed] scaling ${kind} ${bytes}\n`);
      const c: SpeedCase = {
        id: kind,
        family: kind,
        text,
        query: SPEED_QUERY,
        fileName: kind === 'code' ? 'a.js' : undefined,
      };
      const { ms } = timeCase(c, bytes > MB ? 0 : CPU_BUDGET_MS);
      return (ms * KB100) / text.length;
    });
    return { kind, msPer100KB, ratio: msPer100KB[2] / msPer100KB[0] };
  });
}

const f = (x: number | undefined): string =>
  x === undefined || !Number.isFinite(x) ? '—' : x < 10 ? x.toFixed(2) : x.toFixed(1);

function report(r: Result, before?: Result): void {
  const prev = <T extends { family?: string; kind?: string }>(list: T[] | undefined, key: string): T | undefined =>
    list?.find((x) => (x.family ?? x.kind) === key);
  out('### compress() per kind on real output (CPU time, median per case)');
  out();
  const beforeCols = before ? 'before p50 | before p99 | ' : '';
  out(`| kind | cases | MB | MB/s | ms per 100 KB p50 | p99 | ${beforeCols}slowest case |`);
  out(`|---|--:|--:|--:|--:|--:|${before ? '--:|--:|' : ''}---|`);
  for (const row of r.families) {
    const b = prev(before?.families, row.family);
    const target = TARGET_FAMILIES.includes(row.family) ? ` (target ≤ ${TARGET_MS_PER_100KB})` : '';
    out(
      `| ${row.family}${target} | ${row.cases} | ` +
        `${(row.bytes / MB).toFixed(2)} | ${f(row.mbPerSec)} | ${f(row.p50Per100KB)} | ${f(row.p99Per100KB)} | ` +
        `${before ? `${f(b?.p50Per100KB)} | ${f(b?.p99Per100KB)} | ` : ''}${row.slowest} |`,
    );
  }
  out();
  out('### 100 KB samples (CPU ms per call over repeated calls)');
  out();
  out(`| kind | detected | p50 ms | p99 ms |${before ? ' before p50 | before p99 |' : ''}`);
  out(`|---|---|--:|--:|${before ? '--:|--:|' : ''}`);
  for (const s of r.samples100KB) {
    const b = prev(before?.samples100KB, s.kind);
    const was = before ? ` ${f(b?.p50Ms)} | ${f(b?.p99Ms)} |` : '';
    out(`| ${s.kind} | ${s.detected} | ${f(s.p50Ms)} | ${f(s.p99Ms)} |${was}`);
  }
  out();
  out(
    `### Scaling: CPU ms per 100 KB at 100 KB, 1 MB, 10 MB (ratio 10 MB / 100 KB; > ${SUPERLINEAR_RATIO} is flagged)`,
  );
  out();
  out(`| kind | 100 KB | 1 MB | 10 MB (code: 4 MB) | ratio |${before ? ' before ratio |' : ''}`);
  out(`|---|--:|--:|--:|--:|${before ? '--:|' : ''}`);
  for (const s of r.scaling) {
    const b = prev(before?.scaling, s.kind);
    const flagged = s.ratio > SUPERLINEAR_RATIO ? ' SUPERLINEAR' : '';
    out(
      `| ${s.kind} | ${s.msPer100KB.map(f).join(' | ')} | ${f(s.ratio)}${flagged} |` +
        `${before ? ` ${f(b?.ratio)} |` : ''}`,
    );
  }
  out();
}

async function main(): Promise<void> {
  await initGrammars(); // copies the wasm files (and loads them into the source engine, harmlessly)
  await engine.initCodeCompressor({ grammarsDir: GRAMMARS_DIR });
  const only = flag('--only');
  const cases = realCases().filter((c) => !only || c.id.includes(only) || c.family === only);
  const result: Result = {
    families: familyRows(cases),
    samples100KB: only ? [] : sampleRows(),
    scaling: only || args.includes('--no-scaling') ? [] : scalingRows(),
  };
  const compareFile = flag('--compare');
  report(result, compareFile ? (JSON.parse(readFileSync(compareFile, 'utf8')) as Result) : undefined);
  const saveFile = flag('--save');
  if (saveFile) writeFileSync(saveFile, JSON.stringify(result, null, 2) + '\n');
  out(JSON.stringify(result));
}

main().catch((err: unknown) => {
  process.stderr.write(`compress-speed failed: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
