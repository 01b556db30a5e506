import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../core/cli.js';
import { learn, learnPlan } from '../../core/learn/index.js';
import { captureIo, NOW, stage } from './helpers.js';

const USER_AGENTS = '# Project rules\n\nUse tabs. Never commit to main.\n';
/** The recorded runs are from 2026-11-29 and the CLI uses the real clock: a wide window keeps them in it. */
const WIDE = ['--days', '36500'];

test('headroom learn on a workspace with no logs: a clear message, exit 0, nothing written', async () => {
  const root = mkdtempSync(join(tmpdir(), 'hr-learn-cli-'));
  const io = captureIo({ HOME: join(root, 'home') });
  const code = await main(['learn', '--workspace', root], io);
  assert.equal(code, 0, io.stderr());
  assert.match(
    io.stdout(),
    /^No agent session logs from the last 30 days found for .+\nLooked in:\n {2}.+\.claude\/projects\//,
  );
  assert.ok(!existsSync(join(root, 'AGENTS.md')));
});

test(`headroom learn prints the block and the diff, writes only with --apply, and a second --apply changes \
nothing`, async () => {
  const s = stage();
  writeFileSync(join(s.workspace, 'AGENTS.md'), USER_AGENTS);
  const env = { HOME: s.home };

  const dry = captureIo(env);
  assert.equal(await main(['learn', '--workspace', s.workspace, ...WIDE], dry), 0, dry.stderr());
  const out = dry.stdout();
  assert.match(
    out,
    new RegExp(
      /^Read 18 sessions \(Claude Code 4, Codex 4, Gemini CLI 4, Continue 3, Cline 3\): /.source +
        /\d+ tool calls, \d+ failed; 6 lessons found\.\n/.source,
    ),
  );
  assert.ok(
    out.includes('<!-- headroom:learn:start -->') &&
      out.includes('- Run tests with `npm test` (not `npm run tset`: script not found)'),
  );
  assert.ok(out.includes('--- a/AGENTS.md\n+++ b/AGENTS.md\n@@ '), 'a unified diff of AGENTS.md');
  assert.ok(out.includes('--- /dev/null\n+++ b/CLAUDE.md\n'), 'CLAUDE.md too: the workspace has Claude Code sessions');
  assert.match(out, /Run with --apply to write AGENTS\.md and CLAUDE\.md\.\n$/);
  assert.equal(readFileSync(join(s.workspace, 'AGENTS.md'), 'utf8'), USER_AGENTS, 'not written without --apply');
  assert.ok(!existsSync(join(s.workspace, 'CLAUDE.md')));

  const apply = captureIo(env);
  assert.equal(await main(['learn', '--workspace', s.workspace, '--apply', ...WIDE], apply), 0, apply.stderr());
  const agents = readFileSync(join(s.workspace, 'AGENTS.md'), 'utf8');
  assert.ok(agents.startsWith(USER_AGENTS + '\n<!-- headroom:learn:start -->\n'), 'user text first, untouched');
  assert.ok(agents.endsWith('<!-- headroom:learn:end -->\n'));
  const claude = readFileSync(join(s.workspace, 'CLAUDE.md'), 'utf8');
  assert.equal(claude, agents.slice(USER_AGENTS.length + 1), 'CLAUDE.md holds the same block');
  assert.match(apply.stdout(), /wrote .*AGENTS\.md\nwrote .*CLAUDE\.md\n$/);

  const again = captureIo(env);
  assert.equal(await main(['learn', '--workspace', s.workspace, '--apply', ...WIDE], again), 0);
  assert.match(again.stdout(), /Nothing to change: the files already hold these lessons\.\n$/);
  assert.equal(readFileSync(join(s.workspace, 'AGENTS.md'), 'utf8'), agents, 'idempotent');
});

test('headroom learn --json: one object with the lessons, the block and the files', async () => {
  const s = stage(['codex']);
  const io = captureIo({ HOME: s.home });
  assert.equal(await main(['learn', '--workspace', s.workspace, '--json', ...WIDE], io), 0);
  const o = JSON.parse(io.stdout());
  assert.equal(o.sessionsRead, 4);
  assert.deepEqual(o.bySource, { codex: 4 });
  assert.ok(o.lessons.length >= 5 && o.lessons.every((l: { text: string; count: number }) => l.text && l.count > 0));
  assert.ok(o.block.startsWith('<!-- headroom:learn:start -->'));
  assert.deepEqual(
    o.files.map((f: { path: string; changed: boolean }) => [f.path.endsWith('AGENTS.md'), f.changed]),
    [[true, true]],
    'no Claude sessions: AGENTS.md only',
  );
  assert.deepEqual(o.applied, []);
});

test('damaged markers: the file is left alone and --apply exits 1 with the reason', async () => {
  const s = stage(['gemini']);
  writeFileSync(join(s.workspace, 'AGENTS.md'), '# rules\n<!-- headroom:learn:start -->\nhalf a block\n');
  const io = captureIo({ HOME: s.home });
  assert.equal(await main(['learn', '--workspace', s.workspace, '--apply', ...WIDE], io), 1);
  assert.match(
    io.stderr(),
    /left AGENTS\.md alone: the <!-- headroom:learn:start --> \/ <!-- headroom:learn:end --> markers are damaged/,
  );
  assert.equal(
    readFileSync(join(s.workspace, 'AGENTS.md'), 'utf8'),
    '# rules\n<!-- headroom:learn:start -->\nhalf a block\n',
  );
});

test('learnPlan: per-file before/after for the extension (AGENTS.md kept lessons merge per file)', async () => {
  const s = stage(['claude']);
  const r = await learn({ workspace: s.workspace, home: s.home, env: {}, now: NOW });
  const plan = await learnPlan(r);
  assert.deepEqual(
    plan.map((p) => [p.path.slice(s.workspace.length + 1), p.exists, p.changed, p.before]),
    [
      ['AGENTS.md', false, true, ''],
      ['CLAUDE.md', false, true, ''],
    ],
  );
  assert.equal(plan[0].after, r.block + '\n');
});
