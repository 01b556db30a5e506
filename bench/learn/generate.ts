/**
 * Writes a seeded corpus of agent session logs for the Learn benchmark: Claude Code, Codex, Gemini CLI, Continue
 * and Cline files in the exact shapes of the real logs in test/fixtures/learn (same record types, the same
 * duplicated outputs — Claude's `toolUseResult`, Codex's `aggregated_output`, Gemini's `resultDisplay`), with tool
 * output cut from real source text in node_modules, a share of failing commands and their fixes, repeated large
 * reads and user corrections. Byte-identical for the same seed.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { createRng, type Rng } from '../lib/prng.js';
import { encodeClaudeProject } from '../../core/learn/sources/claude.js';

export interface CorpusSpec {
  files: number;
  /** Mean file size; sizes spread uniformly over [0.2×, 1.8×]. */
  meanBytes: number;
  seed: number;
  /** Write every file in this agent's format (default: a Claude/Codex/Gemini/Continue/Cline mix, 4:3:1:1:1). */
  only?: 'claude';
}

const MISTAKES: readonly (readonly [string, string, number, string, string])[] = [
  [
    'npm run tset',
    'npm error Missing script: "tset"\nnpm error\nnpm error Did you mean this?\n' +
      'npm error   npm set # Set a value in the npm configuration',
    1,
    'npm test',
    '> demo@1.0.0 test\n> node --test\n\n# pass 42\n# fail 0',
  ],
  [
    'git log --onelin',
    'fatal: unrecognized argument: --onelin',
    128,
    'git log --oneline',
    'a1b2c3d fix parser\n9f8e7d6 add tests',
  ],
  ['pnpm test', '/usr/bin/bash: line 1: pnpm: command not found', 127, 'npm test', '# pass 42\n# fail 0'],
  [
    'sh scripts/check.sh',
    'error: API_URL is not set',
    1,
    'API_URL=http://localhost:3000 sh scripts/check.sh',
    'ok: http://localhost:3000',
  ],
  [
    'ls src/legacy',
    "ls: cannot access 'src/legacy': No such file or directory",
    2,
    'ls src',
    'index.ts\nparser.ts\nutil.ts',
  ],
  [
    'python -m pytest -x',
    '/usr/bin/python: No module named pytest',
    1,
    'python3 -m pytest -x',
    '===== 12 passed in 0.41s =====',
  ],
];
const READS = [
  'src/parser.ts',
  'src/index.ts',
  'docs/api.md',
  'src/compiler/checker.ts',
  'README.md',
  'package-lock.json',
];
const COMMANDS = ['rg -n handleError src', 'npm test', 'git diff', 'ls -la', 'git status', 'npx tsc --noEmit'];

/** Real text to cut tool outputs from (TypeScript's own sources and lib typings: code, comments, long lines). */
function corpusText(root: string): string {
  const parts: string[] = [];
  for (const f of ['typescript/lib/lib.dom.d.ts', 'typescript/lib/lib.es5.d.ts', 'typescript/lib/typescript.js']) {
    try {
      parts.push(readFileSync(join(root, 'node_modules', f), 'utf8').slice(0, 4_000_000));
    } catch {
      // a missing file only makes the corpus smaller
    }
  }
  return parts.join('\n') || 'export function f() { return 1; }\n'.repeat(10_000);
}

interface Call {
  command?: string;
  read?: string;
  output: string;
  exit: number;
}

/** One session's calls until about `bytes` of output: mistakes and their fixes, reads (some repeated), commands. */
function script(rng: Rng, text: string, bytes: number): { calls: Call[]; users: { at: number; text: string }[] } {
  const calls: Call[] = [];
  const users: { at: number; text: string }[] = [];
  const chunk = (min: number, max: number): string => {
    const n = rng.int(min, max);
    const at = rng.int(0, Math.max(0, text.length - n));
    return text.slice(at, at + n);
  };
  let size = 0;
  const big = rng.pick(READS);
  const bigBody = chunk(8_000, 30_000);
  while (size < bytes) {
    const r = rng.next();
    if (r < 0.12) {
      const [bad, err, exit, fix, ok] = rng.pick(MISTAKES);
      calls.push({ command: bad, output: err, exit });
      if (rng.chance(0.15)) users.push({ at: calls.length, text: `No, use ${fix} instead.` });
      calls.push({ command: fix, output: ok + '\n' + chunk(200, 2_000), exit: 0 });
    } else if (r < 0.22)
      calls.push({ read: big, output: bigBody, exit: 0 }); // the same large file again and again
    else if (r < 0.6) calls.push({ read: rng.pick(READS), output: chunk(1_000, 20_000), exit: 0 });
    else calls.push({ command: rng.pick(COMMANDS), output: chunk(200, 12_000), exit: 0 });
    size += calls[calls.length - 1].output.length * 2 + 600;
  }
  return { calls, users };
}

const iso = (t: number): string => new Date(t).toISOString();

function claude(ws: string, id: string, t0: number, s: ReturnType<typeof script>): string {
  const L: string[] = [];
  const base = {
    isSidechain: false,
    userType: 'external',
    entrypoint: 'sdk-cli',
    cwd: ws,
    sessionId: id,
    version: '2.1.197',
    gitBranch: 'main',
  };
  let t = t0;
  L.push(
    JSON.stringify({
      type: 'queue-operation',
      operation: 'enqueue',
      timestamp: iso(t),
      sessionId: id,
      content: 'Fix the failing tests',
    }),
  );
  L.push(
    JSON.stringify({
      parentUuid: null,
      ...base,
      type: 'user',
      message: { role: 'user', content: 'Fix the failing tests' },
      uuid: `${id}-u0`,
      timestamp: iso((t += 100)),
    }),
  );
  L.push(
    JSON.stringify({
      parentUuid: `${id}-u0`,
      ...base,
      attachment: { type: 'skill_listing', content: 'x'.repeat(1500) },
      type: 'attachment',
      uuid: `${id}-a0`,
      timestamp: iso(t),
    }),
  );
  s.calls.forEach((c, i) => {
    for (const u of s.users)
      if (u.at === i)
        L.push(
          JSON.stringify({
            ...base,
            type: 'user',
            message: { role: 'user', content: u.text },
            uuid: `${id}-m${i}`,
            timestamp: iso((t += 500)),
          }),
        );
    const tid = `toolu_${id.slice(0, 8)}${i}`;
    const input = c.read ? { file_path: `${ws}/${c.read}` } : { command: c.command, description: 'Run a command' };
    const usage = {
      input_tokens: 100,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 5000,
      output_tokens: 20,
      service_tier: 'standard',
    };
    L.push(
      JSON.stringify({
        parentUuid: null,
        ...base,
        message: {
          id: `msg_${i}`,
          type: 'message',
          role: 'assistant',
          model: 'claude-sonnet-4-5',
          content: [{ type: 'tool_use', id: tid, name: c.read ? 'Read' : 'Bash', input }],
          stop_reason: 'tool_use',
          usage,
        },
        requestId: `req_${i}`,
        type: 'assistant',
        uuid: `${id}-t${i}`,
        timestamp: iso((t += 800)),
      }),
    );
    const content = c.exit ? `Exit code ${c.exit}\n${c.output}` : c.output;
    L.push(
      JSON.stringify({
        parentUuid: `${id}-t${i}`,
        ...base,
        type: 'user',
        message: {
          role: 'user',
          content: [{ tool_use_id: tid, type: 'tool_result', content, is_error: c.exit !== 0 }],
        },
        uuid: `${id}-r${i}`,
        timestamp: iso((t += 1200)),
        toolUseResult: { stdout: c.output, stderr: '', interrupted: false, isImage: false },
      }),
    );
  });
  return L.join('\n') + '\n';
}

function codex(ws: string, id: string, t0: number, s: ReturnType<typeof script>, instructions: string): string {
  const L: string[] = [];
  let t = t0;
  L.push(
    JSON.stringify({
      timestamp: iso(t),
      ordinal: 0,
      type: 'session_meta',
      payload: {
        session_id: id,
        id,
        timestamp: iso(t),
        cwd: ws,
        originator: 'codex_exec',
        cli_version: '0.171.0',
        source: 'exec',
        model_provider: 'openai',
        base_instructions: { text: instructions },
      },
    }),
  );
  L.push(
    JSON.stringify({
      timestamp: iso(t),
      type: 'response_item',
      payload: {
        type: 'message',
        role: 'user',
        content: [
          {
            type: 'input_text',
            text: `<environment_context>\n  <cwd>${ws}</cwd>\n  <shell>bash</shell>\n</environment_context>`,
          },
        ],
      },
    }),
  );
  L.push(
    JSON.stringify({
      timestamp: iso(t),
      type: 'response_item',
      payload: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Fix the failing tests' }] },
    }),
  );
  s.calls.forEach((c, i) => {
    for (const u of s.users)
      if (u.at === i)
        L.push(
          JSON.stringify({
            timestamp: iso((t += 500)),
            type: 'response_item',
            payload: { type: 'message', role: 'user', content: [{ type: 'input_text', text: u.text }] },
          }),
        );
    const cmd = c.read ? `cat ${c.read}` : (c.command as string);
    const callId = `call_${id.slice(0, 6)}${i}`;
    L.push(
      JSON.stringify({
        timestamp: iso((t += 700)),
        type: 'response_item',
        payload: {
          type: 'function_call',
          status: 'completed',
          name: 'exec_command',
          arguments: JSON.stringify({ cmd }),
          call_id: callId,
        },
      }),
    );
    L.push(
      JSON.stringify({
        timestamp: iso(t),
        type: 'token_usage_record',
        payload: { usage: { input_tokens: 100, output_tokens: 20 } },
      }),
    );
    L.push(
      JSON.stringify({
        timestamp: iso((t += 900)),
        type: 'event_msg',
        payload: {
          type: 'item_completed',
          item: {
            type: 'CommandExecution',
            id: callId,
            command: ['/bin/bash', '-lc', cmd],
            cwd: `file://${ws}`,
            status: c.exit ? 'failed' : 'completed',
            aggregated_output: c.output,
            exit_code: c.exit,
          },
        },
      }),
    );
    L.push(
      JSON.stringify({
        timestamp: iso(t),
        type: 'response_item',
        payload: {
          type: 'function_call_output',
          call_id: callId,
          output:
            `Chunk ID: ${i.toString(16)}\nWall time: 0.4 seconds\nProcess exited with code ${c.exit}\n` +
            `Original token count: ${Math.ceil(c.output.length / 4)}\nOutput:\n${c.output}`,
        },
      }),
    );
    L.push(
      JSON.stringify({
        timestamp: iso(t),
        type: 'event_msg',
        payload: { type: 'token_count', info: { total_token_usage: { input_tokens: 100 * (i + 1) } } },
      }),
    );
  });
  return L.join('\n') + '\n';
}

function gemini(id: string, t0: number, s: ReturnType<typeof script>, hash: string): string {
  const L: string[] = [];
  let t = t0;
  L.push(JSON.stringify({ sessionId: id, projectHash: hash, startTime: iso(t), lastUpdated: iso(t), kind: 'main' }));
  L.push(
    JSON.stringify({ id: `${id}-u0`, timestamp: iso(t), type: 'user', content: [{ text: 'Fix the failing tests' }] }),
  );
  s.calls.forEach((c, i) => {
    for (const u of s.users)
      if (u.at === i)
        L.push(
          JSON.stringify({ id: `${id}-m${i}`, timestamp: iso((t += 500)), type: 'user', content: [{ text: u.text }] }),
        );
    const gid = `${id}-g${i}`;
    const cmd = c.read ? `cat ${c.read}` : (c.command as string);
    const out =
      `<untrusted_context>\nOutput: ${c.output}\n${c.exit ? `Exit Code: ${c.exit}\n` : ''}Process Group ` +
      `PGID: ${1000 + i}\n</untrusted_context>`;
    const fr = {
      functionResponse: { id: `run_shell_command_${i}`, name: 'run_shell_command', response: { output: out } },
    };
    L.push(
      JSON.stringify({
        id: gid,
        timestamp: iso((t += 600)),
        type: 'gemini',
        content: '',
        thoughts: [],
        tokens: { input: 100, output: 20 },
        model: 'gemini-2.5-flash',
      }),
    );
    L.push(JSON.stringify({ $set: { lastUpdated: iso(t) } }));
    L.push(
      JSON.stringify({
        id: gid,
        timestamp: iso(t),
        type: 'gemini',
        content: '',
        model: 'gemini-2.5-flash',
        toolCalls: [
          {
            id: `run_shell_command_${i}`,
            name: 'run_shell_command',
            args: { command: cmd },
            result: [fr],
            status: 'success',
            timestamp: iso((t += 700)),
            resultDisplay: c.output,
            description: cmd,
            displayName: 'Shell',
          },
        ],
      }),
    );
    L.push(JSON.stringify({ id: `${id}-f${i}`, timestamp: iso(t), type: 'user', content: [fr] }));
  });
  return L.join('\n') + '\n';
}

function continueDoc(ws: string, id: string, s: ReturnType<typeof script>): string {
  const history: unknown[] = [{ message: { role: 'user', content: 'Fix the failing tests' }, contextItems: [] }];
  s.calls.forEach((c, i) => {
    for (const u of s.users)
      if (u.at === i) history.push({ message: { role: 'user', content: u.text }, contextItems: [] });
    const cmd = c.read ? `cat ${c.read}` : (c.command as string);
    const tc = {
      id: `call_${i}`,
      type: 'function',
      function: { name: 'Bash', arguments: JSON.stringify({ command: cmd }) },
    };
    const output = c.exit ? `Error executing tool Bash: Error (exit code ${c.exit}): ${c.output}` : c.output;
    history.push({
      message: { role: 'assistant', content: '', toolCalls: [tc] },
      contextItems: [],
      toolCallStates: [
        {
          toolCallId: tc.id,
          toolCall: tc,
          status: c.exit ? 'errored' : 'done',
          parsedArgs: { command: cmd },
          output: [{ content: output, name: 'Tool Result', description: 'Tool execution result' }],
        },
      ],
    });
  });
  return JSON.stringify(
    { sessionId: id, title: 'Untitled Session', workspaceDirectory: ws, history, usage: { promptTokens: 300 } },
    null,
    2,
  );
}

function clineDoc(id: string, t0: number, s: ReturnType<typeof script>): string {
  const messages: unknown[] = [
    {
      id: `${id}-0`,
      role: 'user',
      content: [{ type: 'text', text: '<user_input mode="act">Fix the failing tests</user_input>' }],
      ts: t0,
    },
  ];
  let t = t0;
  s.calls.forEach((c, i) => {
    for (const u of s.users)
      if (u.at === i)
        messages.push({
          id: `${id}-m${i}`,
          role: 'user',
          content: [{ type: 'text', text: `<user_input mode="act">${u.text}</user_input>` }],
          ts: (t += 500),
        });
    const cmd = c.read ? `cat ${c.read}` : (c.command as string);
    messages.push({
      id: `${id}-a${i}`,
      role: 'assistant',
      content: [{ type: 'tool_use', id: `call_${i}`, name: 'run_commands', input: { commands: [cmd] } }],
      ts: (t += 600),
    });
    const result = c.exit ? `[Command exited with code ${c.exit}]\n\n[stderr]\n${c.output}` : c.output;
    messages.push({
      id: `${id}-r${i}`,
      role: 'user',
      content: [
        {
          type: 'tool_result',
          tool_use_id: `call_${i}`,
          name: 'run_commands',
          content: [
            {
              query: cmd,
              result,
              ...(c.exit ? { error: `Command exited with code ${c.exit}`, success: false } : { success: true }),
            },
          ],
        },
      ],
      ts: (t += 800),
    });
  });
  return JSON.stringify(
    { version: 1, updated_at: iso(t), agent: 'lead', sessionId: id, messages, system_prompt: 'You are Cline.' },
    null,
    2,
  );
}

/** Writes the corpus under `home` for workspace `ws`; returns the bytes written. */
export function generateCorpus(home: string, ws: string, spec: CorpusSpec, repoRoot: string, start: number): number {
  const rng = createRng(spec.seed);
  const text = corpusText(repoRoot);
  const instructions = text.slice(0, 20_000);
  const hash = createHash('sha256').update(ws).digest('hex');
  const claudeDir = join(home, '.claude', 'projects', encodeClaudeProject(ws));
  const geminiDir = join(home, '.gemini', 'tmp', hash, 'chats');
  for (const d of [claudeDir, geminiDir, join(home, '.continue', 'sessions')]) mkdirSync(d, { recursive: true });
  let total = 0;
  for (let n = 0; n < spec.files; n++) {
    const bytes = spec.files === 1 ? spec.meanBytes : Math.round(spec.meanBytes * (0.2 + 1.6 * rng.next()));
    const s = script(rng, text, bytes);
    const id = `${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`;
    const t0 = start - rng.int(0, 20) * 86_400_000;
    const kind =
      spec.only ??
      rng.weighted([
        ['claude', 4],
        ['codex', 3],
        ['gemini', 1],
        ['continue', 1],
        ['cline', 1],
      ] as const);
    let path: string;
    let body: string;
    if (kind === 'claude') [path, body] = [join(claudeDir, `${id}.jsonl`), claude(ws, id, t0, s)];
    else if (kind === 'codex') {
      const d = new Date(t0);
      const dir = join(
        home,
        '.codex',
        'sessions',
        String(d.getUTCFullYear()),
        String(d.getUTCMonth() + 1).padStart(2, '0'),
        String(d.getUTCDate()).padStart(2, '0'),
      );
      mkdirSync(dir, { recursive: true });
      [path, body] = [
        join(dir, `rollout-${iso(t0).slice(0, 19).replace(/:/g, '-')}-${id}.jsonl`),
        codex(ws, id, t0, s, instructions),
      ];
    } else if (kind === 'gemini')
      [path, body] = [
        join(geminiDir, `session-${iso(t0).slice(0, 16).replace(/:/g, '-')}-${id.slice(0, 8)}.jsonl`),
        gemini(id, t0, s, hash),
      ];
    else if (kind === 'continue')
      [path, body] = [join(home, '.continue', 'sessions', `${id}.json`), continueDoc(ws, id, s)];
    else {
      const dir = join(home, '.cline', 'data', 'sessions', id);
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, `${id}.json`),
        JSON.stringify({ version: 1, session_id: id, cwd: ws, workspace_root: ws, started_at: iso(t0) }),
      );
      [path, body] = [join(dir, `${id}.messages.json`), clineDoc(id, t0, s)];
    }
    writeFileSync(path, body);
    total += Buffer.byteLength(body);
  }
  return total;
}
