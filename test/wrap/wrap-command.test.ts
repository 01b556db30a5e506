/**
 * `headroom wrap` as a real process around a stand-in agent (test/fixtures/wrap/fake-agent.js, via --bin): the agent
 * is pointed at a proxy that compresses its request before the fake provider sees it, its arguments and exit code
 * pass through, termination signals reach it, and the run's savings are printed to stderr.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { startFakeProvider, type FakeProvider } from '../helpers/fake-provider.js';
import { untilFile } from '../helpers/wait.js';
import { headroomCommand, root } from '../mcp/helpers.js';
import { openStore } from '../../core/ccr/store.js';
import { startProxy } from '../../core/proxy/start-proxy.js';

const fakeAgent = join(root, 'test', 'fixtures', 'wrap', 'fake-agent.js');
const toolOutput = join(root, 'test', 'fixtures', 'mcp', 'packages.json');
const reply = {
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5',
  content: [{ type: 'text', text: 'sql.js is MIT' }],
  stop_reason: 'end_turn',
  usage: { input_tokens: 1, output_tokens: 1 },
};
let provider: FakeProvider;
before(async () => {
  provider = await startFakeProvider(() => ({ body: reply }));
});
after(() => provider.close());

/** A port nothing listens on, so wrap never picks up a proxy some developer runs on 8787. */
const idlePort = '1';

function wrap(args: string[], env: Record<string, string>, home = mkdtempSync(join(tmpdir(), 'hr-wrap-'))) {
  const { command, args: pre } = headroomCommand();
  const out = join(home, 'agent-out.json');
  const child = spawn(command, [...pre, 'wrap', ...args], {
    env: {
      ...process.env,
      HEADROOM_HOME: join(home, '.headroom'),
      HOME: home,
      FAKE_OUT: out,
      FAKE_TOOL_OUTPUT: toolOutput,
      TMPDIR: home,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = once(child, 'exit').then(([code]) => code as number);
  return { child, done, stderr: () => stderr, out, home, agentOut: () => JSON.parse(readFileSync(out, 'utf8')) };
}

test(`claude: the agent reaches a proxy that compresses its tool result; args and exit code pass through; savings \
printed`, async () => {
  const before = provider.received.length;
  const w = wrap(['claude', '--port', idlePort, '--bin', fakeAgent, '--', '-p', 'hello world', '--verbose'], {
    ANTHROPIC_BASE_URL: provider.url,
    FAKE_EXIT: '3',
  });
  const code = await w.done;
  assert.equal(code, 3, w.stderr());
  const agent = w.agentOut();
  assert.deepEqual(agent.argv, ['-p', 'hello world', '--verbose']);
  assert.match(agent.env.ANTHROPIC_BASE_URL, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.notEqual(
    agent.env.ANTHROPIC_BASE_URL,
    provider.url,
    'the agent talks to the proxy, the proxy to the old base URL',
  );
  assert.equal(agent.status, 200);
  assert.deepEqual(agent.reply, reply);

  assert.equal(provider.received.length, before + 1);
  const sent = provider.received.at(-1)!.json<{ messages: { content: { type: string; content?: string }[] }[] }>();
  const tool = sent.messages[2].content[0].content!;
  const original = readFileSync(toolOutput, 'utf8');
  assert.ok(tool.length < original.length / 4, `${original.length} → ${tool.length}`);
  assert.match(tool, /sql\.js \| 1\.17\.0/);

  assert.match(
    w.stderr(),
    /headroom: no Headroom proxy on 127\.0\.0\.1:1; started one at http:\/\/127\.0\.0\.1:\d+ for this run/,
  );
  const m = new RegExp(
    /headroom: claude — 1 request, ([\d,]+) → ([\d,]+) tool-output tokens /.source +
      /\(([\d,]+) saved, (\d+)%\), 0 retrievals/.source,
  ).exec(w.stderr());
  assert.ok(m, w.stderr());
  assert.ok(Number(m[4]) > 75, `${m[4]}% saved`);
  assert.deepEqual(
    readdirSync(w.home).filter((n) => n.startsWith('headroom-wrap-')),
    [],
    'the per-run temp folder is gone',
  );

  const store = await openStore({ dir: join(w.home, '.headroom') });
  const t = store.totals();
  await store.close();
  assert.equal(t.requests, 1);
});

test('a running Headroom proxy with the same upstream is reused; one forwarding elsewhere is not', async () => {
  const home = mkdtempSync(join(tmpdir(), 'hr-wrap-'));
  const store = await openStore({ dir: join(home, 'proxy-store') });
  const shared = await startProxy({ store, port: 0, bases: { anthropic: provider.url } });
  try {
    const w = wrap(
      ['claude', '--port', String(shared.port), '--bin', fakeAgent],
      { ANTHROPIC_BASE_URL: provider.url },
      home,
    );
    assert.equal(await w.done, 0, w.stderr());
    assert.equal(w.agentOut().env.ANTHROPIC_BASE_URL, shared.url);
    assert.match(w.stderr(), new RegExp(`using the Headroom proxy at ${shared.url}`));
    assert.match(w.stderr(), /headroom: claude — 1 request, .* shared proxy/);
    assert.equal(store.totals().requests, 1, 'the shared proxy handled it');

    const other = wrap(
      ['claude', '--port', String(shared.port), '--bin', fakeAgent],
      { ANTHROPIC_BASE_URL: 'http://127.0.0.1:9/v1' },
      home,
    );
    await other.done;
    assert.match(other.stderr(), /forwards elsewhere; started one at/);
    assert.notEqual(other.agentOut().env.ANTHROPIC_BASE_URL, shared.url);
  } finally {
    await shared.close();
    await store.close();
  }
});

test(`--prose-model: a proxy of its own with the model, even beside a matching running one; unknown ids are usage \
errors`, async () => {
  const home = mkdtempSync(join(tmpdir(), 'hr-wrap-'));
  const store = await openStore({ dir: join(home, 'proxy-store') });
  const shared = await startProxy({ store, port: 0, bases: { anthropic: provider.url } });
  try {
    const w = wrap(
      ['claude', '--port', String(shared.port), '--prose-model', 'headroom-prose-v1', '--bin', fakeAgent],
      { ANTHROPIC_BASE_URL: provider.url },
      home,
    );
    assert.equal(await w.done, 0, w.stderr());
    assert.match(w.stderr(), /a prose model was asked for \(a running proxy keeps its own settings\); started one at/);
    assert.notEqual(w.agentOut().env.ANTHROPIC_BASE_URL, shared.url);
    assert.equal(w.agentOut().status, 200);
    assert.equal(store.totals().requests, 0, 'the running proxy was left alone');

    const bad = wrap(['claude', '--prose-model', 'nope', '--bin', fakeAgent], {}, home);
    assert.equal(await bad.done, 2);
    assert.match(bad.stderr(), /headroom wrap: no prose model "nope"/);
  } finally {
    await shared.close();
    await store.close();
  }
});

test('SIGTERM to wrap reaches the agent; its exit code comes back', async () => {
  const w = wrap(['claude', '--port', idlePort, '--bin', fakeAgent], { FAKE_MODE: 'wait' });
  await untilFile(w.out); // the agent is up (it writes its report before waiting for a signal)
  w.child.kill('SIGTERM');
  assert.equal(await w.done, 40, w.stderr());
  assert.equal(w.agentOut().signal, 'SIGTERM');
  assert.match(w.stderr(), /headroom: claude — 0 requests/);
});

test(`an agent killed by a signal → 128 + signal number; SIGINT is forwarded when stdin is not a \
terminal`, async () => {
  const w = wrap(['claude', '--port', idlePort, '--bin', fakeAgent], { FAKE_MODE: 'wait', FAKE_NO_HANDLER: '1' });
  await untilFile(w.out); // the agent is up (it writes its report before waiting for a signal)
  w.child.kill('SIGINT');
  assert.equal(await w.done, 130, w.stderr());
});

test('usage errors: unknown agent, agent flags before --, missing binary', async () => {
  const unknown = wrap(['vim'], {});
  const flags = wrap(['claude', '-p', 'x'], {});
  const missing = wrap(['claude', '--port', idlePort, '--bin', '/nonexistent/claude'], {});
  assert.equal(await unknown.done, 2);
  assert.match(unknown.stderr(), /unknown agent "vim"/);
  assert.equal(await flags.done, 2);
  assert.match(flags.stderr(), /arguments go after --/);
  assert.equal(await missing.done, 127);
  assert.match(missing.stderr(), /cannot run claude: \/nonexistent\/claude does not exist/);
  assert.doesNotMatch(missing.stderr(), /proxy/, 'checked before any proxy is looked for or started');
});
