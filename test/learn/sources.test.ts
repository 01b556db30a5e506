/**
 * Formats not recorded here (VS Code extensions: Copilot Chat, Cline and Roo task histories; Codex's 2025 rollouts),
 * written in the shapes their public source defines, plus workspace filtering and the env overrides.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { learn } from '../../core/learn/index.js';
import { encodeClaudeProject } from '../../core/learn/sources/claude.js';
import { SOURCES } from '../../core/learn/sources/index.js';
import type { SourceContext } from '../../core/learn/sources/source.js';
import type { AgentId, Session } from '../../core/learn/types.js';
import { claudeSession, NOW, put, RUN_TIME } from './helpers.js';

function tmp(): { home: string; ws: string; user: string } {
  const root = mkdtempSync(join(tmpdir(), 'hr-learn-src-'));
  return { home: join(root, 'home'), ws: join(root, 'ws'), user: join(root, 'home', '.config', 'Code', 'User') };
}

async function parseAll(
  agent: AgentId,
  home: string,
  ws: string,
  user: string,
  env: Record<string, string> = {},
): Promise<{ sessions: Session[]; skipped: number }> {
  const ctx: SourceContext = { workspace: ws, home, env, vscodeUserDirs: [user], stats: { linesSkipped: 0 }, since: 0 };
  const sessions: Session[] = [];
  for (const src of SOURCES.filter((s) => s.agent === agent))
    for (const f of (await src.discover(ctx)).files) {
      const s = await src.parse(f, ctx);
      if (s) sessions.push(s);
    }
  return { sessions, skipped: ctx.stats.linesSkipped };
}
const brief = (s: Session) =>
  s.calls.map((c) => [c.tool, c.command ?? c.readPath ?? c.argsKey, c.failed, c.exitCode ?? null]);

test(`Copilot Chat .json: terminal calls with exit codes, users from requests, workspace picked by \
workspace.json`, async () => {
  const { home, ws, user } = tmp();
  put(
    user,
    'workspaceStorage/abc123/workspace.json',
    JSON.stringify({ folder: 'file://' + ws.split('/').map(encodeURIComponent).join('/') }),
  );
  put(user, 'workspaceStorage/other/workspace.json', JSON.stringify({ folder: 'file:///somewhere/else' }));
  const terminal = (cmd: string, exitCode: number, text: string) => ({
    kind: 'toolInvocationSerialized',
    toolId: 'run_in_terminal',
    toolCallId: 'c-' + cmd,
    invocationMessage: 'Running',
    isComplete: true,
    toolSpecificData: {
      kind: 'terminal',
      commandLine: { original: cmd },
      terminalCommandState: { exitCode, timestamp: RUN_TIME },
      terminalCommandOutput: { text },
    },
  });
  const session = {
    version: 3,
    sessionId: 'cp1',
    creationDate: RUN_TIME,
    requests: [
      {
        requestId: 'r1',
        timestamp: RUN_TIME,
        message: { text: 'run the tests', parts: [] },
        response: [
          { value: 'Running tests', kind: 'markdownContent' },
          terminal('npm run tset', 1, 'npm error Missing script: "tset"'),
          terminal('npm test', 0, '1 passing'),
        ],
      },
      {
        requestId: 'r2',
        timestamp: RUN_TIME + 1000,
        message: { text: 'No, use yarn test instead.' },
        response: [
          {
            kind: 'toolInvocationSerialized',
            toolId: 'copilot_readFile',
            isComplete: true,
            toolSpecificData: { kind: 'input', rawInput: { filePath: `${ws}/missing.ts` } },
            resultDetails: { input: '{}', output: [{ value: 'ENOENT: no such file or directory' }], isError: true },
          },
        ],
      },
    ],
  };
  put(user, 'workspaceStorage/abc123/chatSessions/cp1.json', JSON.stringify(session, null, 2));
  put(user, 'workspaceStorage/other/chatSessions/x.json', JSON.stringify({ ...session, sessionId: 'elsewhere' }));
  const { sessions } = await parseAll('copilot', home, ws, user);
  assert.equal(sessions.length, 1);
  assert.equal(sessions[0].id, 'cp1');
  assert.deepEqual(brief(sessions[0]), [
    ['run_in_terminal', 'npm run tset', true, 1],
    ['run_in_terminal', 'npm test', false, 0],
    ['copilot_readFile', 'missing.ts', true, null],
  ]);
  assert.deepEqual(
    sessions[0].users.map((u) => [u.text, u.afterCalls]),
    [
      ['run the tests', 0],
      ['No, use yarn test instead.', 2],
    ],
  );
});

test('Copilot Chat .jsonl: the mutation log is replayed (initial state, set, push with truncate, delete)', async () => {
  const { home, ws, user } = tmp();
  put(user, 'workspaceStorage/h/workspace.json', JSON.stringify({ folder: 'file://' + ws }));
  const req = (id: string, text: string) => ({
    requestId: id,
    timestamp: RUN_TIME,
    message: { text },
    response: [] as unknown[],
  });
  const term = (cmd: string, exitCode: number) => ({
    kind: 'toolInvocationSerialized',
    toolId: 'run_in_terminal',
    isComplete: true,
    toolSpecificData: { kind: 'terminal', commandLine: { original: cmd }, terminalCommandState: { exitCode } },
  });
  const lines = [
    { kind: 0, v: { version: 3, sessionId: 'cpl', requests: [req('r1', 'build it')] } },
    { kind: 2, k: ['requests', 0, 'response'], v: [term('tsc -p . --noEmt', 1)] },
    { kind: 2, k: ['requests', 0, 'response'], v: [term('tsc -p . --noEmit', 0)] },
    { kind: 2, k: ['requests'], v: [req('r2', 'thanks'), req('r3', 'dropped later')] },
    { kind: 2, k: ['requests'], v: [], i: 2 }, // truncate back to two requests
    { kind: 1, k: ['requests', 1, 'message', 'text'], v: 'Actually, never use --force here.' },
    { kind: 3, k: ['customTitle'] },
    'not json at all',
  ].map((l) => (typeof l === 'string' ? l : JSON.stringify(l)));
  put(user, 'workspaceStorage/h/chatSessions/cpl.jsonl', lines.join('\n') + '\n');
  const { sessions, skipped } = await parseAll('copilot', home, ws, user);
  assert.equal(skipped, 1, 'the corrupt line is counted');
  assert.deepEqual(brief(sessions[0]), [
    ['run_in_terminal', 'tsc -p . --noEmt', true, 1],
    ['run_in_terminal', 'tsc -p . --noEmit', false, 0],
  ]);
  assert.deepEqual(
    sessions[0].users.map((u) => u.text),
    ['build it', 'Actually, never use --force here.'],
  );
});

test(`Cline and Roo in VS Code: native tool calls, legacy XML calls, the task folder from environment \
details`, async () => {
  const { home, ws, user } = tmp();
  const env = (dir: string) =>
    `<environment_details>\n# Current Working Directory (${dir}) Files\nREADME.md\n</environment_details>`;
  const native = [
    {
      role: 'user',
      content: [
        { type: 'text', text: '<task>\nfix the build\n</task>' },
        { type: 'text', text: env(ws) },
      ],
      ts: RUN_TIME,
    },
    {
      role: 'assistant',
      content: [
        {
          type: 'tool_use',
          id: 't1',
          name: 'execute_command',
          input: { command: 'npm run biuld', requires_approval: false },
        },
      ],
      ts: RUN_TIME + 1,
    },
    {
      role: 'user',
      content: [
        {
          type: 'tool_result',
          tool_use_id: 't1',
          content: 'Command executed.\nOutput:\nnpm error Missing script: "biuld"',
        },
      ],
      ts: RUN_TIME + 2,
    },
    {
      role: 'assistant',
      content: [{ type: 'tool_use', id: 't2', name: 'execute_command', input: { command: 'npm run build' } }],
      ts: RUN_TIME + 3,
    },
    {
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: 't2', content: 'Command executed.\nOutput:\nbuilt in 1.2s' }],
      ts: RUN_TIME + 4,
    },
  ];
  put(
    user,
    'globalStorage/saoudrizwan.claude-dev/tasks/1700000000000/api_conversation_history.json',
    JSON.stringify(native),
  );
  const legacy = [
    {
      role: 'user',
      content: [
        { type: 'text', text: '<task>\nrun tests\n</task>' },
        { type: 'text', text: env(ws).replace('Working', 'Workspace') },
      ],
    },
    {
      role: 'assistant',
      content: [
        {
          type: 'text',
          text: 'I will run them.\n<execute_command>\n<command>pytest -x tests</command>\n</execute_command>',
        },
      ],
    },
    {
      role: 'user',
      content: [
        { type: 'text', text: "[execute_command for 'pytest -x tests'] Result:" },
        {
          type: 'text',
          text:
            'Command executed in terminal within working directory. Exit code: 4\nOutput:\n' +
            'ERROR: file or directory not found: tests',
        },
      ],
    },
    { role: 'user', content: [{ type: 'text', text: 'No, the tests are in test/, not tests/.' }] },
  ];
  put(
    user,
    'globalStorage/rooveterinaryinc.roo-cline/tasks/t-roo/api_conversation_history.json',
    JSON.stringify(legacy),
  );
  put(
    user,
    'globalStorage/saoudrizwan.claude-dev/tasks/1700000000001/api_conversation_history.json',
    JSON.stringify([{ ...native[0], content: [{ type: 'text', text: env('/another/project') }] }, ...native.slice(1)]),
  );
  const cline = await parseAll('cline', home, ws, user);
  assert.equal(cline.sessions.length, 1, 'the other project’s task is left out');
  assert.deepEqual(brief(cline.sessions[0]), [
    ['execute_command', 'npm run biuld', true, null], // no exit code in Cline's text: the npm signature says it failed
    ['execute_command', 'npm run build', false, null],
  ]);
  assert.deepEqual(
    cline.sessions[0].users.map((u) => u.text),
    ['fix the build'],
  );
  const roo = await parseAll('roo', home, ws, user);
  assert.deepEqual(brief(roo.sessions[0]), [['execute_command', 'pytest -x tests', true, 4]]);
  assert.deepEqual(
    roo.sessions[0].users.map((u) => u.text),
    ['run tests', 'No, the tests are in test/, not tests/.'],
  );
});

test(`Codex 2025 rollouts (bare header, cwd in <environment_context>, JSON outputs with \
metadata.exit_code)`, async () => {
  const { home, ws, user } = tmp();
  const lines = [
    { id: 'old-1', timestamp: '2025-06-01T10:00:00Z', instructions: null },
    {
      type: 'message',
      role: 'user',
      content: [{ type: 'input_text', text: `<environment_context>\n  <cwd>${ws}</cwd>\n</environment_context>` }],
    },
    { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'run the linter' }] },
    {
      type: 'function_call',
      name: 'shell',
      arguments: JSON.stringify({ command: ['bash', '-lc', 'npm run lnt'] }),
      call_id: 'c1',
    },
    {
      type: 'function_call_output',
      call_id: 'c1',
      output: JSON.stringify({
        output: 'npm ERR! Missing script: "lnt"',
        metadata: { exit_code: 1, duration_seconds: 0.4 },
      }),
    },
    {
      type: 'function_call',
      name: 'shell',
      arguments: JSON.stringify({ command: ['bash', '-lc', 'npm run lint'] }),
      call_id: 'c2',
    },
    {
      type: 'function_call_output',
      call_id: 'c2',
      output: JSON.stringify({ output: 'ok', metadata: { exit_code: 0 } }),
    },
  ];
  put(
    home,
    '.codex/sessions/2025/06/01/rollout-2025-06-01T10-00-00-old-1.jsonl',
    lines.map((l) => JSON.stringify(l)).join('\n'),
  );
  const { sessions } = await parseAll('codex', home, ws, user);
  assert.deepEqual(brief(sessions[0]), [
    ['shell', 'npm run lnt', true, 1],
    ['shell', 'npm run lint', false, 0],
  ]);
  assert.deepEqual(
    sessions[0].users.map((u) => u.text),
    ['run the linter'],
  );
});

test(`workspace filtering: subfolder sessions count, sibling folders and other cwds do not; env overrides \
honoured`, async () => {
  const { home, ws, user } = tmp();
  const cfg = join(home, 'claude-config');
  const projects = join(cfg, 'projects');
  put(
    projects,
    `${encodeClaudeProject(ws)}/a.jsonl`,
    claudeSession(ws, 'a', [
      ['npm run tset', 'Exit code 1\nnpm error Missing script: "tset"', true],
      ['npm test', 'ok', false],
    ]),
  );
  put(
    projects,
    `${encodeClaudeProject(ws + '/packages/web')}/b.jsonl`,
    claudeSession(ws + '/packages/web', 'b', [
      ['npm run tset', 'Exit code 1\nnpm error Missing script: "tset"', true],
      ['npm test', 'ok', false],
    ]),
  );
  put(
    projects,
    `${encodeClaudeProject(ws + '-old')}/c.jsonl`,
    claudeSession(ws + '-old', 'c', [
      ['npm run tset', 'Exit code 1\nnpm error Missing script: "tset"', true],
      ['npm test', 'ok', false],
    ]),
  );
  put(
    home,
    '.claude/projects/' + encodeClaudeProject(ws) + '/ignored.jsonl',
    claudeSession(ws, 'ignored', [['x', 'y', true]]),
  );
  const codexHome = join(home, 'codex-home');
  const meta = (cwd: string, id: string) =>
    JSON.stringify({ timestamp: new Date(RUN_TIME).toISOString(), type: 'session_meta', payload: { id, cwd } });
  put(codexHome, 'sessions/2026/11/29/rollout-1.jsonl', meta('/elsewhere', 'x') + '\n');
  const r = await learn({
    workspace: ws,
    home,
    env: { CLAUDE_CONFIG_DIR: cfg, CODEX_HOME: codexHome },
    now: NOW,
    vscodeUserDirs: [user],
  });
  assert.equal(
    r.sessionsRead,
    2,
    'the workspace and its subfolder; not the sibling, not ~/.claude (overridden), not the other cwd',
  );
  assert.equal(r.lessons[0].text, 'Run tests with `npm test` (not `npm run tset`: script not found)');
  assert.equal(r.lessons[0].sessions, 2);
});

test('the window: sessions older than `days` are not read, and their lessons are not proposed', async () => {
  const { home, ws, user } = tmp();
  const old = RUN_TIME - 40 * 86_400_000;
  put(
    home,
    `.claude/projects/${encodeClaudeProject(ws)}/old.jsonl`,
    claudeSession(
      ws,
      'old',
      [
        ['npm run tset', 'Exit code 1\nnpm error Missing script: "tset"', true],
        ['npm test', 'ok', false],
      ],
      old,
    ),
    old,
  );
  const r = await learn({ workspace: ws, home, env: {}, now: NOW, vscodeUserDirs: [user] });
  assert.equal(r.sessionsRead, 0);
  assert.equal(r.block, '');
  const wide = await learn({ workspace: ws, home, env: {}, now: NOW, days: 60, vscodeUserDirs: [user] });
  assert.equal(wide.sessionsRead, 1);
});
