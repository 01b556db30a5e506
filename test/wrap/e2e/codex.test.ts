/**
 * `headroom wrap codex` around the real Codex CLI (npm `@openai/codex`) against the scripted fake provider inside a
 * loopback-only namespace (run-agent.sh; root): the `-c` overrides route both a custom provider (the recipe's
 * config.toml) and the built-in openai provider through a proxy wrap starts, over the Responses API.
 *
 *   npm install --prefix $AGENTS_DIR/install/codex @openai/codex     (once)
 *   node --import tsx --test test/wrap/e2e/codex.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const shared = join(root, '..', 'shared', 'agents');
const agentsDir = process.env.AGENTS_DIR ?? '/tmp/agents-try';
const codex = join(agentsDir, 'install', 'codex', 'node_modules', '.bin', 'codex');
const missing = !existsSync(codex)
  ? `Codex not installed at ${codex}`
  : process.getuid?.() !== 0
    ? 'needs root (unshare)'
    : undefined;
const headroom =
  `${process.execPath} --import file://${join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')} ` +
  `${join(root, 'core', 'cli.ts')}`;
const codexArgs = [
  'exec',
  '--json',
  '--skip-git-repo-check',
  '--dangerously-bypass-approvals-and-sandbox',
  'Run a shell command to look at the files here',
];

function run(variant: string, configToml: string, agentEnv: string, wrapOptions: string[]) {
  const gen = join(agentsDir, 'gen-listing.js');
  writeFileSync(
    gen,
    'const r=Array.from({length:150},(_, i)=>' +
      "({id:i,service:'svc-'+(i%9),status:i===77?'degraded':'ok',p99_ms:20+(i*7)%60}));" +
      'console.log(JSON.stringify(r,null,2));\n',
  );
  const r = spawnSync(
    join(shared, 'bin', 'run-agent.sh'),
    [
      'codex',
      variant,
      `node ${gen}`,
      '120',
      '--',
      ...headroom.split(' '),
      'wrap',
      'codex',
      ...wrapOptions,
      '--bin',
      codex,
      '--',
      ...codexArgs,
    ],
    {
      encoding: 'utf8',
      timeout: 180_000,
      env: {
        ...process.env,
        AGENTS_DIR: agentsDir,
        PRE: `mkdir -p $HOME/.codex && cp ${configToml} $HOME/.codex/config.toml`,
        AGENT_ENV: agentEnv,
      },
    },
  );
  const dir = join(agentsDir, 'run', `codex-${variant}`);
  const stderr = existsSync(join(dir, 'agent.stderr')) ? readFileSync(join(dir, 'agent.stderr'), 'utf8') : '';
  assert.match(r.stdout, /rc=0/, `${r.stdout}\n${r.stderr}\n${stderr.slice(-3000)}`);
  const log = readFileSync(join(dir, 'provider.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { url: string; body: { tools?: { name?: string }[] } });
  return { dir, stderr, log };
}

function check({ dir, stderr, log }: ReturnType<typeof run>): void {
  assert.equal(log.length, 2);
  assert.ok(log.every((e) => e.url === '/v1/responses'));
  assert.ok(
    log[1].body.tools?.some((t) => t.name === 'headroom_retrieve'),
    'the second request went through the proxy and was compressed',
  );
  const m = /headroom: codex — 2 requests, ([\d,]+) → ([\d,]+) tool-output tokens/.exec(stderr);
  assert.ok(m, stderr);
  assert.ok(Number(m[2].replace(/,/g, '')) < Number(m[1].replace(/,/g, '')) / 2, m[0]);
  assert.match(readFileSync(join(dir, 'agent.stdout'), 'utf8'), /FINAL ANSWER: the command ran/);
}

test('codex with a custom provider: -c model_providers.<id>.base_url points it at the proxy', { skip: missing }, () => {
  check(run('wrap', join(shared, 'config', 'codex-config.toml'), 'FAKE_API_KEY=sk-dummy', []));
});

test('codex with the built-in openai provider: a headroom provider is defined and selected with -c', {
  skip: missing,
}, () => {
  check(
    run('wrap-builtin', join(root, 'test', 'fixtures', 'wrap', 'codex-builtin.toml'), 'OPENAI_API_KEY=sk-dummy', [
      '--openai-base',
      'http://127.0.0.1:18080/v1',
    ]),
  );
});
