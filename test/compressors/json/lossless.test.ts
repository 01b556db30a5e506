import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crushJsonValue, compressJson } from '../../../core/compressors/json/index.js';
import { decode } from './decode.js';
import { fixture, stashCtx } from './helpers.js';
import { countTokens } from '../../../core/util/tokens.js';

type Obj = Record<string, unknown>;
const FIXTURES = [
  'github-issues.json',
  'kubectl-pods.json',
  'metrics-series.json',
  'prometheus-range.json',
  'elasticsearch-hits.json',
  'npm-view-express.json',
  'npm-ls-all.json',
  'package-lock.json',
  'pino.ndjson',
];
const parse = (name: string): unknown => {
  const text = fixture(name);
  return name.endsWith('.ndjson')
    ? text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown)
    : (JSON.parse(text) as unknown);
};
const lossless = (value: unknown, query = ''): string => crushJsonValue(value, stashCtx(query).ctx, { lossy: false })!;

test('the lossless stage of every fixture decodes back to exactly the original value', () => {
  for (const name of FIXTURES) {
    const value = parse(name);
    const out = lossless(value);
    assert.deepEqual(decode(out), value, name);
    assert.ok(out.length < fixture(name).length, name);
    assert.doesNotMatch(out, /\[… /, `${name}: no markers in the lossless stage`);
  }
});

test('API payloads lose most of their tokens losslessly, measured against minified JSON', () => {
  const limits: Record<string, number> = {
    'github-issues.json': 0.25,
    'kubectl-pods.json': 0.45,
    'elasticsearch-hits.json': 0.55,
    'pino.ndjson': 0.55,
  };
  for (const [name, limit] of Object.entries(limits)) {
    const value = parse(name);
    const ratio = countTokens(lossless(value)) / countTokens(JSON.stringify(value));
    assert.ok(ratio < limit, `${name}: ${ratio.toFixed(2)} of minified tokens`);
  }
});

test('GitHub issues: constants stated once, URL columns replaced by templates that hold for every row', () => {
  const issues = parse('github-issues.json') as Obj[];
  const out = lossless(issues);
  const lines = out.split('\n');
  const all = lines.find((l) => l.startsWith('all rows: '))!;
  assert.deepEqual(
    Object.entries(JSON.parse(all.slice('all rows: '.length)) as Obj).filter(([k]) =>
      ['state', 'locked', 'repository_url'].includes(k),
    ),
    [
      ['repository_url', 'https://api.github.com/repos/acme/widget'],
      ['state', 'open'],
      ['locked', false],
    ],
  );
  const templates = new Map(
    lines.filter((l) => /^[\w.]+ = https:\/\//.test(l)).map((l) => l.split(' = ') as [string, string]),
  );
  for (const col of ['url', 'labels_url', 'comments_url', 'events_url', 'html_url', 'timeline_url']) {
    const tpl = templates.get(col);
    assert.ok(tpl, `template for ${col}`);
    for (const issue of issues)
      assert.equal(tpl.replace('{number}', String(issue.number)), issue[col], `${col} of #${issue.number}`);
    assert.equal(out.includes(String(issues[3][col])), false, `${col} values are not repeated per row`);
  }
  assert.equal(templates.get('html_url'), 'https://github.com/acme/widget/issues/{number}');
  assert.equal(templates.get('labels_url'), 'https://api.github.com/repos/acme/widget/issues/{number}/labels{/name}');
  const reactions = templates.get('reactions.url')!;
  for (const issue of issues)
    assert.equal(reactions.replace('{number}', String(issue.number)), (issue.reactions as Obj).url);
});

test('GitHub issues: repeated users and labels are defined once and referenced; user URLs become templates', () => {
  const issues = parse('github-issues.json') as Obj[];
  const out = lossless(issues);
  const header = out.split('\n').find((l) => l.startsWith('id | '))!;
  assert.match(header, /\| user \| labels \| assignee \| assignees \|/);
  assert.match(out, /^refs for user: \[\d+ rows\]$/m);
  assert.match(out, /^ {2}avatar_url = https:\/\/avatars\.githubusercontent\.com\/u\/\{id\}\?v=4$/m);
  assert.match(out, /^ {2}following_url = https:\/\/api\.github\.com\/users\/\{login\}\/following\{\/other_user\}$/m);
  // each distinct user object is written once
  for (const login of ['octocat', 'mona-lisa', 'hubot', 'defunkt', 'dependabot[bot]']) {
    assert.equal(out.split(`| ${login} |`).length - 1, 1, login);
  }
  const first = out.split('\n').find((l) => l.startsWith(`${issues[0].id} | `))!;
  assert.match(first, /\| @u\d+ \| \[@l\d+,@l\d+\] \|/, 'user and the two labels of the first issue are references');
  assert.equal(out.split('"name":"bug"').length + out.split('| bug |').length - 2, 1, 'the bug label is defined once');
});

test('kubectl pods: shared spec fields are constants, pod-specific ones stay, derived fields are templates', () => {
  const list = parse('kubectl-pods.json') as { items: Obj[] };
  const out = lossless(list);
  assert.match(out, /^items: \[20 rows; empty = absent\]$/m);
  const all = JSON.parse(/^ {2}all rows: (.*)$/m.exec(out)![1]) as Obj;
  assert.equal(all['spec.restartPolicy'], 'Always');
  assert.equal(all['metadata.namespace'], 'default');
  assert.match(out, /^ {2}status\.podIP = \{status\.podIPs\[0\]\.ip\}$/m);
  assert.match(
    out,
    new RegExp(
      /^ {2}spec\.volumes\[0\]\.name = \{spec\.containers\[0\]\.volumeMounts\[0\]\.name\}$/.source +
        '|' +
        /^ {2}spec\.containers\[0\]\.volumeMounts\[0\]\.name = \{spec\.volumes\[0\]\.name\}$/.source,
      'm',
    ),
  );
  for (const pod of list.items) assert.ok(out.includes(String((pod.metadata as Obj).name)), 'every pod name is shown');
});

test('tables: empty cells mean null when no key is ever absent, and absent otherwise (nulls then written out)', () => {
  const tags = ['red', 'green', 'blue', 'teal', 'gold'];
  const rows = (extra: Obj[]): Obj[] => [
    ...Array.from({ length: 4 }, (_, i) => ({ id: i, note: i % 2 ? null : `n${i}`, tag: tags[i] })),
    ...extra,
  ];
  const nullsOnly = lossless(rows([]));
  assert.match(nullsOnly, /^\[4 rows; empty = null\]$/m);
  assert.match(nullsOnly, /^1 \|  \| green$/m);
  assert.deepEqual(decode(nullsOnly), rows([]));
  const both = lossless(rows([{ id: 9, tag: 'gold' }]));
  assert.match(both, /^\[5 rows; empty = absent\]$/m);
  assert.match(both, /^1 \| null \| green$/m);
  assert.match(both, /^9 \|  \| gold$/m);
  assert.deepEqual(decode(both), rows([{ id: 9, tag: 'gold' }]));
});

test('strings are bare unless they could be read as something else; such ones keep their quotes', () => {
  const tricky = [
    '42',
    '1.0',
    'true',
    'null',
    '',
    ' padded',
    'a | b',
    'line\nbreak',
    '@u1',
    '[x]',
    '{x}',
    '"q"',
    '↓',
    '-',
    'plain text',
    'ünïcödé ✓',
  ];
  const rows = tricky.map((s, i) => ({ i, s }));
  const out = lossless(rows);
  assert.deepEqual(decode(out), rows);
  const cell = (i: number): string =>
    out
      .split('\n')
      .find((l) => l.startsWith(`${i} | `))!
      .slice(`${i} | `.length);
  assert.equal(cell(0), '"42"');
  assert.equal(cell(2), '"true"');
  assert.equal(cell(4), '""');
  assert.equal(cell(6), '"a | b"');
  assert.equal(cell(7), '"line\\nbreak"');
  assert.equal(cell(8), '"@u1"');
  assert.equal(cell(13), '-');
  assert.equal(cell(14), 'plain text');
  assert.equal(cell(15), 'ünïcödé ✓');
});

test('cells full of pipes switch the table to tabs', () => {
  const words = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta'];
  const rows = words.map((w, i) => ({ id: i, cmd: `grep ${w} | wc -l | tee out` }));
  const out = lossless(rows);
  assert.match(out, /tab-separated/);
  assert.match(out, /^3\tgrep delta \| wc -l \| tee out$/m);
  assert.deepEqual(decode(out), rows);
});

test('maps of records become keyed tables; rare keys go to one (more) column', () => {
  const lock = parse('package-lock.json') as { packages: Record<string, Obj> };
  const out = lossless(lock);
  assert.match(out, /^packages: \[\d+ entries; empty = absent\]$/m);
  assert.match(out, /^ {2}\(key\) \| version \| license \| .*\| \(more\)$/m);
  const yaml = lock.packages['node_modules/yaml'];
  assert.match(
    out,
    new RegExp(`^  node_modules/yaml \\| ${String(yaml.version).replace(/\./g, '\\.')} \\| ${yaml.license} \\|`, 'm'),
  );
  assert.match(out, /\{"cpu":\["ppc64"\],"optional":true,"os":\["aix"\]\}/, 'esbuild platform keys in (more)');
});

test('arrays of same-length arrays become tables by position, unless their JSON is shorter', () => {
  const rows = Array.from({ length: 8 }, (_, i) => [
    `host-${i}`,
    'eu-west-1',
    i % 3 === 0 ? 'degraded' : 'healthy',
    { cpu: i },
  ]);
  const out = lossless(rows);
  assert.match(out, /^\[8 rows\]$/m);
  assert.match(out, /^all rows: \{"\[1\]":"eu-west-1"\}$/m);
  assert.match(out, /^\[0\] \| \[2\] \| \[3\]$/m);
  assert.match(out, /^host-3 \| degraded \| \{"cpu":3\}$/m);
  assert.deepEqual(decode(out), rows);
  // Prometheus [ts, "value"] pairs: the indented table would be longer than the compact JSON
  const prom = parse('prometheus-range.json') as { data: { result: Array<{ values: unknown[] }> } };
  const promOut = lossless(prom);
  assert.ok(promOut.includes(`    values: ${JSON.stringify(prom.data.result[0].values)}`));
});

test('keys with dots of their own are not flattened, and the header says so', () => {
  const rows = Array.from({ length: 4 }, (_, i) => ({
    'app.kubernetes.io/name': `svc${i}`,
    meta: { a: i, b: `x${i}` },
  }));
  const out = lossless(rows);
  assert.match(out, /dots in names are literal/);
  assert.deepEqual(decode(out), rows);
});

test('under the lossy threshold compressJson returns the lossless form', () => {
  const { ctx, stash } = stashCtx();
  const text = fixture('prometheus-range.json');
  const out = compressJson(text, ctx)!;
  assert.equal(out, lossless(JSON.parse(text)));
  assert.equal(stash.size, 0);
});
