/**
 * The time bounds that used to sit inside unit tests, as figures: how long each compressor takes on large inputs and
 * on the hostile shapes its robustness tests feed it (inputs that make naive scanning quadratic), and whether doubling
 * an input roughly doubles the time. Unit tests assert what comes out; this prints how long it took.
 *
 * `node --import tsx bench/limits.ts` alone, or as a section of `npm run bench`. Prints a markdown table to stdout.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { compress } from '../core/compress.js';
import type { ContentKind } from '../core/types.js';
import { templateOf } from '../core/compressors/log/templates.js';
import { locateValues } from '../core/wire/json-splice.js';
import { MARKER_ID_PATTERN, MARKER_PATTERN } from '../extension/proxy-host.js';
import { diffLines } from '../webview/line-diff.js';
import { markerSegments } from '../webview/markers.js';
import { markdownTable } from './lib/table.js';

const root = join(__dirname, '..');
const fixture = (path: string): string => readFileSync(join(root, 'test', 'fixtures', path), 'utf8');

interface Case {
  name: string;
  /** What the old unit test allowed, for comparison (ms), when it had a bound. */
  formerBoundMs?: number;
  input: () => string;
  run: (input: string) => unknown;
}

const viaPipeline =
  (kind: ContentKind, query = '') =>
  (text: string): unknown =>
    compress(text, { kind, query, minChars: 0 });

function jsonRows(n: number): string {
  return JSON.stringify(
    Array.from({ length: n }, (_, i) => ({
      ts: 1714564800000 + i * 1000,
      host: `web-${i % 4}`,
      path: `/api/v1/items/${i % 97}`,
      status: i % 501 ? 200 : 500,
      ms: (i * 7919) % 90,
    })),
  );
}

function accessLog(lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++)
    out.push(
      `2025-05-01T09:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.` +
        `${String(i % 1000).padStart(3, '0')}Z INFO 10.0.${i % 9}.${i % 250} GET /api/items/${i % 997} 200 in ` +
        `${(i * 7) % 90}ms req=${((i * 2654435761) >>> 0).toString(16).padStart(8, '0')}`,
    );
  return out.join('\n');
}

function documentOf(bytes: number): string {
  const docs = ['express-readme.md', 'sqljs-readme.md', 'gcc-readme-bugs.txt', 'gdb-readme.txt'].map((f) =>
    fixture(`text/${f}`),
  );
  let text = '';
  for (let i = 0; text.length < bytes; i++) text += docs[i % docs.length].replace(/\d+/g, String(i)) + '\n\n';
  return text;
}

function wideCsv(rows: number): string {
  const out = ['id,host,status,latency_ms,message'];
  for (let i = 0; out.length < rows; i++)
    out.push(
      `${i},web-${i % 40},${i % 9973 === 0 ? 'failed' : 'ok'},${20 + (i % 13)},"request served, cache ` +
        `${i % 3 ? 'hit' : 'miss'}"`,
    );
  return out.join('\n');
}

const CASES: Case[] = [
  { name: 'json: 5,000 rows', input: () => jsonRows(5_000), run: viaPipeline('json', 'items') },
  { name: 'json: 20,000 rows (4×)', input: () => jsonRows(20_000), run: viaPipeline('json', 'items') },
  { name: 'log: 100 KB access log', formerBoundMs: 60, input: () => accessLog(1_000), run: viaPipeline('log') },
  { name: 'log: 1.7 MB access log', formerBoundMs: 4000, input: () => accessLog(17_000), run: viaPipeline('log') },
  { name: 'log: one 5 MB line', formerBoundMs: 3000, input: () => 'k1=v2;'.repeat(850_000), run: viaPipeline('log') },
  {
    name: 'log: 200,000 "("',
    formerBoundMs: 5000,
    input: () => '('.repeat(200_000),
    run: viaPipeline('log', 'error foo'),
  },
  {
    name: 'log: templateOf on a 5 MB line',
    formerBoundMs: 200,
    input: () => 'x=1 '.repeat(1_250_000),
    run: (t) => templateOf(t),
  },
  {
    name: 'text: 1 MB document',
    formerBoundMs: 1500,
    input: () => documentOf(1024 * 1024),
    run: viaPipeline('text', 'build directory'),
  },
  {
    name: 'text: 5 MB without a break',
    formerBoundMs: 3000,
    input: () => 'x'.repeat(5 * 1024 * 1024),
    run: viaPipeline('text', 'word'),
  },
  {
    name: 'search: 4 MB rg -n result',
    formerBoundMs: 3000,
    input: () => fixture('search/rg-isArray-large.txt').repeat(20),
    run: viaPipeline('search', 'isArray'),
  },
  {
    name: 'search: 200 lines of 3,000× "function parse("',
    formerBoundMs: 2000,
    input: () => Array.from({ length: 200 }, (_, i) => `f.js:${i}:` + 'function parse('.repeat(3000)).join('\n'),
    run: viaPipeline('search', 'function parse'),
  },
  { name: 'table: wide 5 MB CSV', formerBoundMs: 2000, input: () => wideCsv(60_000), run: viaPipeline('table') },
  {
    name: 'html: 200,000 unclosed <div>',
    formerBoundMs: 4000,
    input: () => '<div>'.repeat(200000) + '</span>'.repeat(200000),
    run: viaPipeline('html', 'word'),
  },
  {
    name: 'diff: 50,000 one-line hunks',
    formerBoundMs: 3000,
    input: () => '@@ -1 +1 @@\n-a\n+b\n'.repeat(50_000),
    run: viaPipeline('diff'),
  },
  {
    name: 'json-splice: locate a 900 KB unit in a 1 MB body',
    formerBoundMs: 10,
    input: () =>
      JSON.stringify({
        model: 'm',
        messages: [
          { role: 'user', content: [{ type: 'tool_result', content: 'line of log output\n'.repeat(50_000) }] },
        ],
        tools: [],
      }),
    run: (body) => locateValues(body, [['messages', 0, 'content', 0, 'content'], ['tools']]),
  },
  {
    name: 'panel: line diff, 20,000 lines vs compressed',
    formerBoundMs: 1000,
    input: () =>
      Array.from(
        { length: 20_000 },
        (_, i) =>
          `2026-01-01T00:00:${String(i % 60).padStart(2, '0')} INFO request ${i} GET /api/items/${i * 7} 200 ` +
          `${i % 97}ms`,
      ).join('\n'),
    run: (text) => {
      const a = text.split('\n');
      const b: string[] = [];
      for (let i = 0; i < a.length; i += 50)
        b.push(a[i], `[… 49 lines omitted · retrieve hr_${i.toString(16).padStart(16, '0')}]`);
      return diffLines(a, b);
    },
  },
  {
    name: 'panel: marker scan of 200,000× "[… "',
    formerBoundMs: 2000,
    input: () => '[… '.repeat(200_000),
    run: (line) => markerSegments(line, new RegExp(MARKER_PATTERN, 'g'), new RegExp(MARKER_ID_PATTERN)),
  },
];

/** Best of `runs` after one warm-up: other processes on a shared machine only ever add time. */
function best(c: Case, runs: number): { bytes: number; ms: number } {
  const input = c.input();
  const t0 = performance.now();
  c.run(input);
  const warm = performance.now() - t0;
  let ms = warm;
  for (let i = 0; i < (warm > 2000 ? 1 : runs); i++) {
    const t = performance.now();
    c.run(input);
    ms = Math.min(ms, performance.now() - t);
  }
  return { bytes: input.length, ms };
}

export function limitsTable(runs = 3): string {
  const rows: string[][] = [];
  const measured = new Map<string, { bytes: number; ms: number }>();
  for (const c of CASES) {
    const m = best(c, runs);
    measured.set(c.name, m);
    rows.push([
      c.name,
      (m.bytes / 1e6).toFixed(2),
      m.ms.toFixed(2),
      (m.bytes / 1e6 / (m.ms / 1000)).toFixed(1),
      c.formerBoundMs === undefined ? '' : String(c.formerBoundMs),
    ]);
  }
  const small = measured.get('json: 5,000 rows')!;
  const big = measured.get('json: 20,000 rows (4×)')!;
  const table = markdownTable(['case', 'MB', 'best ms', 'MB/s', 'former unit-test bound (ms)'], rows, [1, 2, 3, 4]);
  return `${table}\n\njson: 4× the rows took ${(big.ms / small.ms).toFixed(1)}× the time (linear is 4×).`;
}

if (require.main === module) process.stdout.write(limitsTable(Number(process.env.RUNS ?? 3)) + '\n');
