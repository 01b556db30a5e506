import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compress } from '../../../core/compress.js';
import { markerIds } from '../../../core/ccr/marker.js';
import { fixture } from './helpers.js';

const FIXTURES = [
  'github-issues.json',
  'kubectl-pods.json',
  'metrics-series.json',
  'elasticsearch-hits.json',
  'npm-view-express.json',
  'npm-ls-all.json',
  'package-lock.json',
  'pino.ndjson',
];

test('through the pipeline: detected as JSON, the guard is satisfied, every marker redeems', () => {
  for (const name of FIXTURES) {
    const text = fixture(name);
    const r = compress(text, { query: 'errors' });
    assert.equal(r.kind, 'json', name);
    assert.equal(r.compressed, true, `${name}: ${r.reason}`);
    assert.ok(r.output.length < text.length / 2, name);
    const records = new Map(r.records.map((x) => [x.id, x.content]));
    assert.equal(records.get(r.originalId!), text, 'the exact original is stored');
    for (const id of markerIds(r.output)) assert.ok(records.has(id), `${name}: ${id} is stored`);
  }
});
