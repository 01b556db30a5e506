import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDurably, type DurableJob } from '../../core/ccr/durable-write.js';
import { DurableWriter } from '../../core/ccr/durable-writer.js';
import { compressWorkerFile } from '../../core/compress-pool/pool.js';

const job = (folder: string, name: string, text: string): DurableJob => ({
  folder,
  target: join(folder, name),
  tmp: join(folder, `${name}.tmp-test`),
  bytes: Buffer.from(text),
});

test('writeDurably: each file in place with its exact bytes, a new folder made; one failure fails alone', () => {
  const root = mkdtempSync(join(tmpdir(), 'hr-durable-'));
  try {
    writeFileSync(join(root, 'not-a-folder'), 'x');
    const jobs = [
      job(join(root, 'scope-a'), 'hr_1', 'one é'),
      job(join(root, 'not-a-folder', 'sub'), 'hr_2', 'two'), // its folder cannot exist: a file is in the way
      job(join(root, 'scope-a'), 'hr_3', 'three'),
    ];
    const results = writeDurably(jobs);
    assert.deepEqual(
      results.map((r) => r.ok),
      [true, false, true],
    );
    assert.equal(readFileSync(join(root, 'scope-a', 'hr_1'), 'utf8'), 'one é');
    assert.equal(readFileSync(join(root, 'scope-a', 'hr_3'), 'utf8'), 'three');
    assert.deepEqual(readdirSync(join(root, 'scope-a')).sort(), ['hr_1', 'hr_3'], 'no temp file left');
    assert.match(results[1].ok ? '' : `${results[1].code} ${results[1].message}`, /ENOTDIR|EEXIST/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('DurableWriter: writes from its thread, those arriving together in one batch; close waits for them', async () => {
  const root = mkdtempSync(join(tmpdir(), 'hr-durable-'));
  const warnings: string[] = [];
  let fallbacks = 0;
  const writer = new DurableWriter(
    compressWorkerFile(),
    async () => void fallbacks++,
    (m) => warnings.push(m),
  );
  try {
    const folder = join(root, 'scope');
    const texts = Array.from({ length: 20 }, (_, i) => `original ${i} ${'x'.repeat(i * 100)}`);
    await Promise.all(texts.map((t, i) => writer.write(job(folder, `hr_${i}`, t))));
    texts.forEach((t, i) => assert.equal(readFileSync(join(folder, `hr_${i}`), 'utf8'), t));
    assert.ok(writer.batches <= 2, `20 writes at once went in ${writer.batches} batches`);
    // a write that fails in the thread rejects with the file system's error; the others still land
    writeFileSync(join(root, 'blocker'), 'x');
    const bad = writer.write(job(join(root, 'blocker', 'sub'), 'hr_bad', 'never'));
    const good = writer.write(job(folder, 'hr_after', 'after'));
    await assert.rejects(bad, (e: NodeJS.ErrnoException) => e.code === 'ENOTDIR' || e.code === 'EEXIST');
    await good;
    assert.equal(readFileSync(join(folder, 'hr_after'), 'utf8'), 'after');
    const last = writer.write(job(folder, 'hr_last', 'last'));
    await writer.close();
    assert.equal(readFileSync(join(folder, 'hr_last'), 'utf8'), 'last', 'close waited for it');
    await last;
    assert.deepEqual([fallbacks, warnings], [0, []]);
  } finally {
    await writer.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test('DurableWriter: a thread that cannot start hands every write to the fallback, and says so once', async () => {
  const root = mkdtempSync(join(tmpdir(), 'hr-durable-'));
  const warnings: string[] = [];
  const written: string[] = [];
  const writer = new DurableWriter(
    join(root, 'no-such-worker.js'),
    async (j) => void written.push(j.target),
    (m) => warnings.push(m),
  );
  try {
    const folder = join(root, 'scope');
    await Promise.all([writer.write(job(folder, 'hr_a', 'a')), writer.write(job(folder, 'hr_b', 'b'))]);
    await writer.write(job(folder, 'hr_c', 'c'));
    assert.deepEqual(
      written.sort(),
      ['a', 'b', 'c'].map((n) => join(folder, `hr_${n}`)),
    );
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0], /original writer thread .*writing originals on the main thread/);
    assert.equal(existsSync(join(folder, 'hr_a')), false, 'only the fallback wrote (here: a stand-in)');
  } finally {
    await writer.close();
    rmSync(root, { recursive: true, force: true });
  }
});
