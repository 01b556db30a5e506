/**
 * Token counting: gpt-tokenizer on the whole text vs the bounded counter (`core/util/tokens.ts`), on ordinary tool
 * output and on the runs that used to freeze the proxy (issue 16.1), plus the longest the event loop waits while
 * `measureTokensAsync` counts. `node --import tsx bench/tokens/run.ts` (whole-text counts of runs are skipped past
 * 20,000 characters: they take seconds to minutes).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countTokens as whole } from 'gpt-tokenizer/encoding/o200k_base';
import { measureTokens, measureTokensAsync } from '../../core/util/tokens.js';

const AS_TEXT = { disallowedSpecial: new Set<string>() };
const fixtures = join(__dirname, '..', '..', 'test', 'fixtures');
const log = Array.from(
  { length: 20_000 },
  (_, i) =>
    `2024-01-01 10:00:${String(i % 60).padStart(2, '0')} INFO worker ${i} processed job ${i * 7} in ${i % 100}ms`,
).join('\n');
const base64 = Buffer.from(Array.from({ length: 150_000 }, (_, i) => (i * 2654435761) % 251)).toString('base64');

const cases: [string, string, boolean][] = [
  ['log, 20,000 lines', log, true],
  ['package-lock.json', readFileSync(join(fixtures, 'json', 'package-lock.json'), 'utf8'), true],
  [
    'minified JSON',
    JSON.stringify(JSON.parse(readFileSync(join(fixtures, 'json', 'github-issues.json'), 'utf8'))),
    true,
  ],
  ['base64, mixed case', base64, true],
  ['"A" × 20,000', 'A'.repeat(20_000), true],
  ['"A" × 200,000', 'A'.repeat(200_000), false],
  ['"A" × 20,000,000', 'A'.repeat(20_000_000), false],
  ['lowercase base64 × 164,000', base64.toLowerCase().replace(/[^a-z]/g, ''), false],
  ['spaces × 1,000,000', ' '.repeat(1_000_000), false],
];

function time<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const r = f();
  return [r, performance.now() - t0];
}

/** The longest gap between two event-loop turns while `work` runs. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let worst = 0;
  let running = true;
  const tick = () => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  await work();
  running = false;
  await new Promise((r) => setImmediate(r)); // the turn after the last synchronous step
  return worst;
}

async function main(): Promise<void> {
  whole('warm up', AS_TEXT);
  console.log(
    '| text | chars | whole-text tokens | ms | bounded tokens | estimated | ms | longest event-loop stall, async |',
  );
  console.log('|---|---:|---:|---:|---:|---|---:|---:|');
  for (const [name, text, compare] of cases) {
    const [ref, refMs] = compare ? time(() => whole(text, AS_TEXT)) : [undefined, undefined];
    const [m, ms] = time(() => measureTokens(text));
    const stall = await longestStall(() => measureTokensAsync(text));
    const cell = (n: number | undefined, digits = 0) =>
      n === undefined ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: digits });
    console.log(
      `| ${name} | ${cell(text.length)} | ${cell(ref)} | ${cell(refMs, 1)} | ${cell(m.tokens)} | ` +
        `${m.estimated ? 'yes' : 'no'} | ${cell(ms, 1)} | ${cell(stall, 1)} ms |`,
    );
  }
}

void main();
