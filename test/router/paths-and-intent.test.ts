// Shared signals the JSON and search compressors rank with: what a path is for, what a query rules out, and how a
// long list of paths is written compactly (and exactly) in a marker's note.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { looksLikePath, pathRole, wantedRoles } from '../../core/router/path-role.js';
import { queryIntent } from '../../core/router/query-intent.js';
import { foldPathGroups, foldPaths } from '../../core/router/path-fold.js';

test('path roles: tests, mocks, fixtures, generated output and docs are told from source by their path alone', () => {
  const cases: Record<string, string> = {
    'apps/web/src/routes/api/cart/__tests__/cart.test.ts': 'test',
    'packages/cart/src/cart.service.test.ts': 'test',
    'test/integration/cart-session.spec.ts': 'test',
    'node_modules/has-symbols/test/shams/core-js.js': 'test',
    'src/foo_test.go': 'test',
    'tests/test_app.py': 'test',
    'src/main/java/com/acme/LedgerTest.java': 'test',
    'test/mocks/cart-auth.mock.ts': 'mock',
    'src/__mocks__/fs.js': 'mock',
    'test/fixtures/cart/session-3.json': 'fixture',
    'src/__snapshots__/App.test.tsx.snap': 'fixture',
    'packages/auth/dist/index.cjs': 'generated',
    'apps/web/.vercel/output/functions/api/cart.func/index.js': 'generated',
    'node_modules/sql.js/dist/sql-wasm-debug.js': 'generated',
    'vendor/jquery.min.js': 'generated',
    'docs/auth/sessions.md': 'docs',
    'CHANGELOG.md': 'docs',
    'packages/auth/README.md': 'docs',
    'packages/auth/src/session/ttl.ts': 'source',
    'node_modules/express/lib/router/index.js': 'source',
    'src/latest.java': 'source',
    'src/contest/score.ts': 'source',
  };
  for (const [path, role] of Object.entries(cases)) assert.equal(pathRole(path), role, path);
});

test('a query asks for roles by their words; source is always wanted', () => {
  assert.deepEqual([...wantedRoles(['where', 'tests', 'call'])].sort(), ['source', 'test']);
  assert.deepEqual([...wantedRoles(['minified', 'bundle'])].sort(), ['generated', 'source']);
  assert.deepEqual([...wantedRoles(['resolvesessiontoken'])], ['source']);
});

test('paths are recognised, URLs and sentences are not', () => {
  for (const p of ['src/a.ts', 'README.md', 'a/b/c', 'node_modules/qs/lib/index.js']) assert.ok(looksLikePath(p), p);
  for (const p of ['https://github.com/a/b', 'a sentence.', '1.2.3', 'x']) assert.ok(!looksLikePath(p), p);
});

test('query intent: negated words are ruled out, not looked for', () => {
  assert.deepEqual(queryIntent('Where is resolveSessionToken defined, and which non-test source files call it?'), {
    positive: ['resolvesessiontoken', 'defined', 'source', 'call'],
    negative: ['test'],
  });
  assert.deepEqual(queryIntent('errors other than timeouts').negative, ['timeouts', 'timeout']);
  assert.deepEqual(queryIntent('list failures excluding the fixtures').negative, ['fixtures', 'fixture']);
  assert.deepEqual(queryIntent('which issues report the memory leak').negative, []);
  // a word that only looks like a negation is a positive term
  assert.ok(queryIntent('is the node pool notified?').positive.includes('notified'));
});

test('folding a real file list: one brace group per family of paths, expanding back to every path', () => {
  const grep = readFileSync(join(__dirname, '..', 'fixtures', 'search', 'grep-hasSymbols.txt'), 'utf8');
  const paths = grep
    .split('\n')
    .filter(Boolean)
    .map((l) => l.slice(0, l.indexOf(':')));
  const folded = foldPaths(paths);
  assert.ok(folded.join(', ').length < [...new Set(paths)].join(', ').length);
  assert.ok(
    folded.includes('node_modules/{define-properties,get-intrinsic,has-tostringtag}/index.js'),
    folded.join(', '),
  );
  assert.ok(folded.includes('node_modules/qs/test/{stringify,utils}.js'), folded.join(', '));
  // brace expansion gives back exactly the distinct paths
  const expanded = folded.flatMap(expand).sort();
  assert.deepEqual(expanded, [...new Set(paths)].sort());
  // groups know which inputs they stand for (a repeated path joins its first copy)
  const groups = foldPathGroups(paths);
  assert.equal(
    groups.reduce((k, g) => k + g.members.length, 0),
    paths.length,
  );
});

test('folding factors common starts and ends only at separators', () => {
  assert.deepEqual(foldPaths(['test/mocks/cart-auth.mock.ts', 'test/mocks/checkout-auth.mock.ts', 'src/a.ts']), [
    'test/mocks/{cart,checkout}-auth.mock.ts',
    'src/a.ts',
  ]);
  assert.deepEqual(foldPaths(['dist/index.cjs', 'dist/index.mjs', 'dist/index.d.ts']), ['dist/index.{cjs,mjs,d.ts}']);
  assert.deepEqual(foldPaths(['f/session-14.json', 'f/session-18.json']), ['f/session-{14,18}.json']);
  assert.deepEqual(foldPaths(['lib/a/x.ts', 'lib/b/x.ts', 'lib/c/y.ts']), ['lib/{a,b}/x.ts', 'lib/c/y.ts']);
});

/** Bash-style brace expansion of one `{a,b}` group (what the folded form promises). */
function expand(s: string): string[] {
  const m = /^(.*?)\{([^{}]*)\}(.*)$/.exec(s);
  return m ? m[2].split(',').map((alt) => m[1] + alt + m[3]) : [s];
}
