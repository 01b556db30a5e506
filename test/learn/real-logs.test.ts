/**
 * Learn on session logs written by the real agent CLIs (Claude Code 2.1.197, Codex 0.171.0, Gemini CLI 0.61.0,
 * Continue cn 1.5.47, Cline 3.0.65) against a scripted fake provider that asked for failing commands and then the
 * corrected ones (see test/fixtures/learn/README.md).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { learn } from '../../core/learn/index.js';
import { SOURCES } from '../../core/learn/sources/index.js';
import type { SourceContext } from '../../core/learn/sources/source.js';
import type { AgentId, Session } from '../../core/learn/types.js';
import { NOW, RECORDED, stage } from './helpers.js';

async function sessionsOf(agent: AgentId): Promise<Session[]> {
  const s = stage([agent]);
  const ctx: SourceContext = {
    workspace: s.workspace,
    home: s.home,
    env: {},
    vscodeUserDirs: [],
    stats: { linesSkipped: 0 },
    since: 0,
  };
  const out: Session[] = [];
  for (const src of SOURCES.filter((x) => x.agent === agent)) {
    for (const f of (await src.discover(ctx)).files) {
      const session = await src.parse(f, ctx);
      if (session) out.push(session);
    }
  }
  assert.equal(ctx.stats.linesSkipped, 0, 'real logs parse without skipping anything');
  return out;
}

for (const agent of RECORDED) {
  test(`${agent}: the recorded failing and corrected commands are read with their outcomes`, async () => {
    const sessions = await sessionsOf(agent);
    assert.ok(sessions.length >= 3, `${sessions.length} sessions`);
    const calls = sessions.flatMap((s) => s.calls);
    const byCmd = (c: string) => calls.filter((x) => x.command === c);
    // the failing commands: flagged failed with the shell's exit code and the telling line
    const tset = byCmd('npm run tset');
    assert.ok(tset.length >= 1 && tset.every((c) => c.failed && c.exitCode === 1));
    assert.match(tset[0].error ?? '', /^Missing script: "tset"/);
    const flag = byCmd('git log --onelin');
    assert.ok(flag.length === 1 && flag[0].failed && flag[0].exitCode === 128);
    assert.match(flag[0].error ?? '', /unrecognized argument: --onelin/);
    const pnpm = byCmd('pnpm test');
    assert.ok(pnpm[0].failed && pnpm[0].exitCode === 127 && /pnpm: command not found/.test(pnpm[0].error ?? ''));
    const env = byCmd('sh scripts/check.sh');
    assert.ok(env[0].failed && /API_URL is not set/.test(env[0].error ?? ''));
    const path = byCmd('ls /nonexistent/src');
    assert.ok(path[0].failed && path[0].exitCode === 2);
    // their fixes succeeded
    for (const ok of [
      'npm test',
      'git log --oneline',
      'API_URL=http://localhost:3000 sh scripts/check.sh',
      'ls scripts',
    ])
      assert.ok(byCmd(ok).length >= 1 && byCmd(ok).every((c) => !c.failed && c.hasResult), ok);
    // the large doc was read three times in one session, each result ≥ 1k tokens
    const reads = calls.filter((c) => c.readPath === 'docs/api.md');
    assert.equal(reads.length, 3);
    assert.ok(reads.every((c) => c.outputTokens >= 1000));
    // what the user typed is kept; agent-injected context is not
    const said = sessions.flatMap((s) => s.users.map((u) => u.text));
    assert.ok(said.includes('Run the tests'));
    assert.ok(!said.some((t) => /environment_context|session_context|user_input/.test(t)), said.join(' | '));
    for (const s of sessions) assert.ok(s.lastTime >= Date.parse('2026-11-29T00:00:00Z') && s.lastTime < NOW);
  });
}

test('resumed sessions keep the user correction after the first turn (Claude Code, Codex, Gemini CLI)', async () => {
  for (const agent of ['claude', 'codex', 'gemini'] as const) {
    const sessions = await sessionsOf(agent);
    const resumed = sessions.find((s) => s.users.some((u) => u.text.startsWith('No, use npm test')));
    assert.ok(resumed, agent);
    const u = resumed.users.find((x) => x.text.startsWith('No, use npm test'));
    assert.equal(u?.afterCalls, 1, `${agent}: the correction came after the failing call`);
    assert.deepEqual(
      resumed.calls.map((c) => [c.command, c.failed]),
      [
        ['npm run tset', true],
        ['npm test', false],
      ],
    );
  }
});

test('all five agents together: one block of ranked, grouped lessons with evidence across agents', async () => {
  const s = stage();
  const r = await learn({ workspace: s.workspace, home: s.home, env: {}, now: NOW });
  assert.equal(r.sessionsRead, 18);
  assert.deepEqual(r.bySource, { claude: 4, codex: 4, gemini: 4, continue: 3, cline: 3 });
  assert.equal(r.linesSkipped, 0);
  assert.ok(r.usesClaude);
  const lines = r.block.split('\n');
  const lesson = (re: RegExp) => lines.find((l) => re.test(l));
  // the user's "No, use npm test instead" folds into the same correction: 8 fixes + 3 user corrections
  assert.equal(
    lesson(/npm run tset/),
    '- Run tests with `npm test` (not `npm run tset`: script not found) — seen 11× in 8 sessions (last 2026-11-29)',
  );
  assert.equal(
    lesson(/onelin/),
    '- Use `git log --oneline` (not `git log --onelin`: fatal: unrecognized argument: --onelin) — seen 5× in 5 ' +
      'sessions (last 2026-11-29)',
  );
  assert.equal(
    lesson(/pnpm/),
    '- `pnpm` is not installed here: use `npm test` (not `pnpm test`) — seen 5× in 5 sessions (last 2026-11-29)',
  );
  assert.match(
    lesson(/API_URL/) ?? '',
    new RegExp(
      /^- Set `API_URL` for `sh scripts\/check\.sh`, /.source +
        /e\.g\. `API_URL=http:\/\/localhost:3000 sh scripts\/check\.sh` /.source +
        /\(without it: error: API_URL is not set\) — seen 5× in 5 sessions/.source,
    ),
  );
  assert.match(
    lesson(/nonexistent/) ?? '',
    /^- `\/nonexistent\/src` does not exist \(`ls \/nonexistent\/src` failed; `ls scripts` worked\) — seen 5×/,
  );
  assert.match(
    lesson(/docs\/api\.md/) ?? '',
    /^- `docs\/api\.md` is large \(~\dk tokens\): read it once .* — seen 5× in 5 sessions/,
  );
  // grouped under topics in a fixed order; the big re-read ranks first (most tokens wasted)
  const headings = lines.filter((l) => l.startsWith('### '));
  assert.deepEqual(headings, ['### Commands', '### Paths', '### Tools/flags', '### Environment']);
  assert.equal(r.lessons[0].kind, 'read');
  assert.ok(r.lessons[0].tokensWasted > r.lessons[1].tokensWasted);
  assert.deepEqual(r.lessons.find((l) => /tset/.test(l.text))?.agents, [
    'claude',
    'cline',
    'codex',
    'continue',
    'gemini',
  ]);
  // no absolute paths of the machine leak into the lessons
  assert.ok(!r.block.includes(s.root), 'workspace paths are made relative');
});

test('the same logs give the same bytes on every run (deterministic, no LLM)', async () => {
  const s = stage();
  const a = await learn({ workspace: s.workspace, home: s.home, env: {}, now: NOW });
  const b = await learn({ workspace: s.workspace, home: s.home, env: {}, now: NOW });
  assert.equal(a.block, b.block);
  assert.deepEqual(a.lessons, b.lessons);
});
