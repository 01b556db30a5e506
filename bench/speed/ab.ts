/**
 * A/B of compress() between a git ref and the working tree, in one process, runs interleaved: on a shared machine the
 * neighbours' load drifts over a minute, and alternating the two engines case by case cancels that drift out of the
 * ratio. Both engines are bundled like the shipped build (see bench/compress-speed.ts).
 *
 *   node --import tsx bench/speed/ab.ts [REF=main] [--rounds N] [--only FAMILY]
 *
 * Prints, per family, the summed median CPU ms of each engine and new/old; also checks both give the same bytes.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bundleEngine } from '../lib/bundle-engine.js';
import type { compress as compressFn } from '../../core/compress.js';
import { median } from '../lib/stats.js';
import { realCases, sampleCases, type SpeedCase } from './cases.js';
import { GRAMMARS_DIR, initGrammars } from './golden.js';

const ROOT = join(__dirname, '..', '..');
const OUT = join(ROOT, '.bench-out', 'ab');
const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const ref = args[0] && !args[0].startsWith('--') ? args[0] : 'main';
const rounds = Number(flag('--rounds') ?? 9);
const only = flag('--only');

interface Engine {
  compress: typeof compressFn;
  initCodeCompressor: (o: { grammarsDir: string }) => Promise<unknown>;
}

function bundle(srcRoot: string, name: string): Engine {
  return bundleEngine(srcRoot, join(OUT, `engine-${name}.cjs`));
}

function cpuMs(fn: () => void): number {
  const t0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const base = join(OUT, 'base-src');
  rmSync(base, { recursive: true, force: true });
  mkdirSync(base, { recursive: true });
  execSync(`git archive ${ref} core | tar -x -C ${base}`, { cwd: ROOT });
  const old = bundle(base, 'base');
  const cur = bundle(ROOT, 'work');
  await initGrammars();
  await old.initCodeCompressor({ grammarsDir: GRAMMARS_DIR });
  await cur.initCodeCompressor({ grammarsDir: GRAMMARS_DIR });
  let cases: SpeedCase[] = [...realCases(), ...sampleCases(100 * 1024)];
  if (only) cases = cases.filter((c) => c.family === only || c.id.includes(only));
  const opts = (c: SpeedCase) => ({ query: c.query, fileName: c.fileName });
  const differ: string[] = [];
  for (const c of cases) {
    // warm both, and check they agree
    const a = old.compress(c.text, opts(c));
    const b = cur.compress(c.text, opts(c));
    if (a.output !== b.output || a.kind !== b.kind || a.reason !== b.reason) differ.push(c.id);
    old.compress(c.text, opts(c));
    cur.compress(c.text, opts(c));
  }
  const times = new Map<string, { a: number[]; b: number[] }>(cases.map((c) => [c.id, { a: [], b: [] }]));
  for (let r = 0; r < rounds; r++) {
    process.stderr.write(`[ab] round ${r + 1}/${rounds}\n`);
    for (const c of cases) {
      const t = times.get(c.id)!;
      // alternate which engine goes first, so neither always runs on the other's garbage
      if (r % 2 === 0) {
        t.a.push(cpuMs(() => old.compress(c.text, opts(c))));
        t.b.push(cpuMs(() => cur.compress(c.text, opts(c))));
      } else {
        t.b.push(cpuMs(() => cur.compress(c.text, opts(c))));
        t.a.push(cpuMs(() => old.compress(c.text, opts(c))));
      }
    }
  }
  const fam = new Map<string, { a: number; b: number; bytes: number; n: number }>();
  for (const c of cases) {
    const key = c.id.startsWith('sample/') ? `${c.family} (100 KB sample)` : c.family;
    const f = fam.get(key) ?? { a: 0, b: 0, bytes: 0, n: 0 };
    const t = times.get(c.id)!;
    f.a += median(t.a);
    f.b += median(t.b);
    f.bytes += c.text.length;
    f.n++;
    fam.set(key, f);
  }
  console.log(
    `### compress() ${ref} vs working tree (CPU ms, sum of per-case medians over ${rounds} interleaved rounds)`,
  );
  console.log();
  console.log(`| family | cases | KB | ${ref} ms | now ms | ${ref} ms/100 KB | now ms/100 KB | now/${ref} |`);
  console.log('|---|--:|--:|--:|--:|--:|--:|--:|');
  let ta = 0,
    tb = 0;
  for (const [k, f] of [...fam].sort(([x], [y]) => x.localeCompare(y))) {
    ta += f.a;
    tb += f.b;
    const per = (ms: number): string => ((ms * 102400) / f.bytes).toFixed(2);
    console.log(
      `| ${k} | ${f.n} | ${(f.bytes / 1024).toFixed(0)} | ${f.a.toFixed(1)} | ${f.b.toFixed(1)} | ${per(f.a)} | ` +
        `${per(f.b)} | ${(f.b / f.a).toFixed(2)} |`,
    );
  }
  console.log(`| all | ${cases.length} | | ${ta.toFixed(1)} | ${tb.toFixed(1)} | | | ${(tb / ta).toFixed(2)} |`);
  console.log();
  console.log(differ.length ? `OUTPUTS DIFFER: ${differ.join(', ')}` : 'Outputs identical on every case.');
}

main().catch((err: unknown) => {
  process.stderr.write(`ab failed: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
