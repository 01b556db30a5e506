import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compressJson } from '../../../core/compressors/json/index.js';
import { countTokens } from '../../../core/util/tokens.js';
import { decode } from './decode.js';
import { fixture, markers, stashCtx } from './helpers.js';

type Obj = Record<string, unknown>;

/** Compresses a fixture; checks the CCR round trip (kept rows + every marker's stash = the original) on the way. */
function run(name: string, query = ''): { out: string; stash: Map<string, string>; value: unknown; saved: number } {
  const text = fixture(name);
  const { ctx, stash } = stashCtx(query);
  const out = compressJson(text, ctx);
  assert.ok(out, `${name} compresses`);
  const value = name.endsWith('.ndjson')
    ? text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown)
    : (JSON.parse(text) as unknown);
  assert.deepEqual(decode(out, stash), value, `${name}: kept rows and stashed rows rebuild the original`);
  assert.equal(out, compressJson(text, stashCtx(query).ctx), `${name}: deterministic`);
  return { out, stash, value, saved: 1 - countTokens(out) / countTokens(text) };
}

/** Each marker's stash parses back to exactly the rows its `index a–b` note names. */
function assertStashedSlices(out: string, stash: Map<string, string>, rows: readonly unknown[]): void {
  const ms = markers(out);
  assert.ok(ms.length > 0, 'rows were dropped');
  for (const m of ms) {
    assert.equal(m.end - m.start + 1, m.count, m.line);
    assert.deepEqual(JSON.parse(stash.get(m.id)!), rows.slice(m.start, m.end + 1), m.line);
  }
}

test(`GitHub issues: error titles, the outlier and the queried issue stay verbatim; the rest is stashed \
exactly`, () => {
  const { out, stash, value, saved } = run('github-issues.json', 'why does the websocket reconnect loop');
  const issues = value as Obj[];
  assert.ok(saved > 0.9, `saved ${saved}`);
  assertStashedSlices(out, stash, issues);
  const row = (number: number): string | undefined => out.split('\n').find((l) => l.includes(` | ${number} | `));
  // the queried issue (also the comment-count outlier: 57 comments, 41 👍)
  assert.match(row(1408)!, /\| Websocket reconnect loops forever after server restart \|/);
  assert.match(row(1408)!, /\| 57 \|/);
  // failure-looking titles the guard insists on
  assert.ok(row(1410)!.includes("| TypeError: Cannot read properties of undefined (reading 'length') in parser |"));
  assert.ok(row(1386)!.includes('| Crash when the upload is cancelled midway |'));
  assert.ok(row(1406)!.includes('| Improve error message when config file is missing |'));
  // the query picked its rows: no sample of first and last rows beside them, but every dropped issue is named
  for (const n of [1412, 1411, 1383]) {
    const named = markers(out).some((m) => new RegExp(`\\b${n}\\b`).test(m.line.replace(/ · retrieve .*$/, '')));
    assert.ok(named || row(n), `#${n} shown or named in a marker`);
  }
  const shown = /^\[30 rows, (\d+) shown/.exec(out);
  assert.ok(shown && Number(shown[1]) <= 12, 'most rows dropped');
  // the URL templates are stated for the kept and the dropped rows alike
  assert.match(out, /^html_url = https:\/\/github\.com\/acme\/widget\/issues\/\{number\}$/m);
});

test('kubectl pods: the CrashLoopBackOff pod is kept with its reason, restarts and exit code', () => {
  const { out, stash, value, saved } = run('kubectl-pods.json');
  const pods = (value as { items: Obj[] }).items;
  assert.ok(saved > 0.8, `saved ${saved}`);
  assertStashedSlices(out, stash, pods);
  const crashed = pods.find((p) => JSON.stringify(p).includes('CrashLoopBackOff'))!;
  const name = String((crashed.metadata as Obj).name);
  const line = out.split('\n').find((l) => l.includes(`| ${name} |`))!;
  assert.ok(line, 'crashed pod row');
  assert.match(line, /\| false \| 17 \| false \|/, 'ready=false, restartCount=17, started=false');
  assert.match(out, /"reason":"CrashLoopBackOff"/);
  assert.match(out, /"exitCode":1,/);
  assert.match(out, /back-off 5m0s restarting failed container=api/);
});

test('metrics: the latency spike and its neighbours are kept; the calm rows are one marker per run', () => {
  const { out, stash, value, saved } = run('metrics-series.json');
  const rows = value as Obj[];
  assert.ok(saved > 0.9, `saved ${saved}`);
  assertStashedSlices(out, stash, rows);
  assert.match(out, /^2024-05-01T14:37:00Z \| [\d.]+ \| 2417 \| \d+ \| 12$/m, 'the spike');
  assert.match(out, /^2024-05-01T14:36:00Z \| /m, 'before it');
  assert.match(out, /^2024-05-01T14:38:00Z \| /m, 'after it');
  const shown = Number(/^\[240 rows, (\d+) shown\]$/m.exec(out)![1]);
  assert.ok(shown >= 24 && shown <= 60, `kept ${shown} of 240`);
  for (const m of markers(out))
    assert.match(m.line, /latency_ms 3\d–6\d/, 'the marker says what the dropped rows hold');
});

test('Elasticsearch hits: the 503 hit is kept with its id and message', () => {
  const { out, stash, value, saved } = run('elasticsearch-hits.json');
  const hits = (value as { hits: { hits: Obj[] } }).hits.hits;
  assert.ok(saved > 0.85, `saved ${saved}`);
  assertStashedSlices(out, stash, hits);
  const bad = hits.find((h) => (h._source as Obj).level === 'ERROR')!;
  const line = out.split('\n').find((l) => l.includes('upstream payment-gateway timed out after 30s'))!;
  // the random `_id`s leave the table (opaque ids), exactly retrievable per shown row
  const leftOut = /columns left out: ([^[]*) \[… \d+ values omitted: .* · retrieve (hr_[0-9a-f]{16})\]/.exec(out);
  assert.ok(leftOut && leftOut[1].split(', ').includes('_id'), 'the _id column is left out');
  assert.ok((JSON.parse(stash.get(leftOut[2])!) as Record<string, string[]>)._id.includes(String(bad._id)));
  assert.match(line, /\| ERROR \|/);
  assert.match(line, /\| 503 \|/);
  assert.match(line, /\| \/api\/payments\/charge \| 30012000000 \| upstream payment-gateway timed out after 30s$/);
  assert.match(out, /^ {4}all rows: \{"_index":"\.ds-logs-checkout-2024\.05\.01-000001"/m);
});

test('NDJSON (pino): the error line is kept; stashes are the exact original lines', () => {
  const { out, stash, saved } = run('pino.ndjson');
  const lines = fixture('pino.ndjson').trim().split('\n');
  assert.ok(saved > 0.85, `saved ${saved}`);
  assert.match(out, /^\[300 NDJSON lines, \d+ shown; empty = absent\]$/m);
  const ms = markers(out);
  assert.ok(ms.length >= 2);
  for (const m of ms) {
    assert.equal(m.unit, 'lines');
    assert.equal(stash.get(m.id), lines.slice(m.start, m.end + 1).join('\n'), 'byte-exact lines');
  }
  assert.match(out, /^50 \| 1714548652750 \| req-38z \|.*\| db query failed \| ↓$/m);
  assert.match(out, /"message":"connect ECONNREFUSED 10\.0\.4\.17:5432"/);
});

test('npm view: newest versions and the queried one are kept from long lists and maps', () => {
  const { out, stash, value } = run('npm-view-express.json', 'when was 4.17.1 published');
  const view = value as { versions: string[]; time: Record<string, string> };
  assert.match(out, /^dist-tags: \{"latest":"5\.3\.0"\}$/m);
  assert.match(out, /^ {2}.*"5\.2\.1", "5\.3\.0"$/m, 'newest versions');
  assert.match(out, /^ {2}"4\.17\.1"$/m);
  assert.ok(out.includes(`  4.17.1: ${view.time['4.17.1']}`));
  for (const m of markers(out)) {
    const content = JSON.parse(stash.get(m.id)!) as unknown;
    if (m.unit === 'items') assert.deepEqual(content, view.versions.slice(m.start, m.end + 1));
    else assert.deepEqual(Object.keys(content as Obj), Object.keys(view.time).slice(m.start, m.end + 1));
  }
});

test('package-lock: the queried package is kept out of hundreds of entries', () => {
  const { out, stash, value, saved } = run('package-lock.json', 'which version of yaml is locked');
  const lock = value as { packages: Record<string, Obj> };
  assert.ok(saved > 0.9, `saved ${saved}`);
  assert.ok(out.includes(`  node_modules/yaml | ${String(lock.packages['node_modules/yaml'].version)} | `));
  const keys = Object.keys(lock.packages);
  for (const m of markers(out)) {
    assert.equal(m.unit, 'entries');
    assert.deepEqual(
      JSON.parse(stash.get(m.id)!),
      Object.fromEntries(keys.slice(m.start, m.end + 1).map((k) => [k, lock.packages[k]])),
    );
  }
});

test('npm ls --all: the tree stays whole enough to decode, big branches select', () => {
  const { saved } = run('npm-ls-all.json');
  assert.ok(saved > 0.5, `saved ${saved}`);
});

test('a long Prometheus range becomes one summary line that names its spike', () => {
  const values = Array.from({ length: 2000 }, (_, i) => [
    1714564800 + i * 15,
    i === 1234 ? '9.73' : (0.2 + ((i * 7919) % 50) / 1000).toFixed(4),
  ]);
  const text = JSON.stringify(
    { status: 'success', data: { resultType: 'matrix', result: [{ metric: { job: 'node' }, values }] } },
    null,
    2,
  );
  const { ctx, stash } = stashCtx();
  const out = compressJson(text, ctx)!;
  assert.ok(out.length < text.length / 10);
  // one line for the whole series: its span, the spike with its time, the level it sits at
  const line = out.split('\n').find((l) => l.trimStart().startsWith('values: [… 2000 points omitted: '));
  assert.ok(line, out);
  assert.match(line, /1714564800–1714594785 every 15 \(2024-05-01 12:00–20:19 UTC\)/);
  assert.match(line, /max 9\.73 at 1714583310/, 'the spike');
  assert.deepEqual(decode(out, stash), JSON.parse(text));
});
