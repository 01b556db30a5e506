/**
 * Learn benchmark: writes 1,000 session files / ~500 MB of agent logs (seeded, in the real logs' shapes; see
 * generate.ts) to a temp folder, then times `learn()` over them in a fresh child process and reports files/s, MB/s
 * and peak RSS. A second run reads one ~300 MB session file, to show memory does not follow file size.
 *
 *   node --import tsx bench/learn/run.ts [--files 1000] [--mb 500] [--big-mb 300] [--fresh]
 *
 * Target: < 30 s for the 1,000 files, with bounded memory. The corpus is kept between runs (same seed → same
 * bytes); --fresh rewrites it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateCorpus, type CorpusSpec } from './generate.js';

const MB = 1024 * 1024;
const TARGET_S = 30;
const root = join(__dirname, '..', '..');
const log = (s: string): void => void process.stderr.write(`[learn-bench] ${s}\n`);

interface Measure {
  ms: number;
  filesRead: number;
  sessionsRead: number;
  toolCalls: number;
  failures: number;
  lessons: number;
  linesSkipped: number;
  peakRssMB: number;
  baselineRssMB: number;
  topLessons: string[];
}

/** Generates (or reuses) a corpus for `spec` under `dir`; returns its HOME, workspace and size. */
function corpus(dir: string, spec: CorpusSpec, fresh: boolean): { home: string; ws: string; bytes: number } {
  const marker = join(dir, 'spec.json');
  const home = join(dir, 'home');
  const ws = join(dir, 'workspace');
  const key = JSON.stringify(spec);
  if (!fresh && existsSync(marker)) {
    const m = JSON.parse(readFileSync(marker, 'utf8')) as { key: string; bytes: number; start: number };
    // reuse only while the sessions are still inside learn's 30-day window
    if (m.key === key && Date.now() - m.start < 7 * 86_400_000) return { home, ws, bytes: m.bytes };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(ws, { recursive: true });
  const start = Date.now();
  const t0 = Date.now();
  const bytes = generateCorpus(home, ws, spec, root, start);
  log(
    `wrote ${spec.files} files, ${(bytes / MB).toFixed(0)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s under ` +
      `${dir}`,
  );
  writeFileSync(marker, JSON.stringify({ key, bytes, start }));
  return { home, ws, bytes };
}

function measure(home: string, ws: string): Measure {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, 'measure.ts'), home, ws], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 16 * MB,
  });
  return JSON.parse(out.trim().split('\n').pop() as string) as Measure;
}

function report(title: string, files: number, bytes: number, m: Measure, target?: number): string {
  const s = m.ms / 1000;
  const lines = [
    `### ${title}`,
    '',
    '| files | MB | sessions | tool calls | failed | lessons | skipped | seconds | files/s | MB/s | peak RSS MB |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${files} | ${(bytes / MB).toFixed(0)} | ${m.sessionsRead} | ${m.toolCalls} | ${m.failures} | ${m.lessons} | ` +
      `${m.linesSkipped} | ${s.toFixed(2)} | ${(files / s).toFixed(0)} | ${(bytes / MB / s).toFixed(1)} | ` +
      `${m.peakRssMB.toFixed(0)} |`,
    '',
  ];
  if (target !== undefined)
    lines.push(
      `Target < ${target} s: **${s < target ? 'met' : 'MISSED'}** (${s.toFixed(1)} s). Node baseline RSS before ` +
        `learn(): ${m.baselineRssMB.toFixed(0)} MB.`,
      '',
    );
  lines.push('Top lessons:', '', ...m.topLessons.map((l) => `- ${l}`), '');
  return lines.join('\n');
}

function main(): void {
  const { values } = parseArgs({
    options: {
      files: { type: 'string', default: '1000' },
      mb: { type: 'string', default: '500' },
      'big-mb': { type: 'string', default: '300' },
      fresh: { type: 'boolean', default: false },
    },
  });
  const files = Number(values.files);
  const base = join(tmpdir(), 'headroom-learn-bench');
  const many = corpus(
    join(base, 'many'),
    { files, meanBytes: (Number(values.mb) * MB) / files, seed: 20261129 },
    values.fresh,
  );
  log('timing learn() over the corpus…');
  const m = measure(many.home, many.ws);
  const out = ['## Headroom Learn', '', report(`${files} session files`, files, many.bytes, m, TARGET_S)];
  const bigMb = Number(values['big-mb']);
  if (bigMb > 0) {
    const big = corpus(join(base, 'big'), { files: 1, meanBytes: bigMb * MB, seed: 7, only: 'claude' }, values.fresh);
    log('timing learn() over one large session file…');
    out.push(report('one large session file', 1, big.bytes, measure(big.home, big.ws)));
  }
  process.stdout.write(out.join('\n') + '\n');
}

main();
