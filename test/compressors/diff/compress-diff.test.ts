import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compressDiff } from '../../../core/compressors/diff/index.js';
import { parseDiff } from '../../../core/compressors/diff/parse.js';
import { markerIds } from '../../../core/ccr/marker.js';
import { stashCtx } from '../../helpers/recording-context.js';

// Real output from a temp git repo: express's lib/response.js and lib/request.js committed, edited in several places,
// `npm install chalk debug` between commits (package-lock.json), then a new file, a rename and a mode change.
const fixture = (name: string): string => readFileSync(join(__dirname, '..', '..', 'fixtures', 'diff', name), 'utf8');

interface ChangedLine {
  file: string;
  line: string;
}

/** Changed lines per file, read naively (independent of the compressor's count-based parser). */
function changedLines(text: string): ChangedLine[] {
  const out: ChangedLine[] = [];
  let file = '';
  let inHunk = false;
  for (const l of text.split('\n')) {
    if (l.startsWith('diff --git ')) {
      file = l.slice(l.lastIndexOf(' b/') + 3);
      inHunk = false;
    } else if (l.startsWith('commit ')) inHunk = false;
    else if (l.startsWith('@@ ')) inHunk = true;
    else if (inHunk && (l[0] === '+' || l[0] === '-')) out.push({ file, line: l });
  }
  return out;
}

/** `needles` occur in `hay` in this order (as whole lines). */
function assertSubsequence(hay: string[], needles: string[], what: string): void {
  let i = 0;
  for (const n of needles) {
    while (i < hay.length && hay[i] !== n) i++;
    assert.ok(i < hay.length, `${what}: missing or out of order: ${n}`);
    i++;
  }
}

test('git diff: every +/- line of source files kept verbatim and in order; lock file summarised', () => {
  const text = fixture('git-diff-edits-and-lock.diff');
  const { ctx, stash } = stashCtx();
  const out = compressDiff(text, ctx)!;
  assert.ok(out);
  const outLines = out.split('\n');
  const changed = changedLines(text);
  assertSubsequence(
    outLines,
    changed.filter((c) => c.file !== 'package-lock.json').map((c) => c.line),
    'source changes',
  );
  // file headers stay; hunk headers stay except the lock file's, which its summary stands for
  let file = '';
  for (const l of text.split('\n')) {
    if (l.startsWith('diff --git ')) file = l;
    if (/^(diff --git|--- |\+\+\+ )/.test(l) || (l.startsWith('@@ ') && !file.includes('package-lock.json'))) {
      assert.ok(outLines.includes(l), `header kept: ${l}`);
    }
  }
  const lock = changed.filter((c) => c.file === 'package-lock.json');
  const adds = lock.filter((c) => c.line[0] === '+').length;
  const dels = lock.filter((c) => c.line[0] === '-').length;
  const summary = outLines.find((l) => l.includes('lock file'))!;
  assert.match(
    summary,
    new RegExp(
      `^\\[… \\d+ lines omitted: lock file, \\+${adds} −${dels} in 2 hunks; added .*chalk.*debug.* · retrieve ` +
        `hr_[0-9a-f]{16}\\]$`,
    ),
  );
  assert.ok(!out.includes('"node_modules/'), 'lock entries are not shown');
  const lockStash = stash.get(markerIds(summary)[0])!;
  assert.ok(text.includes(lockStash), 'the lock hunks are stashed exactly, as one contiguous piece');
  assert.ok(out.length < text.length / 2);
});

test('git index lines are dropped and retrievable exactly; other header lines stay', () => {
  const text = fixture('git-log-p.diff');
  const { ctx, stash } = stashCtx();
  const out = compressDiff(text, ctx)!;
  const index = text.split('\n').filter((l) => /^index [0-9a-f]+\.\.[0-9a-f]+/.test(l));
  assert.ok(index.length >= 5);
  assert.ok(!out.split('\n').some((l) => /^index [0-9a-f]+\.\./.test(l)));
  const marker = out.split('\n').find((l) => l.includes('index lines omitted'))!;
  assert.equal(stash.get(markerIds(marker)[0]), index.join('\n'));
  for (const keep of text
    .split('\n')
    .filter((l) =>
      /^(commit |Author: |Date: |    \S|new file mode|old mode|new mode|similarity index|rename from|rename to)/.test(
        l,
      ),
    )) {
    assert.ok(out.split('\n').includes(keep), `kept: ${keep}`);
  }
});

test('git log -p: a 631-line new file keeps head, tail and the lines naming the query; gaps rebuild it exactly', () => {
  const text = fixture('git-log-p.diff');
  const { ctx, stash } = stashCtx('where is debug called');
  const out = compressDiff(text, ctx)!;
  const body = sectionBody(text, 'lib/application.js');
  assert.ok(body.length > 600 && body.every((l) => l.startsWith('+')));
  const shown = sectionBody(out, 'lib/application.js');
  assert.deepEqual(shown.slice(0, 40), body.slice(0, 40), 'head');
  assert.deepEqual(shown.slice(-10), body.slice(-10), 'tail');
  for (const l of body.filter((x) => x.includes('debug'))) assert.ok(shown.includes(l), `query line kept: ${l}`);
  // replace each gap marker by its stash: the exact hunk body comes back
  const rebuilt = shown.flatMap((l) => (l.startsWith('[… ') ? stash.get(markerIds(l)[0])!.split('\n') : [l]));
  assert.deepEqual(rebuilt, body);
  assert.match(
    shown.find((l) => l.startsWith('[… '))!,
    /^\[… \d+ added lines omitted: new file lines \d+–\d+ · retrieve hr_/,
  );
  // the diff is long (600+ changed lines): hunks the question does not name are folded to their header and first
  // lines, every hunk header stays, and every changed line is shown or behind the marker right under its hunk
  const outLines = out.split('\n');
  let file = '';
  for (const l of text.split('\n')) {
    if (l.startsWith('diff --git ')) file = l;
    // a lock file's hunks are summarised as one marker (its own test below)
    else if (l.startsWith('@@ ') && !file.includes('package-lock.json'))
      assert.ok(outLines.includes(l), `hunk header kept: ${l}`);
  }
  const recoverable = new Set(outLines);
  for (const l of outLines)
    for (const id of markerIds(l)) for (const x of stash.get(id)!.split('\n')) recoverable.add(x);
  for (const c of changedLines(text)) assert.ok(recoverable.has(c.line), c.line);
});

/** Lines after the `@@` header of a file's first hunk, up to the next `diff --git` (output or original). */
function sectionBody(text: string, path: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(`diff --git a/${path} b/${path}`);
  const hunk = lines.findIndex((l, i) => i > start && l.startsWith('@@ '));
  const end = lines.findIndex((l, i) => i > hunk && l.startsWith('diff --git '));
  return lines.slice(hunk + 1, end);
}

test('git diff -U8: unchanged context cut to one line around each change; the marker retrieves the exact hunk', () => {
  const text = fixture('git-diff-U8.diff');
  const { ctx, stash } = stashCtx();
  const out = compressDiff(text, ctx)!;
  assert.ok(out.length < text.length * 0.75);
  const outLines = out.split('\n');
  assertSubsequence(
    outLines,
    changedLines(text).map((c) => c.line),
    'changes',
  );
  let trimmed = 0;
  for (let i = 0; i < outLines.length; i++) {
    if (!outLines[i].startsWith('@@ ')) continue;
    let j = i + 1;
    while (
      j < outLines.length &&
      !outLines[j].startsWith('@@ ') &&
      !outLines[j].startsWith('diff --git ') &&
      !outLines[j].startsWith('[… ')
    )
      j++;
    if (!outLines[j]?.startsWith('[… ')) continue;
    trimmed++;
    const body = outLines.slice(i + 1, j);
    const isChange = (l?: string) => l !== undefined && (l[0] === '+' || l[0] === '-');
    body.forEach((l, k) => {
      if (!isChange(l)) assert.ok(isChange(body[k - 1]) || isChange(body[k + 1]), `context next to a change: ${l}`);
    });
    const hunk = stash.get(markerIds(outLines[j])[0])!;
    assert.ok(hunk.startsWith(outLines[i] + '\n') && text.includes(hunk + '\n'), 'stash is the exact original hunk');
    assertSubsequence(hunk.split('\n'), body, 'shown lines come from the hunk');
    const elided = hunk.split('\n').length - 1 - body.length;
    assert.match(outLines[j], new RegExp(`^\\[… ${elided} unchanged lines omitted`));
  }
  assert.ok(trimmed >= 3, `${trimmed} hunks trimmed`);
});

test('diff -u (no git headers): files and hunks parsed from ---/+++ and @@ lines', () => {
  const text = fixture('diff-u-view.diff');
  const blocks = parseDiff(text.split('\n'));
  const hunks = blocks.filter((b) => b.kind === 'hunk');
  assert.equal(hunks.length, text.split('\n').filter((l) => l.startsWith('@@ ')).length);
  for (const h of hunks) if (h.kind === 'hunk') assert.equal(h.file.path, 'view.js');
  // bodies cover every line between the hunk headers
  assert.equal(blocks.length, 2 + hunks.length + 1);
  // three one-line changes with git's default context: already compact, nothing worth a marker
  const { ctx, stash } = stashCtx();
  assert.equal(compressDiff(text, ctx), null);
  assert.equal(stash.size, 0);
});
