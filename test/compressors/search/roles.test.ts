// Search results ranked the way "where is X defined and who uses it" is answered: definitions and source files first,
// tests, generated bundles and docs after them (unless asked for), and every file left out named in the marker.
// The fixture is real: `grep -rn hasSymbols node_modules --include=*.js | sort` on this machine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compressSearch } from '../../../core/compressors/search/index.js';
import { redeemed, stashCtx } from '../../helpers/recording-context.js';

const text = readFileSync(join(__dirname, '..', '..', 'fixtures', 'search', 'grep-hasSymbols.txt'), 'utf8');
const hits = text.split('\n').filter(Boolean);
const pathOf = (l: string): string => l.slice(0, l.indexOf(':'));
const files = [...new Set(hits.map(pathOf))];

/** File sections shown (path lines), in order. */
function shownFiles(out: string): string[] {
  return out
    .split('\n\n')
    .slice(1)
    .map((b) => b.split('\n')[0])
    .filter((p) => !p.startsWith('[… '));
}

function droppedNote(out: string): string {
  return /\[… \d+ matches omitted: in \d+ more files: (.*) · retrieve hr_[0-9a-f]{16}\]$/.exec(out)?.[1] ?? '';
}

test(`"non-test" files: the definition and the source users are shown; tests and the bundle are named in the \
marker`, () => {
  const { ctx, stash } = stashCtx('Where is hasSymbols defined, and which non-test files use it?');
  const out = compressSearch(text, ctx);
  assert.ok(out);
  const shown = shownFiles(out);
  assert.ok(
    out.includes('node_modules/has-symbols/shams.js\n5: module.exports = function hasSymbols() {'),
    'the definition',
  );
  for (const user of [
    'node_modules/get-intrinsic/index.js',
    'node_modules/has-tostringtag/index.js',
    'node_modules/has-tostringtag/shams.js',
  ]) {
    assert.ok(shown.includes(user), user);
  }
  for (const f of files.filter((p) => p.includes('/test/') || p.includes('/dist/'))) {
    assert.ok(!shown.includes(f), `${f} is not shown`);
    assert.match(
      droppedNote(out),
      new RegExp(`${f.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(\\d+\\)`),
      `${f} is named with its count`,
    );
  }
  // every line is shown or stashed exactly
  const stashed = redeemed(out, stash).flatMap((c) => c.split('\n'));
  for (const h of hits) {
    const m = /^(.*?):(\d+):(.*)$/.exec(h)!;
    assert.ok(stashed.includes(h) || out.includes(`\n${m[2]}: ${m[3]}`) || out.includes(`\n${m[2]}: …`), h);
  }
});

test('asking for tests brings the tests back', () => {
  const { ctx } = stashCtx('which tests check hasSymbols?');
  const out = compressSearch(text, ctx)!;
  assert.ok(
    shownFiles(out).some((f) => f.includes('/test/')),
    shownFiles(out).join(', '),
  );
});

test('when every hit is in a test, tests are not ranked down (roles only order against source)', () => {
  const tests = hits.filter((l) => pathOf(l).includes('/test/')).join('\n') + '\n';
  const { ctx } = stashCtx('where is hasSymbols used?');
  const out = compressSearch(tests, ctx)!;
  assert.ok(shownFiles(out).length >= 3, out);
});

test('a definition in a build output is shown only when no source file defines the symbol', () => {
  const withSource = compressSearch(text, stashCtx('where is hasSymbols defined?').ctx)!;
  assert.ok(!shownFiles(withSource).includes('node_modules/qs/dist/qs.js'));
  const bundleOnly =
    hits.filter((l) => !pathOf(l).endsWith('shams.js') && !l.includes('var hasSymbols =')).join('\n') + '\n';
  const out = compressSearch(bundleOnly, stashCtx('where is hasSymbols defined?').ctx)!;
  assert.ok(shownFiles(out).includes('node_modules/qs/dist/qs.js'), shownFiles(out).join(', '));
});
