import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detect } from '../../core/router/detect.js';
import { compress } from '../../core/compress.js';
import { compressText } from '../../core/compressors/text/index.js';
import { stashingContext } from '../../core/stash-context.js';

const fx = (dir: string, name: string): string => readFileSync(join(__dirname, '..', 'fixtures', dir, name), 'utf8');

test('a .txt or .log name is a hint: grep, ps and test output saved to a file keep their own compressors', () => {
  assert.equal(detect(fx('search', 'grep-hasSymbols.txt'), 'grep.txt').kind, 'search');
  assert.equal(detect(fx('table', 'ps-aux.txt'), 'ps.txt').kind, 'table');
  assert.equal(detect(fx('log', 'pytest-fail.txt'), 'out.txt').kind, 'log');
  assert.equal(detect(fx('log', 'git-log-stat.txt'), 'history.txt').kind, 'log');
  // a name still decides when the content has no shape of its own, and code files stay code
  assert.equal(detect('plain words about nothing in particular\n'.repeat(40), 'server.log').kind, 'log');
  assert.equal(detect(fx('table', 'ps-aux.txt'), 'notes.md').kind, 'text');
});

test('ps aux compressed as prose never prints a row made of two processes', () => {
  const ps = fx('table', 'ps-aux.txt');
  const { ctx } = stashingContext(undefined);
  const out = compressText(ps, ctx);
  assert.ok(out !== null, 'prose compression still shrinks it');
  const input = new Set(ps.split('\n'));
  for (const line of out.split('\n')) {
    if (line.startsWith('[… ') && line.endsWith(']')) continue;
    assert.ok(input.has(line), `not an input line: ${line.slice(0, 120)}`);
  }
  // and through compress() with the .txt name it is a table
  assert.equal(compress(ps, { fileName: 'ps.txt' }).kind, 'table');
});

test(`grep over log files is search results; a log whose lines start with dates is not a grep --heading \
listing`, () => {
  const grep = Array.from(
    { length: 60 },
    (_, i) =>
      `logs/app-${i % 3}.log:${100 + i * 7}:2026-12-07T10:${String(i % 60).padStart(2, '0')}:00Z ERROR ` +
      `[worker-${i % 4}] payment failed id=tx_${i}`,
  ).join('\n');
  assert.equal(detect(grep).kind, 'search');
  const log = Array.from(
    { length: 60 },
    (_, i) =>
      `2026-12-07 15:23:${String(i % 60).padStart(2, '0')}.976 INFO    [com.acme.importer.ImportJob] Imported ` +
      `ORD-${10000 + i} customer=c${i}`,
  ).join('\n');
  assert.equal(detect(log).kind, 'log');
});
