/**
 * A real agent through the proxy: Claude Code (npm `@anthropic-ai/claude-code`) runs a real shell tool (a JSON
 * listing; then, with the proxy running the prose model, `cat` of a real FAQ), the scripted
 * fake provider (../shared/agents/fake-provider.js) asks for the tool and answers once the result comes back, and the
 * proxy sits in between. Runs inside a loopback-only network namespace via ../shared/agents/bin/run-agent.sh (root).
 *
 *   npm install --prefix $AGENTS_DIR/install/claude @anthropic-ai/claude-code
 *     (once; AGENTS_DIR default /tmp/agents-try)
 *   node --import tsx --test test/proxy/e2e/claude-code.test.ts
 *
 * Not part of the default test run (test/**\/e2e is skipped): it needs the agent installed and root for `unshare`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../../core/ccr/store.js';
import { memoKey } from '../../../core/messages/compress-messages.js';

const root = join(__dirname, '..', '..', '..');
const shared = join(root, '..', 'shared', 'agents');
const agentsDir = process.env.AGENTS_DIR ?? '/tmp/agents-try';
const claude = join(agentsDir, 'install', 'claude', 'node_modules', '.bin', 'claude');
const missing = !existsSync(claude)
  ? `Claude Code not installed at ${claude}`
  : process.getuid?.() !== 0
    ? 'needs root (unshare)'
    : undefined;

test('Claude Code runs a real tool through the proxy: its result is compressed, the retrieve tool added, the answer ' +
  'arrives', {
  skip: missing,
}, () => {
  // the tool output: a JSON listing with one anomaly, what agents read all day
  const gen = join(agentsDir, 'gen-listing.js');
  writeFileSync(
    gen,
    "const r=Array.from({length:150},(_, i)=>({id:i,service:'svc-'+(i%9)," +
      "status:i===77?'degraded':'ok',p99_ms:20+(i*7)%60}));" +
      'console.log(JSON.stringify(r,null,2));\n',
  );
  const loader = 'file://' + join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs');
  const pre =
    `HEADROOM_HOME=$R/home/.headroom node --import ${loader} ${join(root, 'core', 'cli.ts')} proxy --port 8787 ` +
    `--anthropic-base http://127.0.0.1:18080 > $R/proxy.out 2> $R/proxy.err & ` +
    'for i in $(seq 100); do grep -qs listening $R/proxy.out && break; sleep 0.1; done';
  const r = spawnSync(
    join(shared, 'bin', 'run-agent.sh'),
    [
      'claude',
      'headroom',
      `node ${gen}`,
      '90',
      '--',
      claude,
      '-p',
      'Run a shell command to look at the files here',
      '--allowedTools',
      'Bash',
      '--output-format',
      'stream-json',
      '--verbose',
      '--model',
      'claude-sonnet-4-5',
    ],
    {
      encoding: 'utf8',
      timeout: 150_000,
      env: {
        ...process.env,
        AGENTS_DIR: agentsDir,
        PRE: pre,
        AGENT_ENV:
          'ANTHROPIC_BASE_URL=http://127.0.0.1:8787 ANTHROPIC_API_KEY=sk-ant-dummy ' +
          'CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 DISABLE_AUTOUPDATER=1',
      },
    },
  );
  const run = join(agentsDir, 'run', 'claude-headroom');
  assert.match(
    r.stdout,
    /rc=0/,
    `${r.stdout}\n${r.stderr}\n${readFileSync(join(run, 'agent.stderr'), 'utf8').slice(-2000)}`,
  );
  assert.equal(readFileSync(join(run, 'proxy.out'), 'utf8'), 'listening on http://127.0.0.1:8787\n');

  type Entry = {
    url: string;
    body: { tools?: { name: string }[] };
    toolResultSeen?: { text: string; cache_control: unknown };
  };
  const log = readFileSync(join(run, 'provider.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Entry);
  assert.equal(log.length, 2, 'tool call, then the answer');
  assert.ok(log.every((e) => e.url === '/v1/messages?beta=true'));
  assert.ok(!log[0].body.tools?.some((t) => t.name === 'headroom_retrieve'), 'nothing compressed yet: no tool');
  assert.ok(
    log[1].body.tools?.some((t) => t.name === 'headroom_retrieve'),
    'the retrieve tool came with the first compressed request',
  );
  const raw = spawnSync('node', [gen], { encoding: 'utf8' }).stdout.trim();
  assert.ok(!log[1].toolResultSeen!.text.startsWith(raw.slice(0, 200)), 'the provider saw a compressed tool result');
  assert.deepEqual(log[1].toolResultSeen!.cache_control, { type: 'ephemeral' }, "Claude Code's cache_control is kept");
  assert.match(readFileSync(join(run, 'agent.stdout'), 'utf8'), /FINAL ANSWER: the command ran/);

  return openStore({ dir: join(run, 'home', '.headroom') }).then(async (store) => {
    const t = store.totals();
    await store.close();
    assert.equal(t.requests, 2);
    assert.ok(t.tokensAfter < t.tokensBefore / 2, `${t.tokensBefore} → ${t.tokensAfter}`);
  });
});

test('Claude Code reads a README through a proxy running the prose model: the model prunes it, the answer arrives', {
  skip: missing,
}, () => {
  const readme = join(root, 'test', 'fixtures', 'prose', 'zlib-faq.txt');
  const loader = 'file://' + join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs');
  // a generous budget: this checks the wiring with a real agent, not the timing (bench/proxy-latency.ts measures that)
  const pre =
    `HEADROOM_HOME=$R/home/.headroom node --import ${loader} ${join(root, 'core', 'cli.ts')} proxy --port 8787 ` +
    `--anthropic-base http://127.0.0.1:18080 ` +
    '--prose-model headroom-prose-v1 --prose-budget-ms 10000 > $R/proxy.out 2> $R/proxy.err & ' +
    'for i in $(seq 100); do grep -qs listening $R/proxy.out && break; sleep 0.1; done';
  const r = spawnSync(
    join(shared, 'bin', 'run-agent.sh'),
    [
      'claude',
      'headroom-prose',
      `cat ${readme}`,
      '90',
      '--',
      claude,
      '-p',
      'Read the zlib FAQ: is zlib thread-safe?',
      '--allowedTools',
      'Bash',
      '--output-format',
      'stream-json',
      '--verbose',
      '--model',
      'claude-sonnet-4-5',
    ],
    {
      encoding: 'utf8',
      timeout: 150_000,
      env: {
        ...process.env,
        AGENTS_DIR: agentsDir,
        PRE: pre,
        AGENT_ENV:
          'ANTHROPIC_BASE_URL=http://127.0.0.1:8787 ANTHROPIC_API_KEY=sk-ant-dummy ' +
          'CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 DISABLE_AUTOUPDATER=1',
      },
    },
  );
  const run = join(agentsDir, 'run', 'claude-headroom-prose');
  assert.match(
    r.stdout,
    /rc=0/,
    `${r.stdout}\n${r.stderr}\n` +
      `${readFileSync(join(run, 'agent.stderr'), 'utf8').slice(-2000)}\n` +
      `${readFileSync(join(run, 'proxy.err'), 'utf8').slice(-2000)}`,
  );
  assert.match(readFileSync(join(run, 'agent.stdout'), 'utf8'), /FINAL ANSWER: the command ran/);

  type Entry = { toolResultSeen?: { text: string } };
  const log = readFileSync(join(run, 'provider.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Entry);
  const seen = log[1].toolResultSeen!.text; // the fake provider logs the first 500 characters
  const original = readFileSync(readme, 'utf8');

  return openStore({ dir: join(run, 'home', '.headroom') }).then(async (store) => {
    const recs = store.recentRequests(10);
    const unit = recs.flatMap((x) => x.units).find((u) => u.prose);
    const exact = unit?.originalId ? store.get(unit.originalId) : undefined;
    const sent = exact !== undefined ? store.getMemo(memoKey(exact))?.output : undefined;
    await store.close();
    assert.match(unit?.prose ?? '', /^prose model headroom-prose-v1/, JSON.stringify(recs.map((x) => x.units)));
    assert.ok(sent !== undefined && seen === sent.slice(0, 500), 'the provider saw what the memo says was sent');
    assert.ok(sent.length < original.length * 0.8, `${sent.length} of ${original.length} characters sent`);
    assert.match(
      sent,
      /words omitted: pruned from this passage · retrieve hr_[0-9a-f]{16}\]/,
      'the model pruned passages',
    );
    assert.ok(exact?.includes(original.trim().slice(0, 2000)), 'the exact output Claude Code read is in the store');
  });
});
