/**
 * Speed of compressCode on one large file, in a child process that loads only that file's grammar: V8 keeps
 * compiling every loaded grammar's wasm on background threads for a while, and process CPU time counts those
 * threads, so a process that has just used 13 grammars reports the parse slower than it is.
 * Child mode: `node --import tsx bench/code/speed.ts <file> <language> <grammarsDir>` prints one JSON line.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { compressCode, initCodeCompressor } from '../../core/compressors/code/index.js';
import { queryTerms } from '../../core/util/query.js';

export interface SpeedSample {
  /** CPU milliseconds per run, sorted. */
  cpuMs: number[];
  /** Wall milliseconds per run, sorted (the machine may be shared). */
  wallMs: number[];
  /** Output/input characters. */
  ratio: number;
}

const QUERY = 'how is the request url built';
const RUNS = 9;

/** Runs the measurement in a fresh child process; undefined (with a note) when it fails. */
export function measureSpeed(
  file: string,
  language: string,
  grammarsDir: string,
  input?: string,
): SpeedSample | { error: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, file, language, grammarsDir], {
    encoding: 'utf8',
    input,
    timeout: 120_000,
  });
  const line = r.stdout?.trim().split('\n').pop();
  if (r.status !== 0 || !line)
    return { error: `speed child failed (${r.status}): ${(r.stderr ?? '').trim().slice(-300)}` };
  return JSON.parse(line) as SpeedSample;
}

async function child(file: string, language: string, grammarsDir: string): Promise<void> {
  const text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  await initCodeCompressor({ grammarsDir, languages: [language] });
  const ctx = {
    query: QUERY,
    queryTerms: queryTerms(QUERY),
    fileName: 'input',
    language,
    stash: () => 'hr_0000000000000000',
  };
  let out: string | null = null;
  for (let i = 0; i < 3; i++) out = compressCode(text, ctx); // warm-up: JIT and wasm tier-up
  const cpuMs: number[] = [],
    wallMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c = process.cpuUsage();
    const w = performance.now();
    compressCode(text, ctx);
    wallMs.push(performance.now() - w);
    const d = process.cpuUsage(c);
    cpuMs.push((d.user + d.system) / 1000);
  }
  const sample: SpeedSample = {
    cpuMs: cpuMs.sort((a, b) => a - b),
    wallMs: wallMs.sort((a, b) => a - b),
    ratio: (out ?? text).length / text.length,
  };
  process.stdout.write(JSON.stringify(sample) + '\n');
}

if (require.main === module) {
  const [file, language, grammarsDir] = process.argv.slice(2);
  child(file, language, grammarsDir).catch((err: unknown) => {
    process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(1);
  });
}
