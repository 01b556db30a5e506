import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compressCode } from '../../../core/compressors/code/index.js';
import { fixture, initAllLanguages, markerLines, restore, ROOT, stashCtx } from './helpers.js';

before(initAllLanguages);

test('a truncated file (a read cut mid-function): earlier bodies elided, the cut one kept, exact round trip', () => {
  const full = fixture('GptEncoding.ts.txt').split('\n');
  const text = full.slice(0, 520).join('\n'); // stops inside countTokens (L501–533)
  const { ctx, stash } = stashCtx('', 'src/GptEncoding.ts');
  const out = compressCode(text, ctx);
  assert.ok(out);
  assert.equal(restore(out, stash), text);
  const what = markerLines(out).map((m) => m.what);
  // the unclosed class is one ERROR node around well-formed methods: they are found, just not qualified by the class
  assert.ok(what.includes('body of processSpecialTokens'), what.join(', '));
  assert.ok(!what.some((w) => w.includes('countTokens')), 'the unfinished function is not elided');
  assert.ok(out.endsWith(full.slice(500, 520).join('\n')), 'its lines are shown as they are');
});

test('syntax errors in one function leave the others compressible', () => {
  const lines = fixture('textwrap.py').split('\n');
  lines.splice(440, 0, '        if margin is None)) :::', '        <<<< merge conflict', '    )))'); // in dedent's loop
  const text = lines.join('\n');
  const { ctx, stash } = stashCtx('', 'textwrap.py');
  const out = compressCode(text, ctx);
  assert.ok(out);
  assert.equal(restore(out, stash), text);
  assert.ok(out.includes('        <<<< merge conflict'), 'the broken function is shown, not elided');
  assert.ok(markerLines(out).some((m) => m.what === 'body of TextWrapper._wrap_chunks'));
});

test('a minified bundle passes through (real js-yaml.min.js)', () => {
  assert.equal(compressCode(fixture('js-yaml.min.js'), stashCtx('', 'dist/js-yaml.min.js').ctx), null);
});

test('prose, tables and empty input pass through; no throw', () => {
  const prose = readFileSync(join(ROOT, 'README.md'), 'utf8');
  for (const [text, language] of [
    [prose, 'python'],
    [prose, undefined],
    ['', 'python'],
    ['\n\n\n', 'go'],
    ['x', 'c'],
  ] as const) {
    assert.equal(compressCode(text, stashCtx('', undefined, language).ctx), null, `${language}: ${text.slice(0, 20)}`);
  }
  assert.equal(
    compressCode(fixture('textwrap.py'), stashCtx('', 'notes.md').ctx) === null,
    false,
    'a file name without a grammar falls back to the content',
  );
});

test('a wrong language guess is overruled by the parse (Rust labelled JavaScript by a content router)', () => {
  const text = fixture('libtest-json.rs');
  const { ctx, stash } = stashCtx('', undefined, 'javascript');
  const out = compressCode(text, ctx);
  assert.ok(out);
  assert.equal(restore(out, stash), text);
  assert.ok(
    markerLines(out).some((m) => m.what === 'body of JsonFormatter.write_result'),
    'parsed as Rust',
  );
});

test('C++ in a .h file: the C parse has errors, the C++ fallback wins', () => {
  const text = fixture('kerberos_unix.cc');
  const { ctx, stash } = stashCtx('', 'kerberos_unix.h');
  const out = compressCode(text, ctx);
  assert.ok(out);
  assert.equal(restore(out, stash), text);
  assert.ok(markerLines(out).some((m) => m.what === 'body of KerberosClient::UnwrapData'));
});

test('deep nesting and thousands of tiny functions stay linear and exact', () => {
  const depth = 400;
  const nested =
    Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}function f${i}() {`).join('\n') +
    '\n' +
    `${'  '.repeat(depth)}return 1;\n` +
    Array.from({ length: depth }, (_, i) => `${'  '.repeat(depth - 1 - i)}}`).join('\n') +
    '\n';
  const { ctx, stash } = stashCtx('', 'deep.js');
  const out = compressCode(nested, ctx);
  assert.ok(out);
  assert.equal(restore(out, stash), nested);
  assert.equal(markerLines(out).length, 1, 'the outermost body is one elision');

  const tiny = Array.from({ length: 5000 }, (_, i) => `def f${i}(x):\n    return x + ${i}\n`).join('\n');
  assert.equal(compressCode(tiny, stashCtx('', 'tiny.py').ctx), null, 'nothing worth eliding');
});

test('a 10,000-line file (real JavaScript, twice) compresses exactly (its speed is in npm run bench: limits)', () => {
  const one = readFileSync(join(ROOT, 'node_modules', 'azure-devops-node-api', 'GitApi.js'), 'utf8');
  const text = one + '\n' + one;
  assert.ok(text.split('\n').length > 9800);
  const { ctx, stash } = stashCtx('How does getPullRequest build its URL?', 'GitApi.js');
  const out = compressCode(text, ctx);
  assert.ok(out);
  assert.equal(restore(out, stash), text);
});
