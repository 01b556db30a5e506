import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { compress } from '../../../core/compress.js';
import { markerIds } from '../../../core/ccr/marker.js';
import { fixture, initAllLanguages, markerLines } from './helpers.js';

before(initAllLanguages);

/** Swaps each marker line for its record from `records`: the CCR path an agent's retrieve takes. */
function fromRecords(output: string, records: { id: string; content: string }[]): string {
  const byId = new Map(records.map((r) => [r.id, r.content]));
  return output
    .split('\n')
    .map((l) => {
      const id = markerIds(l)[0];
      return id ? byId.get(id)! : l;
    })
    .join('\n');
}

test('compress() routes a file read to the code compressor; records give back every elided range', () => {
  const text = fixture('textwrap.py');
  const r = compress(text, {
    fileName: '/src/cpython/Lib/textwrap.py',
    query: 'How does dedent find the common margin?',
  });
  assert.equal(r.kind, 'code');
  assert.ok(r.compressed, r.reason);
  assert.ok(r.output.includes('                    margin = margin[:i]'), 'the named function is whole');
  assert.deepEqual(new Set(r.ccr), new Set(markerLines(r.output).map((m) => m.id)));
  assert.equal(fromRecords(r.output, r.records), text);
  assert.equal(r.records.find((x) => x.id === r.originalId)?.content, text);
});

test('without a file name: the router detects C, passes its language guess, and the compressor uses it', () => {
  const text = fixture('gzappend.c');
  const r = compress(text, { query: '' });
  assert.equal(r.kind, 'code');
  assert.ok(r.compressed, r.reason);
  assert.equal(fromRecords(r.output, r.records), text);
});

test('--kind code without a file name: the compressor sniffs the language itself', () => {
  const text = fixture('rack-query_parser.rb');
  const r = compress(text, { kind: 'code' });
  assert.ok(r.compressed, r.reason);
  assert.ok(markerLines(r.output).some((m) => m.what === 'body of QueryParser.normalize_params'));
  assert.equal(fromRecords(r.output, r.records), text);
});
