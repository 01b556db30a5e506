/**
 * The splice editors on their own: for every layout a user may have (one line, trailing commas, comments, tabs,
 * CRLF, no final newline, empty files), an edit followed by its revert gives the exact original back, and the
 * fallback path (the user reformatted the file) still removes only our entry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseJsonc } from 'jsonc-parser';
import { parse as parseYaml } from 'yaml';
import { parse as parseToml } from 'smol-toml';
import { appendJsonArrayElement, jsonParseError, setJsonValue } from '../../core/agents/edit/json-edit.js';
import { setYamlString } from '../../core/agents/edit/yaml-edit.js';
import { appendTable, setRootString, TOML_TAG } from '../../core/agents/edit/toml-edit.js';
import { revertEdits } from '../../core/agents/edit/revert.js';

const JSON_LAYOUTS: Record<string, string> = {
  empty: '',
  'empty object': '{}',
  'empty object on two lines': '{\n}\n',
  'one line': '{"a": 1, "b": {"c": 2}}',
  'trailing comma': '{\n  "a": 1,\n}\n',
  'comment after last': '{\n  "a": 1 // why a\n}\n',
  'comment only': '{\n  // nothing yet\n}\n',
  tabs: '{\n\t"a": {\n\t\t"x": true\n\t}\n}\n',
  crlf: '{\r\n    "a": 1,\r\n    "env": {\r\n        "K": "v"\r\n    }\r\n}\r\n',
  'no final newline': '{\n  "a": [1, 2]\n}',
  'env present but empty': '{\n  "env": {}\n}\n',
};

for (const [name, text] of Object.entries(JSON_LAYOUTS)) {
  test(`JSON ${name}: set env.X then revert is exact`, () => {
    const e = setJsonValue(text, ['env', 'X'], 'http://127.0.0.1:8787');
    assert.ok(e);
    assert.equal(jsonParseError(e.text), null, e.text);
    assert.equal(parseJsonc(e.text).env.X, 'http://127.0.0.1:8787');
    // Everything that was there is still there.
    const before = text.trim() ? parseJsonc(text) : {};
    assert.deepEqual({ ...parseJsonc(e.text), env: undefined }, { ...before, env: undefined });
    if (text.includes('\r\n')) assert.ok(!/[^\r]\n/.test(e.text), 'CRLF kept');
    const r = revertEdits(e.text, [e.record], 'json');
    assert.ok(!('error' in r));
    assert.equal(r.text, text);
    assert.equal(setJsonValue(e.text, ['env', 'X'], 'http://127.0.0.1:8787'), null, 'idempotent');
  });
}

test(`JSON fallback: the user reformatted the whole file; revert still removes our key and the env object we \
created`, () => {
  const original = '{\n  "a": 1,\n  "b": [1, 2]\n}\n';
  const e = setJsonValue(original, ['env', 'X'], 'v')!;
  assert.equal(e.record.created, 1);
  const reformatted = JSON.stringify({ ...JSON.parse(e.text), c: 3 }, null, 4);
  const r = revertEdits(reformatted, [e.record], 'json');
  assert.ok(!('error' in r));
  assert.deepEqual(JSON.parse(r.text), { a: 1, b: [1, 2], c: 3 });
  assert.match(r.summary[0], /other edits kept/);
});

test('JSON arrays: appending to [], a one-line array, a commented array; revert is exact', () => {
  for (const text of [
    '',
    '[]',
    '[{"name": "a"}]',
    '[\n  // mine\n  {\n    "name": "a"\n  }\n]\n',
    '[\n\t{ "name": "a" },\n]\n',
  ]) {
    const e = appendJsonArrayElement(
      text,
      { name: 'ours', vendor: 'v', models: [] },
      { name: 'ours', vendor: 'v' },
      'ours',
    );
    const list = parseJsonc(e.text) as { name: string }[];
    assert.equal(list[list.length - 1].name, 'ours', e.text);
    const r = revertEdits(e.text, [e.record], 'json');
    assert.ok(!('error' in r));
    assert.equal(r.text, text);
  }
});

test('YAML: replace keeps the quoting style and the comment; insert matches indent; CRLF and no final newline', () => {
  const cases: [string, string][] = [
    [
      'models:\n  - name: a\n    provider: openai\n    apiBase: "https://x.example.com/v1" # mine\n',
      'apiBase: "http://127.0.0.1:8787/v1" # mine',
    ],
    [
      "models:\n  - name: a\n    provider: openai\n    apiBase: 'https://x.example.com/v1'\n",
      "apiBase: 'http://127.0.0.1:8787/v1'",
    ],
    [
      'models:\r\n- name: a\r\n  provider: openai\r\n  model: m\r\n',
      '  provider: openai\r\n  apiBase: http://127.0.0.1:8787/v1\r\n',
    ],
    [
      'models:\n    -   name: a\n        provider: openai',
      '        provider: openai\n        apiBase: http://127.0.0.1:8787/v1',
    ],
  ];
  for (const [text, expect] of cases) {
    const e = setYamlString(text, ['models', 0], 'apiBase', 'http://127.0.0.1:8787/v1', 'provider')!;
    assert.ok(e.text.includes(expect), JSON.stringify(e.text));
    assert.equal(parseYaml(e.text).models[0].apiBase, 'http://127.0.0.1:8787/v1');
    const r = revertEdits(e.text, [e.record], 'yaml');
    assert.ok(!('error' in r));
    assert.equal(r.text, text);
  }
  // A value that would read differently unquoted is written quoted.
  const e = setYamlString('m:\n  k: 1\n', ['m'], 'v', 'a: b #c')!;
  assert.equal(parseYaml(e.text).m.v, 'a: b #c');
  assert.throws(
    () => setYamlString('models:\n  - {name: a, provider: openai}\n', ['models', 0], 'apiBase', 'x'),
    /flow style/,
  );
});

test('TOML: CRLF, no final newline, a file that starts with a table, an empty file — edits and exact reverts', () => {
  for (const text of ['model = "m"\r\n\r\n[t]\r\nk = 1\r\n', 'model = "m"', '# only tables\n[t]\nk = 1\n', '']) {
    let out = text;
    const recs = [];
    const a = appendTable(
      out,
      ['model_providers', 'headroom'],
      [
        ['name', 'Headroom'],
        ['base_url', 'http://127.0.0.1:8787/v1'],
      ],
      TOML_TAG,
    );
    out = a.text;
    recs.push(a.record);
    const b = setRootString(out, 'model_provider', 'headroom')!;
    out = b.text;
    recs.push(b.record);
    const doc = parseToml(out) as Record<string, any>;
    assert.equal(doc.model_provider, 'headroom', JSON.stringify(out));
    assert.equal(doc.model_providers.headroom.base_url, 'http://127.0.0.1:8787/v1');
    if (text.includes('\r\n')) assert.ok(!/[^\r]\n/.test(out), 'CRLF kept');
    const r = revertEdits(out, recs, 'toml');
    assert.ok(!('error' in r));
    assert.equal(r.text, text);
  }
});

test('YAML fallback: the user annotated our apiBase line; revert still removes exactly that line', () => {
  const text = 'models:\n  - name: a\n    provider: anthropic\n    model: m\n';
  const e = setYamlString(
    text,
    ['models', { match: { name: 'a', provider: 'anthropic' } }],
    'apiBase',
    'http://127.0.0.1:8787/v1/',
    'provider',
  )!;
  const annotated = e.text.replace(
    'apiBase: http://127.0.0.1:8787/v1/',
    'apiBase: http://127.0.0.1:8787/v1/ # via Headroom',
  );
  const r = revertEdits(annotated, [e.record], 'yaml');
  assert.ok(!('error' in r));
  assert.equal(r.text, text);
});

test(`TOML fallback: the user added a setting inside our provider table; restore removes the whole table (it is \
ours)`, () => {
  const text = 'model = "m"\n\n[features]\nplugins = false\n';
  const a = appendTable(
    text,
    ['model_providers', 'headroom'],
    [
      ['name', 'Headroom'],
      ['base_url', 'http://127.0.0.1:8787/v1'],
    ],
    TOML_TAG,
  );
  const b = setRootString(a.text, 'model_provider', 'headroom')!;
  const edited = b.text + 'request_max_retries = 2\n';
  const r = revertEdits(edited, [a.record, b.record], 'toml');
  assert.ok(!('error' in r));
  assert.equal(r.text, text);
});
