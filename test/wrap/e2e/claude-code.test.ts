/**
 * `headroom wrap claude` around the real Claude Code (npm `@anthropic-ai/claude-code`), against the scripted fake
 * provider (../shared/agents/fake-provider.js) inside a loopback-only network namespace (run-agent.sh; needs root):
 *  1. no proxy running: wrap starts one for the run, forwarding to the agent's old ANTHROPIC_BASE_URL; the tool
 *     result reaches the provider compressed; a second wrapped run in the same workspace that receives the same
 *     tool output is reported as a duplicate (shared context);
 *  2. `headroom proxy` already on 8787 with the same upstream: wrap reuses it.
 *
 *   npm install --prefix $AGENTS_DIR/install/claude @anthropic-ai/claude-code
 *     (once; AGENTS_DIR default /tmp/agents-try)
 *   node --import tsx --test test/wrap/e2e/claude-code.test.ts
 *
 * Not part of the default test run (test/**\/e2e is skipped).
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
const missing = !existsSync(claude)
  ? `Claude Code not installed at ${claude}`
  : process.getuid?.() !== 0
    ? 'needs root (unshare)'
    : undefined;
const loader = 'file://' + join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs');
const headroom = `node --import ${loader} ${join(root, 'core', 'cli.ts')}`;
const claudeArgs =
  `-p 'Run a shell command to look at the files here' --allowedTools Bash --output-format ` +
  `stream-json --verbose --model claude-sonnet-4-5`;
const AGENT_ENV =
  'ANTHROPIC_BASE_URL=http://127.0.0.1:18080 ANTHROPIC_API_KEY=sk-ant-dummy ' +
  'CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 DISABLE_AUTOUPDATER=1';

function listing(): string {
  const gen = join(agentsDir, 'gen-listing.js');
  writeFileSync(
    gen,
    'const r=Array.from({length:150},(_, i)=>' +
      "({id:i,service:'svc-'+(i%9),status:i===77?'degraded':'ok',p99_ms:20+(i*7)%60}));" +
      'console.log(JSON.stringify(r,null,2));\n',
  );
  return gen;
}

type Entry = { url: string; body: { tools?: { name: string }[] }; toolResultSeen?: { text: string } };
const providerLog = (run: string) =>
  readFileSync(join(run, 'provider.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Entry);

function runAgent(variant: string, script: string, pre = '') {
  const r = spawnSync(
    join(shared, 'bin', 'run-agent.sh'),
    ['claude', variant, `node ${listing()}`, '200', '--', 'bash', '-c', script],
    {
      encoding: 'utf8',
      timeout: 260_000,
      env: { ...process.env, AGENTS_DIR: agentsDir, PRE: pre, AGENT_ENV },
    },
  );
  const run = join(agentsDir, 'run', `claude-${variant}`);
  const stderr = existsSync(join(run, 'agent.stderr')) ? readFileSync(join(run, 'agent.stderr'), 'utf8') : '';
  return { r, run, stderr };
}

test(`wrap starts its own proxy, the tool result is compressed, and a second run in the workspace is reported as a \
duplicate`, {
  skip: missing,
}, async () => {
  const wrap = `${headroom} wrap claude --bin ${claude} -- ${claudeArgs}`;
  const { r, run, stderr } = runAgent('wrap', `${wrap} && ${wrap}`);
  assert.match(r.stdout, /rc=0/, `${r.stdout}\n${r.stderr}\n${stderr.slice(-3000)}`);

  const log = providerLog(run);
  assert.equal(log.length, 4, 'two runs: tool call, then the answer');
  assert.ok(log.every((e) => e.url === '/v1/messages?beta=true'));
  const raw = spawnSync('node', [join(agentsDir, 'gen-listing.js')], { encoding: 'utf8' }).stdout.trim();
  for (const second of [log[1], log[3]]) {
    assert.ok(
      second.body.tools?.some((t) => t.name === 'headroom_retrieve'),
      'the retrieve tool came with the compressed request',
    );
    // the fake provider logs the first 500 characters of a tool result
    assert.ok(!second.toolResultSeen!.text.startsWith(raw.slice(0, 200)), 'the provider saw a compressed tool result');
    assert.match(second.toolResultSeen!.text, /^\[150 rows\]/);
  }
  assert.equal(
    (
      stderr.match(/no Headroom proxy on 127\.0\.0\.1:8787; started one at http:\/\/127\.0\.0\.1:\d+ for this run/g) ??
      []
    ).length,
    2,
    stderr,
  );
  const runs = [...stderr.matchAll(/headroom: claude — 2 requests, ([\d,]+) → ([\d,]+) tool-output tokens/g)];
  assert.equal(runs.length, 2, stderr);
  for (const m of runs) assert.ok(Number(m[2].replace(/,/g, '')) < Number(m[1].replace(/,/g, '')) / 2, m[0]);
  assert.match(
    stderr,
    /headroom: 1 tool output \([\d,]+ tokens\) had already been received in this workspace by claude/,
  );
  assert.equal((stderr.match(/had already been received/g) ?? []).length, 1, 'only the second run is told');
  assert.match(readFileSync(join(run, 'agent.stdout'), 'utf8'), /FINAL ANSWER: the command ran/);

  const store = await openStore({ dir: join(run, 'home', '.headroom') });
  const t = store.totals();
  await store.close();
  assert.equal(t.requests, 4);
});

test('wrap reuses `headroom proxy` on 8787 when it forwards to the same upstream', { skip: missing }, async () => {
  const pre =
    `${headroom} proxy --port 8787 --anthropic-base http://127.0.0.1:18080 > $R/proxy.out 2> $R/proxy.err & ` +
    'for i in $(seq 100); do grep -qs listening $R/proxy.out && break; sleep 0.1; done';
  const { r, run, stderr } = runAgent('wrap-shared', `${headroom} wrap claude --bin ${claude} -- ${claudeArgs}`, pre);
  assert.match(r.stdout, /rc=0/, `${r.stdout}\n${r.stderr}\n${stderr.slice(-3000)}`);
  assert.match(stderr, /headroom: using the Headroom proxy at http:\/\/127\.0\.0\.1:8787/);
  assert.match(stderr, /headroom: claude — 2 requests, .* shared proxy http:\/\/127\.0\.0\.1:8787/);
  const log = providerLog(run);
  assert.equal(log.length, 2);
  assert.ok(log[1].body.tools?.some((t) => t.name === 'headroom_retrieve'));
});
