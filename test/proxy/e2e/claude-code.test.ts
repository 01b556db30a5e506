/**
 * A real agent through the proxy: Claude Code (npm `@anthropic-ai/claude-code`) runs a real shell tool, the scripted
 * fake provider (../shared/agents/fake-provider.js) asks for the tool and answers once the result comes back, and the
 * proxy sits in between. Runs inside a loopback-only network namespace via ../shared/agents/bin/run-agent.sh (root).
 *
 *   npm install --prefix $AGENTS_DIR/install/claude @anthropic-ai/claude-code     (once; AGENTS_DIR default /tmp/agents-try)
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

const root = join(__dirname, '..', '..', '..');
const shared = join(root, '..', 'shared', 'agents');
const agentsDir = process.env.AGENTS_DIR ?? '/tmp/agents-try';
const claude = join(agentsDir, 'install', 'claude', 'node_modules', '.bin', 'claude');
const missing = !existsSync(claude) ? `Claude Code not installed at ${claude}` : process.getuid?.() !== 0 ? 'needs root (unshare)' : undefined;

test('Claude Code runs a real tool through the proxy: its result is compressed, the retrieve tool added, the answer arrives', { skip: missing }, () => {
  // the tool output: a JSON listing with one anomaly, what agents read all day
  const gen = join(agentsDir, 'gen-listing.js');
  writeFileSync(gen, "const r=Array.from({length:150},(_, i)=>({id:i,service:'svc-'+(i%9),status:i===77?'degraded':'ok',p99_ms:20+(i*7)%60}));console.log(JSON.stringify(r,null,2));\n");
  const loader = 'file://' + join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs');
  const pre =
    `HEADROOM_HOME=$R/home/.headroom node --import ${loader} ${join(root, 'core', 'cli.ts')} proxy --port 8787 --anthropic-base http://127.0.0.1:18080 > $R/proxy.out 2> $R/proxy.err & ` +
    'for i in $(seq 100); do grep -qs listening $R/proxy.out && break; sleep 0.1; done';
  const r = spawnSync(
    join(shared, 'bin', 'run-agent.sh'),
    ['claude', 'headroom', `node ${gen}`, '90', '--', claude, '-p', 'Run a shell command to look at the files here', '--allowedTools', 'Bash', '--output-format', 'stream-json', '--verbose', '--model', 'claude-sonnet-4-5'],
    {
      encoding: 'utf8',
      timeout: 150_000,
      env: {
        ...process.env,
        AGENTS_DIR: agentsDir,
        PRE: pre,
        AGENT_ENV: 'ANTHROPIC_BASE_URL=http://127.0.0.1:8787 ANTHROPIC_API_KEY=sk-ant-dummy CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 DISABLE_AUTOUPDATER=1',
      },
    },
  );
  const run = join(agentsDir, 'run', 'claude-headroom');
  assert.match(r.stdout, /rc=0/, `${r.stdout}\n${r.stderr}\n${readFileSync(join(run, 'agent.stderr'), 'utf8').slice(-2000)}`);
  assert.equal(readFileSync(join(run, 'proxy.out'), 'utf8'), 'listening on http://127.0.0.1:8787\n');

  type Entry = { url: string; body: { tools?: { name: string }[] }; toolResultSeen?: { text: string; cache_control: unknown } };
  const log = readFileSync(join(run, 'provider.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Entry);
  assert.equal(log.length, 2, 'tool call, then the answer');
  assert.ok(log.every((e) => e.url === '/v1/messages?beta=true'));
  assert.ok(!log[0].body.tools?.some((t) => t.name === 'headroom_retrieve'), 'nothing compressed yet: no tool');
  assert.ok(log[1].body.tools?.some((t) => t.name === 'headroom_retrieve'), 'the retrieve tool came with the first compressed request');
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
