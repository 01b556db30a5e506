import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mineCorrections } from '../../core/learn/mine/corrections.js';
import { mineLoops } from '../../core/learn/mine/loops.js';
import { mineReads } from '../../core/learn/mine/reads.js';
import { mineUserCorrections } from '../../core/learn/mine/user-corrections.js';
import { aggregate } from '../../core/learn/mine/aggregate.js';
import { SessionBuilder } from '../../core/learn/sources/session-builder.js';
import type { Session } from '../../core/learn/types.js';

const WS = '/w/app';
type Step =
  | { cmd?: string; tool?: string; args?: Record<string, unknown>; out?: string; fail?: boolean; exit?: number }
  | { user: string };

function session(steps: Step[], id = 's1'): Session {
  const b = new SessionBuilder('claude', `/logs/${id}.jsonl`, WS, 1);
  b.setId(id);
  steps.forEach((s, i) => {
    if ('user' in s) return void b.addUser(s.user, 1000 + i);
    const call = b.addCall(undefined, s.tool ?? 'Bash', s.args ?? { command: s.cmd }, 1000 + i);
    b.fill(call, { text: s.out ?? '', isError: s.fail, exitCode: s.exit });
  });
  return b.finish();
}

test('corrections: the retry that worked, only when it is the same intent', () => {
  const s = session([
    { cmd: 'git log --onelin', out: 'fatal: unrecognized argument: --onelin', exit: 128 },
    { cmd: 'git status', out: 'On branch main' }, // same program, other subcommand: not the fix
    { cmd: 'git log --oneline', out: 'abc123 init' },
    { cmd: `cd ${WS} && npm run tset`, out: 'npm error Missing script: "tset"', exit: 1 },
    { cmd: 'npm test', out: '1 passing' },
    { cmd: 'pnpm test', out: 'bash: line 1: pnpm: command not found', exit: 127 },
    { cmd: 'npm test', out: '1 passing' },
  ]);
  const occ = mineCorrections(s);
  assert.deepEqual(
    occ.map((o) => [o.kind, o.topic, o.text]),
    [
      [
        'correction',
        'Tools/flags',
        'Use `git log --oneline` (not `git log --onelin`: fatal: unrecognized argument: --onelin)',
      ],
      ['correction', 'Commands', 'Run tests with `npm test` (not `npm run tset`: script not found)'],
      ['correction', 'Environment', '`pnpm` is not installed here: use `npm test` (not `pnpm test`)'],
    ],
  );
  assert.ok(occ.every((o) => o.tokens > 0));
});

test('corrections: a later failure of the same intent is skipped until one works; no fix → failure occurrence', () => {
  const s = session([
    { cmd: 'ls src/old', out: "ls: cannot access 'src/old': No such file or directory", exit: 2 },
    { cmd: 'ls src/older', out: "ls: cannot access 'src/older': No such file or directory", exit: 2 },
    { cmd: 'ls src', out: 'index.ts' },
    { cmd: 'make deploy', out: 'make: *** No rule to make target `deploy`.  Stop.', exit: 2 },
    { cmd: 'echo done', out: 'done' },
  ]);
  const occ = mineCorrections(s);
  assert.equal(occ[0].text, '`src/old` does not exist (`ls src/old` failed; `ls src` worked)');
  assert.equal(occ[1].text, '`src/older` does not exist (`ls src/older` failed; `ls src` worked)');
  assert.deepEqual([occ[2].kind, occ[2].key], ['failure', 'fail|make deploy']);
});

test('corrections: non-shell tools count only for missing files and rejected parameters', () => {
  const s = session([
    { tool: 'Read', args: { file_path: `${WS}/src/gone.ts` }, out: 'File does not exist.', fail: true },
    {
      tool: 'Edit',
      args: { file_path: `${WS}/a.ts`, old_string: 'x' },
      out: 'String to replace not found in file.',
      fail: true,
    },
    {
      tool: 'Grep',
      args: { patern: 'x' },
      out:
        'InputValidationError: Grep failed due to the following issue: An unexpected parameter `patern` was ' +
        'provided',
      fail: true,
    },
  ]);
  assert.deepEqual(
    mineCorrections(s).map((o) => [o.topic, o.text]),
    [
      ['Paths', '`src/gone.ts` does not exist (Read: File does not exist.)'],
      [
        'Tools/flags',
        '`Grep`: InputValidationError: Grep failed due to the following issue: An unexpected parameter `patern` was…',
      ],
    ],
  );
});

test('loops: the same call 3+ times with nothing edited in between; an edit resets the count', () => {
  const loop = session([
    { cmd: 'npm test', out: 'FAIL x', exit: 1 },
    { cmd: 'npm test', out: 'FAIL x', exit: 1 },
    { cmd: 'npm test', out: 'FAIL x', exit: 1 },
  ]);
  const occ = mineLoops(loop);
  assert.equal(occ.length, 1);
  assert.equal(
    occ[0].text,
    'Do not repeat `npm test` with nothing changed in between (3+ identical calls in a session): reuse its first ' +
      'result',
  );
  const fixing = session([
    { cmd: 'npm test', out: 'FAIL', exit: 1 },
    { tool: 'Edit', args: { file_path: 'a.ts' }, out: 'ok' },
    { cmd: 'npm test', out: 'FAIL', exit: 1 },
    { tool: 'Edit', args: { file_path: 'a.ts' }, out: 'ok' },
    { cmd: 'npm test', out: 'ok' },
  ]);
  assert.deepEqual(mineLoops(fixing), [], 'test → edit → test is work, not a loop');
});

test('reads: a large file read again without an edit wastes its size each time; small files do not count', () => {
  const big = 'x'.repeat(20_000); // ~5k tokens
  const s = session([
    { tool: 'Read', args: { file_path: `${WS}/docs/big.md` }, out: big },
    { tool: 'Read', args: { file_path: `${WS}/docs/small.md` }, out: 'tiny' },
    { cmd: 'cat docs/big.md', out: big },
    { tool: 'Read', args: { file_path: `${WS}/docs/small.md` }, out: 'tiny' },
    { cmd: 'head -n 400 docs/big.md', out: big },
  ]);
  const occ = mineReads(s);
  assert.equal(occ.length, 1);
  assert.equal(
    occ[0].text,
    '`docs/big.md` is large (~5k tokens): read it once and reuse it, or search it (e.g. `rg PATTERN docs/big.md`) ' +
      'instead of re-reading it',
  );
  assert.equal(occ[0].tokens, 10_000, 'two wasted re-reads');
  assert.deepEqual(mineLoops(s), [], 'the large re-read is one lesson, not also a loop');
});

test('user corrections: "no, use …", "don\'t …", "actually …" — quoted as said; plain requests are not', () => {
  const s = session([
    { user: 'Please add a test for the parser.' },
    { user: 'No, use pnpm here. The lockfile is pnpm-lock.yaml and npm would rewrite it.' },
    { user: "Don't touch src/generated/, it is built from the schema." },
    { user: 'Actually, run the tests with --runInBand.' },
    { user: 'Set DATABASE_URL=postgres://localhost/dev instead of the default.' },
    { user: '<environment_context>\n<cwd>/w/app</cwd>\n</environment_context>' },
  ]);
  assert.deepEqual(
    mineUserCorrections(s).map((o) => [o.topic, o.text]),
    [
      ['Commands', 'The user corrected: “No, use pnpm here. The lockfile is pnpm-lock.yaml and npm would rewrite it.”'],
      ['Paths', "The user corrected: “Don't touch src/generated/, it is built from the schema.”"],
      ['Tools/flags', 'The user corrected: “Actually, run the tests with --runInBand.”'],
      ['Environment', 'The user corrected: “Set DATABASE_URL=postgres://localhost/dev instead of the default.”'],
    ],
  );
});

test(`aggregate: counts across sessions and agents, ranks by frequency × tokens, one failure alone is not a \
lesson`, () => {
  const fail = (id: string) =>
    session([{ cmd: 'make lint', out: 'make: *** No rule to make target `lint`.  Stop.', exit: 2 }], id);
  const fix = (id: string) =>
    session(
      [
        { cmd: 'npm run tset', out: 'npm error Missing script: "tset"', exit: 1 },
        { cmd: 'npm test', out: 'ok' },
      ],
      id,
    );
  const occ = (s: Session) => ({
    agent: s.agent,
    sessionId: s.id,
    lastTime: s.lastTime,
    occurrences: mineCorrections(s),
  });
  const one = aggregate([occ(fail('a')), occ(fix('b'))], { maxLessons: 10, maxPerTopic: 5 });
  assert.deepEqual(
    one.map((l) => l.text),
    ['Run tests with `npm test` (not `npm run tset`: script not found)'],
  );
  const many = aggregate([occ(fail('a')), occ(fail('b')), occ(fix('c')), occ(fix('d')), occ(fix('e'))], {
    maxLessons: 10,
    maxPerTopic: 5,
  });
  assert.deepEqual(
    many.map((l) => [l.text, l.count, l.sessions]),
    [
      ['Run tests with `npm test` (not `npm run tset`: script not found)', 3, 3],
      ['`make lint` fails (make: *** No rule to make target `lint`. Stop.)', 2, 2],
    ],
  );
});

test('corrections: a versioned program counts as the same one (python → python3)', () => {
  const s = session([
    { cmd: 'python -m pytest -x', out: '/usr/bin/python: No module named pytest', exit: 1 },
    { cmd: 'python3 -m pytest -x', out: '12 passed' },
  ]);
  assert.deepEqual(
    mineCorrections(s).map((o) => o.text),
    ['Run tests with `python3 -m pytest -x` (not `python -m pytest -x`: /usr/bin/python: No module named pytest)'],
  );
});
