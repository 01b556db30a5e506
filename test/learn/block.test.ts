import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyLearnBlock,
  BLOCK_END,
  BLOCK_START,
  LearnBlockError,
  parseBlock,
  unifiedDiff,
} from '../../core/learn/index.js';
import { mergeLessons, renderBlock, type BlockLesson } from '../../core/learn/block.js';
import type { Lesson } from '../../core/learn/types.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-30T00:00:00Z');

const lesson = (
  text: string,
  topic: Lesson['topic'] = 'Commands',
  lastSeen = NOW - DAY,
  count = 3,
  sessions = 2,
): Lesson => ({
  topic,
  text,
  count,
  sessions,
  tokensWasted: 500,
  lastSeen,
  agents: ['claude'],
  kind: 'correction',
});
const block = (lessons: Lesson[], existing: BlockLesson[] = []) =>
  renderBlock(mergeLessons(lessons, existing, NOW, 30, 8), 30);

const USER_TEXT =
  '# AGENTS.md\n\nBuild with `make`.\n\n<!-- a user comment -->\n- user bullet — seen 9× in 9 sessions (last ' +
  '2026-01-01)\n';

test('the block renders the lesson template with its evidence, grouped by topic', () => {
  const b = block([
    lesson('Run tests with `npm test` (not `npm run tset`: script not found)'),
    lesson('`pnpm` is not installed here', 'Environment', NOW - DAY, 1, 1),
  ]);
  assert.ok(b.startsWith(BLOCK_START + '\n') && b.endsWith('\n' + BLOCK_END));
  assert.ok(
    b.includes(
      '### Commands\n\n- Run tests with `npm test` (not `npm run tset`: script not found) — seen 3× in 2 sessions ' +
        '(last 2026-11-29)\n',
    ),
  );
  assert.ok(b.includes('### Environment\n\n- `pnpm` is not installed here — seen 1× in 1 session (last 2026-11-29)\n'));
  assert.ok(b.indexOf('### Commands') < b.indexOf('### Environment'));
  assert.ok(!b.includes('### Paths'), 'empty topics are left out');
});

test('applying appends after the user text, never touching it; applying again changes nothing', () => {
  const b = block([lesson('Use `x`')]);
  const once = applyLearnBlock(USER_TEXT, b);
  assert.ok(once.startsWith(USER_TEXT), 'user text kept byte for byte');
  assert.equal(once, USER_TEXT + '\n' + b + '\n');
  assert.equal(applyLearnBlock(once, b), once, 'idempotent');
  // a new block replaces the old one in place, text on both sides untouched
  const withTail = once + '\n## Written later by the user\n';
  const b2 = block([lesson('Use `y`')]);
  const twice = applyLearnBlock(withTail, b2);
  assert.equal(twice, USER_TEXT + '\n' + b2 + '\n\n## Written later by the user\n');
  // the user bullet that looks like a lesson but sits outside the markers is not read as one
  assert.deepEqual(
    parseBlock(twice).map((l) => l.text),
    ['Use `y`'],
  );
});

test('a new file gets just the block; an empty block removes ours and leaves the rest as it was', () => {
  const b = block([lesson('Use `x`')]);
  assert.equal(applyLearnBlock('', b), b + '\n');
  assert.equal(applyLearnBlock(USER_TEXT, ''), USER_TEXT, 'nothing to add: unchanged');
  assert.equal(applyLearnBlock(applyLearnBlock(USER_TEXT, b), ''), USER_TEXT, 'add then remove is the identity');
});

test('CRLF files stay CRLF', () => {
  const crlf = USER_TEXT.replace(/\n/g, '\r\n');
  const out = applyLearnBlock(crlf, block([lesson('Use `x`')]));
  assert.ok(out.startsWith(crlf));
  assert.ok(!/[^\r]\n/.test(out), 'every newline is CRLF');
  assert.deepEqual(
    parseBlock(out).map((l) => l.text),
    ['Use `x`'],
  );
});

test('damaged markers are refused, never guessed around', () => {
  for (const bad of [
    `${BLOCK_START}\nfoo\n`,
    `foo\n${BLOCK_END}\n`,
    `${BLOCK_END}\n${BLOCK_START}\n`,
    `${BLOCK_START}\n${BLOCK_END}\n${BLOCK_START}\n${BLOCK_END}\n`,
  ]) {
    assert.throws(() => applyLearnBlock(bad, block([lesson('Use `x`')])), LearnBlockError);
    assert.throws(() => parseBlock(bad), LearnBlockError);
  }
});

test('lesson text cannot break the markers or the line structure', () => {
  const b = block([lesson(`Use \`a\`\nnext line ${BLOCK_END} <!-- sneaky -->`)]);
  assert.equal(b.split(BLOCK_END).length, 2, 'only the real end marker');
  assert.equal(b.split(BLOCK_START).length, 2);
  const parsed = parseBlock(applyLearnBlock('', b));
  assert.equal(parsed.length, 1);
  assert.ok(!parsed[0].text.includes('\n'));
});

test('merge: fresh lessons replace their old line; unseen ones stay until they expire', () => {
  const existing = parseBlock(
    applyLearnBlock(
      '',
      renderBlock(
        [
          {
            topic: 'Commands',
            text: 'Run tests with `npm test` (not `npm run tset`: script not found)',
            count: 2,
            sessions: 1,
            last: '2026-11-20',
          },
          {
            topic: 'Paths',
            text: '`old/dir` does not exist (`ls old/dir` fails)',
            count: 4,
            sessions: 2,
            last: '2026-11-10',
          },
          {
            topic: 'Paths',
            text: '`ancient` does not exist (`cat ancient` fails)',
            count: 9,
            sessions: 9,
            last: '2026-09-01',
          },
        ],
        30,
      ),
    ),
  );
  assert.equal(existing.length, 3);
  const merged = mergeLessons(
    [lesson('Run tests with `npm test` (not `npm run tset`: script not found)', 'Commands', NOW - DAY, 5, 3)],
    existing,
    NOW,
    30,
    8,
  );
  assert.deepEqual(
    merged.map((l) => [l.text.slice(0, 20), l.count, l.last]),
    [
      ['Run tests with `npm ', 5, '2026-11-29'], // refreshed evidence
      ['`old/dir` does not e', 4, '2026-11-10'], // not seen this run, still within 30 days
    ], // `ancient` (last seen 2026-09-01) expired
  );
});

test('unifiedDiff: one hunk with context around the block, /dev/null for a new file', () => {
  const b = block([lesson('Use `x`')]);
  const after = applyLearnBlock(USER_TEXT, b);
  const d = unifiedDiff('AGENTS.md', USER_TEXT, after);
  const lines = d.trimEnd().split('\n');
  assert.deepEqual(lines.slice(0, 3), [
    '--- a/AGENTS.md',
    '+++ b/AGENTS.md',
    `@@ -4,3 +4,${3 + 1 + b.split('\n').length} @@`,
  ]);
  assert.deepEqual(lines.slice(3, 6), [
    ' ',
    ' <!-- a user comment -->',
    ' - user bullet — seen 9× in 9 sessions (last 2026-01-01)',
  ]);
  assert.deepEqual(lines.slice(6), ['+', ...b.split('\n').map((l) => '+' + l)]);
  assert.ok(unifiedDiff('CLAUDE.md', '', b + '\n').startsWith('--- /dev/null\n+++ b/CLAUDE.md\n@@ -0,0 +1,'));
  assert.equal(unifiedDiff('X', 'same', 'same'), '');
});
