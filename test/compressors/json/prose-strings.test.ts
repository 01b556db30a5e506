import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compress } from '../../../core/compress.js';
import { compressText } from '../../../core/compressors/text/index.js';
import { countTokens } from '../../../core/util/tokens.js';
import { ERROR_RE } from '../../../core/router/signals.js';
import { fixture } from './helpers.js';

const prose = (name: string): string => readFileSync(join(__dirname, '..', '..', 'fixtures', 'prose', name), 'utf8');
const ids = (s: string): string[] => [...new Set(s.match(/hr_[0-9a-f]{16}/g) ?? [])];

test(`long HTML documentation strings in a real API model are condensed; every original string stays \
retrievable`, () => {
  const text = fixture('aws-logs-operations.json');
  const query = 'What limits apply to a PutLogEvents batch?';
  const withProse = compress(text, { query });
  const without = compress(text, { query, proseCompressor: () => null });
  assert.equal(withProse.kind, 'json');
  assert.ok(withProse.compressed && without.compressed);
  const a = countTokens(withProse.output);
  const b = countTokens(without.output);
  assert.ok(a < b * 0.93, `prose strings condensed: ${a} tokens vs ${b} with strings whole`);
  // the query's operation keeps its limits
  for (const fact of ['1,048,576 bytes', '10,000', '256 KB', '24 hours'])
    assert.ok(withProse.output.includes(fact), fact);
  // every marker redeems from the records, and the exact HTML of the query's operation is among them
  const records = new Map(withProse.records.map((r) => [r.id, r.content]));
  for (const id of ids(withProse.output)) assert.ok(records.has(id), `marker ${id} has a record`);
  const doc = (JSON.parse(text) as { operations: Record<string, { documentation: string }> }).operations.PutLogEvents
    .documentation;
  assert.ok(!withProse.output.includes(JSON.stringify(doc)), 'the HTML string itself was shortened');
  assert.ok([...records.values()].includes(doc), 'its exact original is stored');
  assert.equal(compress(text, { query }).output, withProse.output, 'deterministic');
});

test('an issue body small enough to keep every field is still condensed as prose, answer kept', () => {
  const faq = prose('zlib-faq.txt');
  const at = faq.indexOf('21. Is zlib thread-safe?');
  const body = faq.slice(at - 4000, at + 1500);
  const issue = {
    number: 4127,
    title: 'Questions about zlib threading',
    state: 'open',
    user: { login: 'octo' },
    labels: ['question'],
    body,
  };
  const text = JSON.stringify(issue, null, 2);
  const r = compress(text, { query: 'Is zlib thread-safe?' });
  assert.equal(r.kind, 'json');
  assert.ok(r.compressed, r.reason);
  assert.ok(r.output.length < text.length * 0.8, `${r.output.length} of ${text.length} characters`);
  for (const kept of [
    '4127',
    'Questions about zlib threading',
    'octo',
    'question',
    'Is zlib thread-safe?',
    'must also be thread-safe',
  ]) {
    assert.ok(r.output.includes(kept), kept);
  }
  // the body is still one JSON string, markers inside, and its exact text is retrievable
  const records = new Map(r.records.map((x) => [x.id, x.content]));
  assert.ok(
    [...records.values()].some((c) => c === text),
    'the whole original document is stored',
  );
  for (const id of ids(r.output)) assert.ok(records.has(id));
});

test('the prose compressor given to compress() handles prose units, HTML text and JSON strings alike', () => {
  const seen: string[] = [];
  // keeps the first 200 characters and every error line (as the guard demands), drops the rest
  const shorten = (t: string): string => {
    seen.push(t);
    return [`${t.slice(0, 200)} [condensed]`, ...t.split('\n').filter((l) => ERROR_RE.test(l))].join('\n');
  };
  const doc = prose('xz-readme.txt');
  const unit = compress(doc, { proseCompressor: shorten });
  assert.equal(unit.kind, 'text');
  assert.ok(unit.output.startsWith(`${doc.slice(0, 200)} [condensed]`), unit.reason);
  const html = `<html><body>${doc
    .split('\n\n')
    .map((p) => `<p>${p}</p>`)
    .join('\n')}</body></html>`;
  assert.ok(compress(html, { proseCompressor: shorten }).output.includes('[condensed]'));
  const json = JSON.stringify({ id: 1, body: doc });
  assert.ok(compress(json, { proseCompressor: shorten }).output.includes('[condensed]'));
  assert.equal(seen.length, 3);
});

test('a prose compressor that drops an error line is overruled piece by piece', () => {
  const doc =
    `${prose('xz-readme.txt').slice(0, 3000)}\nError: the build failed because liblzma.so.5 was not ` +
    `found\n${prose('gdb-readme.txt').slice(0, 3000)}`;
  const lossy = (t: string): string => t.slice(0, 100);
  const r = compress(doc, { proseCompressor: lossy });
  assert.ok(!r.compressed, 'the unit passes through rather than lose the error');
  // inside JSON the piece falls back to whole while the rest of the document is still compressed
  const rows = Array.from({ length: 40 }, (_, i) => ({
    id: i,
    status: i === 7 ? 'failed' : 'ok',
    note: i === 7 ? doc : `run ${i}`,
  }));
  const j = compress(JSON.stringify(rows), { proseCompressor: lossy });
  assert.ok(j.output.includes('liblzma.so.5 was not found'));
  assert.ok(
    compressText(doc, { query: '', queryTerms: [], stash: () => 'hr_0000000000000000' })?.includes('liblzma.so.5'),
    'the extractive one keeps it',
  );
});
