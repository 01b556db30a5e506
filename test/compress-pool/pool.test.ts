import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { CompressPool, type PoolOutcome } from '../../core/compress-pool/pool.js';
import { compress } from '../../core/compress.js';
import { GrammarRegistry } from '../../core/compressors/code/index.js';
import { measureTokens } from '../../core/util/tokens.js';
import { CRASH, HANG } from './misbehaving-worker.js';

const ROOT = join(__dirname, '..', '..');
const GRAMMARS = join(ROOT, 'syntaxes');
const MISBEHAVING = join(__dirname, 'misbehaving-worker.ts');
const fixture = (p: string) => readFileSync(join(ROOT, 'test', 'fixtures', p), 'utf8');
const job = (text: string, query = '') => ({ text, query, minChars: 0 });

function value<T>(o: PoolOutcome<T>): T {
  assert.ok(o.ok, o.ok ? '' : `${o.kind}: ${o.reason}`);
  return o.value;
}

test('real tool output compresses to the same result in the pool as in-process, and counts the same', async () => {
  const units: [string, string | undefined, string][] = [
    ['json/github-issues.json', undefined, 'labels of the open bugs'],
    ['log/npm-install-silly.txt', undefined, 'why did the install fail'],
    ['code/textwrap.py', 'textwrap.py', 'how does dedent work'],
    ['diff/git-diff-U8.diff', undefined, ''],
    ['text/sqljs-readme.md', 'README.md', 'how to load a database file'],
    ['search/rg-isArray-large.txt', undefined, 'isArray'],
  ];
  const grammars = new GrammarRegistry();
  await grammars.init({ grammarsDir: GRAMMARS });
  const pool = new CompressPool({ size: 2, grammarsDir: GRAMMARS });
  try {
    const texts = units.map(([p]) => fixture(p));
    const pooled = await Promise.all(
      units.map(([, fileName, query], i) => pool.compress({ text: texts[i], fileName, query, minChars: 0 })),
    );
    let compressed = 0;
    units.forEach(([p, fileName, query], i) => {
      const here = compress(texts[i], { query, fileName, minChars: 0, grammars });
      assert.deepEqual(value(pooled[i]), here, p);
      if (here.compressed) compressed++;
    });
    assert.ok(compressed >= 5, `most of these compress (${compressed} of ${units.length}): the test compares work`);
    assert.equal(value(await pool.compress(job(texts[2]))).kind, 'code');
    assert.deepEqual(
      value(await pool.count(texts)),
      texts.map((t) => measureTokens(t).tokens),
    );
  } finally {
    await pool.close();
  }
});

test('a unit that hangs its worker, and one that crashes it, end with a reason; the worker is replaced', async () => {
  const warnings: string[] = [];
  const pool = new CompressPool({
    size: 1,
    timeoutMs: 500,
    workerFile: MISBEHAVING,
    onWarning: (m) => warnings.push(m),
  });
  try {
    const text = fixture('log/npm-install-silly.txt');
    const [hung, after] = await Promise.all([pool.compress(job(`${HANG}x`)), pool.compress(job(text))]);
    assert.equal(hung.ok, false);
    assert.equal(!hung.ok && hung.kind, 'timeout');
    assert.match(!hung.ok ? hung.reason : '', /longer than 500 ms/);
    assert.deepEqual(value(after), compress(text, { query: '', minChars: 0 }), 'the next unit, in a new worker');
    assert.ok(
      warnings.some((w) => /worker was replaced/.test(w)),
      warnings.join('\n'),
    );

    const crashed = await pool.compress(job(`${CRASH}x`));
    assert.equal(!crashed.ok && crashed.kind, 'crash');
    assert.match(!crashed.ok ? crashed.reason : '', /exited \(code 7\)/);
    assert.deepEqual(value(await pool.count(['one two three'])), [measureTokens('one two three').tokens]);
    assert.equal(pool.workers, 1);
  } finally {
    await pool.close();
  }
});

test('the queue is bounded, one large unit runs at a time, and close() ends what waits', async () => {
  // the time limit is out of reach here: the hanging job holds its worker until close()
  const pool = new CompressPool({
    size: 2,
    maxQueued: 2,
    largeChars: 1000,
    timeoutMs: 600_000,
    workerFile: MISBEHAVING,
  });
  try {
    await pool.warmup();
    const large = `${HANG}${'x'.repeat(2000)}`;
    const hung = pool.compress(job(large)); // worker 1, a large job
    let largeSettled = false;
    const secondLarge = pool.compress(job('y '.repeat(1000))).then((o) => ((largeSettled = true), o));
    const small = pool.compress(job('a small unit'));
    // worker 2 takes the small job, not the second large one
    value(await small);
    value(await pool.count(['and a count']));
    assert.equal(largeSettled, false, 'the second large unit waits for the first');
    // the queue holds the second large unit; one more fits, then refusals
    const third = pool.compress(job(large));
    const refused = await pool.compress(job('one too many'));
    assert.equal(!refused.ok && refused.kind, 'queue-full');
    assert.equal(pool.queued, 2);
    await pool.close();
    for (const o of await Promise.all([hung, secondLarge, third])) assert.equal(!o.ok && o.kind, 'unavailable');
  } finally {
    await pool.close();
  }
});

test('concurrent requests for the same new unit share one job', async () => {
  const pool = new CompressPool({ size: 1 });
  try {
    const text = fixture('log/npm-install-silly.txt');
    const a = pool.compress(job(text, 'first query'), 'k1');
    const b = pool.compress(job(text, 'another query'), 'k1');
    assert.equal(a, b);
    assert.deepEqual(value(await a), compress(text, { query: 'first query', minChars: 0 }));
  } finally {
    await pool.close();
  }
});

test('close() leaves no worker running: a process whose worker was busy exits once the pool is closed', async () => {
  // a busy worker keeps its process alive (an awaited answer must arrive): only close() can end this one
  const script = `
    const { CompressPool } = require(${JSON.stringify(join(ROOT, 'core', 'compress-pool', 'pool.ts'))});
    const pool = new CompressPool({ size: 2, workerFile: ${JSON.stringify(MISBEHAVING)} });
    pool.warmup().then(() => {
      const hung = pool.compress({ text: ${JSON.stringify(HANG)}, query: '', minChars: 0 });
      return pool.count(['a b c']).then((o) => {
        if (!o.ok) throw new Error(o.reason);
        return pool.close();
      }).then(() => hung);
    }).then((o) => console.log(o.ok ? 'answered' : o.kind, pool.workers));
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const [code] = await once(child, 'exit');
  assert.equal(code, 0);
  assert.equal(out.trim(), 'unavailable 0');
});
