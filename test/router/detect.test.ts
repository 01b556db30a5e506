import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detect } from '../../core/router/detect.js';

const lines = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n');

test('JSON documents, arrays and NDJSON', () => {
  assert.equal(detect('{"a": 1, "b": [1,2,3]}').kind, 'json');
  assert.equal(detect('  [{"id": 1}, {"id": 2}]\n').kind, 'json');
  const nd = detect(lines(5, (i) => `{"id": ${i}, "msg": "hello"}`));
  assert.deepEqual(nd, { kind: 'json', ndjson: true });
  // looks like JSON but is not: not json
  assert.notEqual(detect('{ this is not json }').kind, 'json');
});

test('ripgrep --json goes to the search compressor', () => {
  const rg = [
    '{"type":"begin","data":{"path":{"text":"src/a.ts"}}}',
    '{"type":"match","data":{"path":{"text":"src/a.ts"},"lines":{"text":"foo()\\n"},"line_number":3}}',
    '{"type":"end","data":{"path":{"text":"src/a.ts"}}}',
  ].join('\n');
  assert.equal(detect(rg).kind, 'search');
});

test('grep -n output and ripgrep heading mode are search results', () => {
  assert.equal(
    detect(lines(20, (i) => `src/lib/file${i % 4}.ts:${i + 10}:  const x = createServer(${i});`)).kind,
    'search',
  );
  assert.equal(detect('src/app.ts\n12:import x\n40:x()\n\nsrc/b.ts\n3:x()\n7:x(1)\n').kind, 'search');
});

test('logs and build output', () => {
  assert.equal(
    detect(lines(30, (i) => `2024-05-01T10:00:${String(i).padStart(2, '0')}Z INFO request done id=${i}`)).kind,
    'log',
  );
  const tsc = lines(
    10,
    (i) => `src/f${i}.ts(${i + 1},5): error TS2322: Type 'string' is not assignable to type 'number'.`,
  );
  assert.equal(detect(tsc).kind, 'log');
  const trace =
    'TypeError: x is undefined\n    at foo (/app/a.js:1:2)\n    at bar (/app/b.js:3:4)\n    at baz (/app/c.js:5:6)';
  assert.equal(detect(trace).kind, 'log');
  const cargo =
    '   Compiling foo v0.1.0 (/tmp/foo)\nwarning: unused variable: `x`\n --> src/main.rs:2:9\n' +
    'error[E0308]: mismatched types\n    Finished dev';
  assert.equal(detect(cargo).kind, 'log');
});

test('unified diffs', () => {
  const d =
    'diff --git a/x.ts b/x.ts\nindex 1234567..89abcde 100644\n--- a/x.ts\n+++ b/x.ts\n@@ -1,3 +1,3 @@\n a\n-b\n+c\n';
  assert.equal(detect(d).kind, 'diff');
});

test('HTML pages', () => {
  assert.equal(detect('<!DOCTYPE html><html><head><title>x</title></head><body><p>hi</p></body></html>').kind, 'html');
});

test('tables: CSV and aligned command output', () => {
  assert.equal(detect(lines(10, (i) => `${i},name${i},${i * 3}`)).kind, 'table');
  const pods =
    'NAME                     READY   STATUS    RESTARTS   AGE\n' +
    lines(10, (i) => `api-${i}-7d9f8c`.padEnd(25) + '1/1     Running   0          5d');
  assert.equal(detect(pods).kind, 'table');
});

test('source code, by file name and by content', () => {
  assert.deepEqual(detect('x = 1\n', 'src/app.py'), { kind: 'code', language: 'python' });
  const py =
    'import os\nfrom sys import argv\n\n\ndef main():\n    return 1\n\nclass A:\n    def f(self):\n        pass\n';
  assert.equal(detect(py).kind, 'code');
});

test('prose is text', () => {
  assert.equal(
    detect('The quick brown fox jumps over the lazy dog. It was a sunny day and everyone was happy.').kind,
    'text',
  );
});

test('never throws, whatever the input', () => {
  for (const s of [
    '',
    '\u0000\u0001\u0002',
    '{',
    '[[[[[[',
    '\n\n\n',
    'a'.repeat(1_000_000),
    '{"a":' + '['.repeat(100000),
  ])
    assert.doesNotThrow(() => detect(s));
});

test('compiler diagnostics (file:line:col: error) are build output, not search results', () => {
  const gcc = lines(8, (i) => `src/main${i}.c:${i + 3}:5: error: expected ';' before '}' token`);
  assert.equal(detect(gcc).kind, 'log');
});

test('access logs (client address first, [dd/Mon/yyyy:…] timestamps) are logs', () => {
  const clf = lines(
    40,
    (i) =>
      `10.0.${i % 7}.${i} - - [01/May/2024:10:00:${String(i % 60).padStart(2, '0')} +0000] "GET /api/items/${i} ` +
      `HTTP/1.1" 200 ${500 + i}`,
  );
  assert.equal(detect(clf).kind, 'log');
});

test('markdown READMEs are prose even with code samples and # headings', () => {
  const readme = [
    '# mylib',
    '',
    'A small library for parsing things quickly and safely in Node.',
    '',
    '## Install',
    '',
    '```sh',
    'npm install mylib',
    '```',
    '',
    '## Usage',
    '',
    '```js',
    "const { parse } = require('mylib');",
    'const x = parse(input);',
    'if (x) { console.log(x); }',
    '```',
    '',
    'See the [docs](https://example.com/docs) and the [changelog](CHANGELOG.md) for details.',
    '',
    '- fast',
    '- safe',
    '',
  ].join('\n');
  assert.equal(detect(readme).kind, 'text');
  assert.equal(detect(require('node:fs').readFileSync(require.resolve('express/Readme.md'), 'utf8')).kind, 'text');
});

test('real command tables: ps aux, df -h, ls -l', () => {
  const fx = (n: string) =>
    require('node:fs').readFileSync(
      require('node:path').join(__dirname, '..', 'fixtures', 'table', n),
      'utf8',
    ) as string;
  for (const f of ['ps-aux.txt', 'df-h.txt', 'ls-l-usr-bin.txt']) assert.equal(detect(fx(f)).kind, 'table', f);
});

test('real source files in 12 languages are told apart without a file name (shell reads give none)', () => {
  const fx = (n: string) =>
    require('node:fs').readFileSync(
      require('node:path').join(__dirname, '..', 'fixtures', 'code', n),
      'utf8',
    ) as string;
  const want: Record<string, string> = {
    'Decoder.php': 'php',
    'Find-VisualStudio.cs': 'csharp',
    'libtest-json.rs': 'rust',
    'persistent-https-proxy.go': 'go',
    'StringJoiner.java': 'java',
    'textwrap.py': 'python', // opens with a docstring and comments: once read as prose
    'rack-query_parser.rb': 'ruby',
    'gzappend.c': 'c',
    'kerberos_unix.cc': 'cpp',
    'express-application.js': 'javascript',
    'GptEncoding.ts.txt': 'typescript',
    'ucf_helper_functions.sh': 'bash',
  };
  for (const [file, language] of Object.entries(want))
    assert.deepEqual(detect(fx(file)), { kind: 'code', language }, file);
});
