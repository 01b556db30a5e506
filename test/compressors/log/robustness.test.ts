// The log compressor never throws, never blows up on odd input, and gives the same bytes for the same input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compressLog } from '../../../core/compressors/log/index.js';
import { normalizeTerminalOutput } from '../../../core/compressors/log/progress.js';
import { accessLog, fixture, lines, makeCtx, prng, redeem } from './helpers.js';

test('garbage never throws: binary-ish bytes, control characters, lone surrogates, empty input', () => {
  const rnd = prng(3);
  let bytes = '';
  for (let i = 0; i < 200_000; i++) bytes += String.fromCharCode(Math.floor(rnd() * 256));
  const cases = [
    '',
    '\n',
    '\n'.repeat(10_000),
    ' \t \n'.repeat(5000),
    bytes,
    '\ud800\udc00\ud800'.repeat(20_000),
    '\x1b'.repeat(50_000),
    '\x1b]'.repeat(50_000),
    '\x1b[' + '9'.repeat(100_000),
    '\r'.repeat(100_000),
    'a\r'.repeat(50_000) + '\n',
    '('.repeat(200_000),
    '0'.repeat(300_000),
    'f'.repeat(300_000),
    '    at '.repeat(40_000),
    ('1.2.3.4.5.6.7.8.9 ' + '-'.repeat(50) + '\n').repeat(3000),
    ('x'.repeat(999) + ')\n').repeat(2000),
    ('\tfoo.go:1 +0x1\n' + 'a('.repeat(400) + ')\n').repeat(200),
  ];
  for (const text of cases) {
    const ctx = makeCtx('error foo');
    const out = compressLog(text, ctx);
    if (out !== null) {
      assert.equal(typeof out, 'string');
      assert.ok(out.length < text.length);
      assert.equal(redeem(out, ctx.stashed), normalizeTerminalOutput(text));
    }
  }
});

test('a single 5 MB line keeps its head and tail around an inline marker that redeems to the middle', () => {
  const rnd = prng(5);
  let line = '';
  while (line.length < 5_000_000) line += `k${Math.floor(rnd() * 1e6)}=v${Math.floor(rnd() * 1e6)};`;
  for (const text of [line, `start\n${line}\nend`]) {
    const ctx = makeCtx();
    const out = compressLog(text, ctx);
    assert.ok(out, 'compressed');
    assert.ok(out.length < 3000, `${out.length} chars`);
    assert.match(out, /\[… \d+ characters omitted · retrieve hr_[0-9a-f]{16}\]/);
    assert.equal(redeem(out, ctx.stashed), text);
  }
});

test('a cut never splits a surrogate pair', () => {
  // both parities: with and without a one-unit offset the head/tail cut points land on either half of a pair
  for (const text of ['😀'.repeat(3000), 'a' + '😀'.repeat(3000), '😀'.repeat(3000) + 'a']) {
    const ctx = makeCtx();
    const out = compressLog(text, ctx)!;
    assert.ok(out);
    assert.ok(
      !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(out),
      'no lone surrogates',
    );
    for (const piece of ctx.stashed.values()) assert.equal(Buffer.from(piece, 'utf8').toString('utf8'), piece);
    assert.equal(redeem(out, ctx.stashed), text);
  }
});

test('deterministic: same input and query give the same bytes, whatever ran before', () => {
  const inputs = [fixture('npm-install-silly.txt'), fixture('git-log-stat.txt'), accessLog(3000).text];
  const first = inputs.map((t) => compressLog(t, makeCtx('express')));
  compressLog(fixture('dpkg.log.txt'), makeCtx('python3'));
  const second = inputs.map((t) => compressLog(t, makeCtx('express')));
  assert.deepEqual(second, first);
});

test('lines that are only empty strings between content are kept or stashed exactly', () => {
  const text = [
    'first',
    '',
    '',
    ...Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? '' : `INFO step ${i} ok`)),
    '',
    'last',
  ].join('\n');
  const ctx = makeCtx();
  const out = compressLog(text, ctx);
  assert.ok(out);
  assert.equal(lines(out)[0], 'first');
  assert.equal(redeem(out, ctx.stashed), text);
});
