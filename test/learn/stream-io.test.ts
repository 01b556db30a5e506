import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamJsonItems } from '../../core/learn/io/json-items.js';
import { readLines } from '../../core/learn/io/lines.js';

const dir = mkdtempSync(join(tmpdir(), 'hr-learn-io-'));
let n = 0;
const file = (content: string | Buffer): string => {
  const p = join(dir, `f${n++}`);
  writeFileSync(p, content);
  return p;
};
const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

test('readLines: LF, CRLF, no final newline, empty lines, multi-byte characters across chunk edges', async () => {
  const long = 'ü'.repeat(700_000); // 1.4 MB line: crosses the 1 MiB chunk edge inside a 2-byte character
  const p = file(`a\r\nb\n\n${long}\nlast`);
  assert.deepEqual(await collect(readLines(p)), ['a', 'b', '', long, 'last']);
});

test('readLines: a line over the cap is dropped and counted, the next line is read', async () => {
  let dropped = 0;
  const p = file(`short\n${'x'.repeat(3 * 1024 * 1024)}\nafter\n`);
  const lines = await collect(readLines(p, { maxLineBytes: 1024 * 1024, onOversize: () => dropped++ }));
  assert.deepEqual(lines, ['short', 'after']);
  assert.equal(dropped, 1);
});

test('streamJsonItems yields exactly what JSON.parse sees, for awkward documents', async () => {
  const docs: unknown[] = [
    {
      sessionId: 'a',
      workspaceDirectory: '/w',
      history: [{ a: 1 }, 'str]ing', 3.5e2, null, true, [1, [2, { b: ']}' }]], { esc: 'q"uote\\\\' }],
      after: 'x',
    },
    { history: [], title: 't' },
    { first: { history: ['nested, not ours'] }, history: [{ k: 'v' }] },
    { title: 'no array' },
  ];
  for (const d of docs) {
    const head: Record<string, unknown> = {};
    const items = await collect(streamJsonItems(file(JSON.stringify(d, null, 2)), { arrayKey: 'history', head }));
    assert.deepEqual(items, (d as { history?: unknown[] }).history ?? []);
    for (const [k, v] of Object.entries(d as object))
      if (v === null || typeof v !== 'object') assert.deepEqual(head[k], v, k);
  }
  const top = [
    { role: 'user', content: 'a[b' },
    { role: 'assistant', content: [{ type: 'text', text: '}{' }] },
  ];
  assert.deepEqual(await collect(streamJsonItems(file(JSON.stringify(top)), { arrayKey: null })), top);
});

test('streamJsonItems across chunk edges: escapes, strings and items split between 1 MiB chunks', async () => {
  const items = Array.from({ length: 300 }, (_, i) => ({
    i,
    text: `${'\\"'.repeat(i % 7)}${'é€'.repeat(2000 + i)}`,
    arr: [i, `]${i}[`],
  }));
  const doc = { sessionId: 's', history: items };
  assert.deepEqual(await collect(streamJsonItems(file(JSON.stringify(doc)), { arrayKey: 'history' })), items);
});

test(`streamJsonItems: a corrupt item is skipped and counted, a truncated document yields what is \
complete`, async () => {
  let skipped = 0;
  const p = file('{"history": [{"a": 1}, {"b": tru}, {"c": 3}, {"d": ');
  const items = await collect(streamJsonItems(p, { arrayKey: 'history', onSkip: () => skipped++ }));
  assert.deepEqual(items, [{ a: 1 }, { c: 3 }]);
  assert.equal(skipped, 1);
  // an oversized item is dropped without holding it
  let big = 0;
  const q = file(JSON.stringify({ history: [{ x: 'y'.repeat(5000) }, { ok: 1 }] }));
  assert.deepEqual(
    await collect(streamJsonItems(q, { arrayKey: 'history', maxItemChars: 1000, onSkip: () => big++ })),
    [{ ok: 1 }],
  );
  assert.equal(big, 1);
});
