import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compressTable, parseTable } from '../../../core/compressors/table/index.js';
import { countTokens } from '../../../core/util/tokens.js';
import { fixture, MARKER_RE, recordingContext, type RecordingContext } from '../text/harness.js';

// Real output saved on this machine: `ps aux` (machinery processes filtered out), `df -h`,
// `ls -l /usr/bin | head -400`, a CSV of node_modules package.json metadata, markdown tables from http-errors' and
// micromatch's READMEs; plus a synthetic `kubectl get pods -A` with 200 pods, two of them failing.

/** Every marker's stash is an exact run of whole lines of the input; returns all stashed lines in marker order. */
function assertMarkersRedeem(input: string, out: string, ctx: RecordingContext): string[] {
  const lines: string[] = [];
  for (const m of out.matchAll(MARKER_RE)) {
    assert.equal(m[2], 'rows');
    const content = ctx.stashed.get(m[3]);
    assert.ok(content !== undefined, `stashed ${m[3]}`);
    const at = input.indexOf(content);
    assert.ok(at >= 0, 'stash is an exact slice of the input');
    assert.ok(at === 0 || input[at - 1] === '\n', 'stash starts at a line start');
    assert.ok(
      at + content.length === input.length || /[\r\n]/.test(input[at + content.length]),
      'stash ends at a line end',
    );
    const stashedLines = content.split('\n');
    assert.equal(stashedLines.length, Number(m[1]), 'marker count = stashed lines');
    lines.push(...stashedLines);
  }
  return lines;
}

test('kubectl get pods: 200 pods shrink to the header, both failing pods, restart outliers and markers', () => {
  const text = fixture('table', 'kubectl-get-pods.txt');
  const ctx = recordingContext();
  const out = compressTable(text, ctx)!;
  assert.ok(out !== null);
  const outLines = out.split('\n');
  assert.match(outLines[0], /^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
  assert.ok(out.includes('billing-7f9c6d8b5-x2kqp') && out.includes('CrashLoopBackOff') && out.includes('47 (2m ago)'));
  assert.ok(out.includes('indexer-5b8d7c9f4-mm7tz') && out.includes('OOMKilled'));
  assert.ok(countTokens(out) < countTokens(text) * 0.25, `${countTokens(out)} of ${countTokens(text)} tokens`);
  // every pod is either shown or behind a marker, exactly once
  const pods = text
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((l) => l.split(/\s+/)[1]);
  const stashed = assertMarkersRedeem(text, out, ctx).map((l) => l.split(/\s+/)[1]);
  const shown = pods.filter((p) => outLines.some((l) => l.split(/\s+/)[1] === p));
  assert.deepEqual([...shown, ...stashed].sort(), [...pods].sort());
  // the dropped runs say what they hold
  assert.match(out, /rows omitted: all READY=1\/1, STATUS=Running/);
});

test('kubectl get pods: rows matching the query are kept', () => {
  const text = fixture('table', 'kubectl-get-pods.txt');
  const out = compressTable(text, recordingContext('show the billing pods'))!;
  const billing = text
    .split('\n')
    .filter((l) => /\bbilling-/.test(l))
    .map((l) => l.split(/\s+/)[1]);
  assert.ok(billing.length > 10);
  for (const pod of billing) assert.ok(out.includes(pod), pod);
});

test('ps aux: constant columns are stated once and padding goes (lossless)', () => {
  const text = fixture('table', 'ps-aux.txt');
  const out = compressTable(text, recordingContext())!;
  assert.match(out, /^Same in all \d+ rows: USER=root/);
  assert.equal(out.match(/\broot\b/g)?.length ?? 0, 1, 'root is said once');
  assert.doesNotMatch(out, / {2}/, 'no alignment padding left');
  assert.doesNotMatch(out, MARKER_RE, 'under the lossy threshold nothing is dropped');
  // every process is still there with its full command line
  for (const line of text.trimEnd().split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    assert.ok(out.includes(`${cols[1]} `), `pid ${cols[1]}`);
    assert.ok(out.includes(cols.slice(10).join(' ')), `command of ${cols[1]}`);
  }
  assert.ok(countTokens(out) < countTokens(text) * 0.85);
});

test('ps aux parses into its 11 columns even where big values push the line out of alignment', () => {
  const t = parseTable(fixture('table', 'ps-aux.txt'))!;
  assert.equal(t.format, 'aligned');
  assert.deepEqual(t.header?.cells, [
    'USER',
    'PID',
    '%CPU',
    '%MEM',
    'VSZ',
    'RSS',
    'TTY',
    'STAT',
    'START',
    'TIME',
    'COMMAND',
  ]);
  for (const r of t.rows) {
    assert.equal(r.ragged, false);
    assert.match(r.cells[1], /^\d+$/, 'PID');
    assert.match(r.cells[4], /^\d+$/, 'VSZ');
    assert.match(r.cells[5], /^\d+$/, 'RSS');
  }
});

test('df -h: the two-word "Mounted on" column stays one column', () => {
  const text = fixture('table', 'df-h.txt');
  const t = parseTable(text)!;
  assert.equal(t.columns, 6);
  assert.equal(t.header?.cells[5], 'Mounted on');
  assert.deepEqual(
    t.rows.map((r) => r.cells[5]),
    text
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => l.split(/\s+/)[5]),
  );
  const out = compressTable(text, recordingContext())!;
  assert.ok(out.length < text.length);
  assert.ok(out.startsWith('Filesystem Size Used Avail Use% Mounted on\n'));
});

test('ls -l (no header): the `total` line stays, odd rows are kept, the rest goes behind markers', () => {
  const text = fixture('table', 'ls-l-usr-bin.txt');
  const ctx = recordingContext();
  const out = compressTable(text, ctx)!;
  assert.ok(out.startsWith('total '));
  assert.match(out, /Same in all \d+ rows: column 3=root/);
  // setgid/rare-group and multi-link entries are rare values: kept
  for (const line of text.split('\n').filter((l) => / shadow /.test(l)))
    assert.ok(out.includes(line.trim().split(/\s+/).pop()!), line);
  const stashed = assertMarkersRedeem(text, out, ctx);
  const dataLines = text.trimEnd().split('\n').length - 1;
  const shownRows = out.split('\n').filter((l) => /^[-dlcbps][rwxsStT-]{9}/.test(l)).length;
  assert.equal(shownRows + stashed.length, dataLines);
  assert.ok(countTokens(out) < countTokens(text) * 0.2);
});

test('CSV: quoted fields with commas and quotes parse as one cell, and kept rows are still valid CSV', () => {
  const text = fixture('table', 'npm-packages.csv');
  const t = parseTable(text)!;
  assert.equal(t.format, 'csv');
  assert.deepEqual(t.header?.cells, ['name', 'version', 'license', 'type', 'dependencies', 'files', 'description']);
  assert.equal(t.rows.length, text.trimEnd().split('\n').length - 1);
  assert.ok(t.rows.every((r) => r.cells.length === 7 && !r.ragged));
  const cockatiel = t.rows.find((r) => r.cells[0] === 'cockatiel')!;
  assert.match(cockatiel.cells[6], /^A resilience .*Backoff, Retry, Circuit Breaker/);

  const ctx = recordingContext('which packages are written by azure');
  const out = compressTable(text, ctx)!;
  assert.ok(out.startsWith('name,version,license,type,dependencies,files,description\n'));
  for (const r of t.rows.filter((x) => x.cells[0].includes('azure')))
    assert.ok(out.includes(text.slice(r.start, r.end)), r.cells[0]);
  // no column was constant here, so kept rows are copied byte for byte and re-parse to the same cells
  const reparsed = parseTable(
    out
      .split('\n')
      .filter((l) => !l.startsWith('[…'))
      .join('\n'),
  )!;
  for (const r of reparsed.rows) assert.equal(r.cells.length, 7);
  assertMarkersRedeem(text, out, ctx);
  assert.ok(countTokens(out) < countTokens(text) * 0.5);
});

test('CSV: numeric outliers, failures and "false" in an ok column are kept', () => {
  const rows = ['endpoint,region,p99_ms,ok,exit_code'];
  for (let i = 0; i < 400; i++) rows.push(`/api/items/${i},eu-west-1,${40 + (i % 7)},true,0`);
  rows[123] = '/api/items/122,eu-west-1,9150,true,0';
  rows[250] = '/api/items/249,eu-west-1,43,false,0';
  rows[301] = '/api/items/300,eu-west-1,41,true,137';
  const text = rows.join('\n') + '\n';
  const ctx = recordingContext();
  const out = compressTable(text, ctx)!;
  assert.match(out, /^Same in all 400 rows: region=eu-west-1\n/);
  assert.ok(out.includes('/api/items/122,9150,true,0'));
  assert.ok(out.includes('/api/items/249,43,false,0'));
  assert.ok(out.includes('/api/items/300,41,true,137'));
  assert.ok(out.length < text.length * 0.2);
  assertMarkersRedeem(text, out, ctx);
});

test('markdown tables: padding is minified, header and separator kept, nothing dropped when small', () => {
  const text = fixture('table', 'http-errors-status-codes.md');
  const out = compressTable(text, recordingContext())!;
  const lines = out.trimEnd().split('\n');
  assert.equal(lines[0], '| Status Code | Constructor Name |');
  assert.equal(lines[1], '|---|---|');
  assert.ok(lines.includes('| 418 | ImATeapot |'));
  assert.equal(lines.length, text.trimEnd().split('\n').length);
  assert.ok(out.length < text.length * 0.7);

  const options = fixture('table', 'micromatch-options.md');
  const o = compressTable(options, recordingContext())!;
  assert.ok(o.startsWith('| **Option** | **Type** | **Default value** | **Description** |\n|---|---|---|---|\n'));
  assert.ok(o.includes('| `nocase` | `boolean` | `false` |'));
});

test('deterministic', () => {
  for (const f of ['kubectl-get-pods.txt', 'npm-packages.csv', 'ls-l-usr-bin.txt']) {
    const text = fixture('table', f);
    assert.equal(compressTable(text, recordingContext('billing')), compressTable(text, recordingContext('billing')));
  }
});

test('odd input never throws and stays fast', () => {
  const odd = [
    '',
    '\n\n\n',
    'one line only',
    '<<<<'.repeat(2000),
    'a,b\n"unclosed quote,x\n1,2\n'.repeat(300),
    '| a |\n|---|\n' + '| x | y | z |\n'.repeat(500),
    'x'.repeat(5 * 1024 * 1024),
    Array.from({ length: 3000 }, (_, i) => ' '.repeat(i % 37) + 'w'.repeat((i * 7) % 50)).join('\n'),
    'NAME   STATUS\n' + 'pod-1   Running   extra   words here\n'.repeat(1000),
    'A  B\n' + '\t\t\n'.repeat(1000),
  ];
  for (const text of odd) {
    const ctx = recordingContext('x');
    const out = compressTable(text, ctx);
    if (out !== null) assert.ok(out.length < text.length);
  }
});

test('a wide 5 MB CSV keeps every failed row (its speed is in npm run bench: limits)', () => {
  const rows = ['id,host,status,latency_ms,message'];
  for (let i = 0; rows.length < 60000; i++)
    rows.push(
      `${i},web-${i % 40},${i % 9973 === 0 ? 'failed' : 'ok'},${20 + (i % 13)},"request served, cache ` +
        `${i % 3 ? 'hit' : 'miss'}"`,
    );
  const text = rows.join('\n');
  const ctx = recordingContext();
  const out = compressTable(text, ctx)!;
  for (const l of rows.filter((r) => r.includes(',failed,'))) assert.ok(out.includes(l), l);
  assertMarkersRedeem(text, out, ctx);
});

test('docker ps (synthetic): multi-word header and values stay in their columns; tabs separate them', () => {
  const text = fixture('table', 'docker-ps-synthetic.txt');
  const t = parseTable(text)!;
  assert.deepEqual(t.header?.cells, ['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES']);
  assert.deepEqual(t.rows[2].cells, [
    'c4d8e2f1a0b7',
    'myapp/api:1.4.2',
    '"node server.js"',
    '3 days ago',
    'Exited (1) 3 days ago',
    '',
    'api-old',
  ]);
  const out = compressTable(text, recordingContext())!;
  assert.ok(
    out.includes('c4d8e2f1a0b7\tmyapp/api:1.4.2\t"node server.js"\t3 days ago\tExited (1) 3 days ago\t\tapi-old'),
  );
  assert.ok(countTokens(out) < countTokens(text));
});

test('TSV: tab-separated values parse and keep their layout', () => {
  const ps = parseTable(fixture('table', 'ps-aux.txt'))!;
  const tsv = [ps.header!.cells.join('\t'), ...ps.rows.map((r) => r.cells.join('\t'))].join('\n') + '\n';
  const t = parseTable(tsv)!;
  assert.equal(t.format, 'tsv');
  assert.equal(t.columns, 11);
  assert.equal(t.rows.length, ps.rows.length);
  const out = compressTable(tsv, recordingContext())!;
  assert.match(
    out,
    /^Same in all \d+ rows: USER=root, TTY=\?\nPID\t%CPU\t%MEM\tVSZ\tRSS\tSTAT\tSTART\tTIME\tCOMMAND\n/,
  );
});
