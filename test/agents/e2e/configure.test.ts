/**
 * `headroom configure AGENT --apply` against the real agent CLIs (npm `@anthropic-ai/claude-code`, `@openai/codex`,
 * `@google/gemini-cli`) and the scripted fake provider, inside a loopback-only network namespace (run-agent.sh; root).
 * In the namespace, before the agent starts: the agent's own settings are written by `headroom configure --apply`
 * (nothing else points it at the proxy: no base-URL variable, no wrap), then `headroom proxy` runs on 8787 forwarding
 * the family to the fake provider. The agent then runs as the user would run it; the fake provider must see the
 * second request (the one carrying the tool result) compressed and carrying `headroom_retrieve`.
 *
 *   npm install --prefix $AGENTS_DIR/install/claude @anthropic-ai/claude-code   (likewise codex, gemini; once)
 *   node --import tsx --test test/agents/e2e/configure.test.ts
 *
 * Not part of the default test run (test/**\/e2e is skipped).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const shared = join(root, '..', 'shared', 'agents');
const agentsDir = process.env.AGENTS_DIR ?? '/tmp/agents-try';
const headroom =
  `${process.execPath} --import file://${join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')} ` +
  `${join(root, 'core', 'cli.ts')}`;
const bin = (name: string, exe: string) => join(agentsDir, 'install', name, 'node_modules', '.bin', exe);
const skip = (exe: string) =>
  !existsSync(exe) ? `not installed: ${exe}` : process.getuid?.() !== 0 ? 'needs root (unshare)' : undefined;

type Entry = { url: string; body: { tools?: unknown[] }; toolResultSeen?: { text: string } };

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

/** configure --apply, then the proxy, then the agent exactly as the user runs it. */
function run(name: string, agent: string, proxyFlags: string, setup: string, agentEnv: string, argv: string[]) {
  const pre =
    `${setup} ${headroom} configure ${agent} --apply --port 8787 > $R/configure.out 2> $R/configure.err && ` +
    `(${headroom} proxy --port 8787 ${proxyFlags} > $R/proxy.out 2> $R/proxy.err &) && ` +
    'for i in $(seq 150); do grep -qs listening $R/proxy.out && break; sleep 0.1; done';
  const r = spawnSync(
    join(shared, 'bin', 'run-agent.sh'),
    [name, 'configure', `node ${listing()}`, '200', '--', ...argv],
    {
      encoding: 'utf8',
      timeout: 280_000,
      env: { ...process.env, AGENTS_DIR: agentsDir, PRE: pre, AGENT_ENV: agentEnv },
    },
  );
  const dir = join(agentsDir, 'run', `${name}-configure`);
  const read = (f: string) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : '');
  const why =
    `${r.stdout}\n${r.stderr}\nconfigure: ${read('configure.out')}${read('configure.err')}\n` +
    `proxy: ${read('proxy.err').slice(-2000)}\nagent: ${read('agent.stderr').slice(-3000)}`;
  assert.match(r.stdout, /rc=0/, why);
  const log = read('provider.jsonl')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Entry);
  return { dir, log, read, why };
}

/** The request that carried the tool result went through the proxy: compressed, with the retrieve tool added. */
function compressedAtProvider(log: Entry[], why: string): void {
  assert.ok(log.length >= 2, why);
  const withResult = log.filter((e) => e.toolResultSeen);
  assert.ok(withResult.length >= 1, `a tool result reached the provider\n${why}`);
  const raw = spawnSync('node', [join(agentsDir, 'gen-listing.js')], { encoding: 'utf8' }).stdout;
  for (const e of withResult) {
    assert.ok(
      JSON.stringify(e.body.tools ?? []).includes('headroom_retrieve'),
      'the retrieve tool came with the compressed request',
    );
    assert.ok(
      !e.toolResultSeen!.text.includes(raw.slice(0, 200)),
      `the provider saw a compressed tool result: ${e.toolResultSeen!.text.slice(0, 200)}`,
    );
  }
}

const claude = bin('claude', 'claude');
test('Claude Code routed by `headroom configure claude-code --apply` (settings.json env)', {
  skip: skip(claude),
}, () => {
  const { log, read, why, dir } = run(
    'claude',
    'claude-code',
    '--anthropic-base http://127.0.0.1:18080',
    '',
    'ANTHROPIC_API_KEY=sk-ant-dummy CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 DISABLE_AUTOUPDATER=1',
    [
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
  );
  assert.equal(
    JSON.parse(readFileSync(join(dir, 'home', '.claude', 'settings.json'), 'utf8')).env.ANTHROPIC_BASE_URL,
    'http://127.0.0.1:8787',
  );
  assert.ok(
    log.every((e) => e.url.startsWith('/v1/messages')),
    why,
  );
  compressedAtProvider(log, why);
  assert.match(read('agent.stdout'), /FINAL ANSWER: the command ran/);
});

const codex = bin('codex', 'codex');
test('Codex routed by `headroom configure codex --apply` (built-in provider → headroom, requires_openai_auth)', {
  skip: skip(codex),
}, () => {
  const cfg = join(root, 'test', 'fixtures', 'wrap', 'codex-builtin.toml');
  const { log, read, why, dir } = run(
    'codex',
    'codex',
    '--openai-base http://127.0.0.1:18080/v1',
    `mkdir -p $HOME/.codex && cp ${cfg} $HOME/.codex/config.toml &&`,
    'OPENAI_API_KEY=sk-dummy',
    [
      codex,
      'exec',
      '--json',
      '--skip-git-repo-check',
      '--dangerously-bypass-approvals-and-sandbox',
      'Run a shell command to look at the files here',
    ],
  );
  const toml = readFileSync(join(dir, 'home', '.codex', 'config.toml'), 'utf8');
  assert.match(toml, /model_provider = "headroom"/);
  assert.match(toml, /requires_openai_auth = true/);
  assert.ok(
    log.every((e) => e.url === '/v1/responses'),
    why,
  );
  compressedAtProvider(log, why);
  assert.match(read('agent.stdout'), /FINAL ANSWER: the command ran/);
});

const gemini = bin('gemini', 'gemini');
test('Gemini CLI routed by `headroom configure gemini --apply` (~/.gemini/.env)', { skip: skip(gemini) }, () => {
  const { log, read, why, dir } = run(
    'gemini',
    'gemini',
    '--gemini-base http://127.0.0.1:18080/v1beta',
    // the recipe's settings.json selects API-key auth (shared/agents/config/gemini-settings.json)
    'mkdir -p $HOME/.gemini && cp $S/config/gemini-settings.json $HOME/.gemini/settings.json &&',
    'GEMINI_API_KEY=dummy GEMINI_CLI_TRUST_WORKSPACE=true',
    [
      gemini,
      '-p',
      'Run a shell command to look at the files here',
      '--yolo',
      '-m',
      'gemini-2.5-flash',
      '--output-format',
      'stream-json',
    ],
  );
  assert.equal(
    readFileSync(join(dir, 'home', '.gemini', '.env'), 'utf8'),
    'GOOGLE_GEMINI_BASE_URL=http://127.0.0.1:8787\n',
  );
  assert.ok(
    log.some((e) => /streamGenerateContent|generateContent/.test(e.url)),
    why,
  );
  compressedAtProvider(log, why);
  assert.match(read('agent.stdout'), /FINAL ANSWER|the command ran/);
});

/** Copies `text` (a recipe config with its base URL taken out: the provider's default) to `$HOME/rel` in PRE. */
function put(rel: string, text: string): string {
  const src = join(agentsDir, `seed-${rel.replace(/[^\w.-]+/g, '_')}`);
  writeFileSync(src, text);
  return `mkdir -p $(dirname $HOME/${rel}) && cp ${src} $HOME/${rel} &&`;
}

const cline = bin('cline', 'cline');
test('Cline CLI routed by `headroom configure cline --apply` (providers.json anthropic baseUrl = <proxy>/v1)', {
  skip: skip(cline),
}, () => {
  const providers = JSON.parse(readFileSync(join(shared, 'config', 'cline-providers-anth.json'), 'utf8'));
  delete providers.providers.anthropic.settings.baseUrl;
  const { log, read, why, dir } = run(
    'cline',
    'cline',
    '--anthropic-base http://127.0.0.1:18080',
    put('.cline/data/settings/providers.json', JSON.stringify(providers, null, 2)) +
      ` cp ${join(shared, 'config', 'cline-global-settings.json')} $HOME/.cline/data/settings/global-settings.json &&`,
    'CLINE_SESSION_BACKEND_MODE=local CLINE_NO_AUTO_UPDATE=1 DO_NOT_TRACK=1',
    [cline, '--json', 'Run a shell command to look at the files here'],
  );
  const written = JSON.parse(readFileSync(join(dir, 'home', '.cline', 'data', 'settings', 'providers.json'), 'utf8'));
  assert.equal(written.providers.anthropic.settings.baseUrl, 'http://127.0.0.1:8787/v1');
  // issue 14: with the bare origin Cline POSTed /messages, which the proxy forwarded unrecorded
  assert.ok(
    log.every((e) => e.url.startsWith('/v1/messages')),
    why,
  );
  compressedAtProvider(log, why);
  assert.match(read('agent.stdout'), /the command ran/);
});

const cn = bin('continue', 'cn');
test('Continue `cn` routed by `headroom configure continue --apply` (config.yaml apiBase)', { skip: skip(cn) }, () => {
  const yaml = readFileSync(join(shared, 'config', 'continue-config.yaml'), 'utf8').replace(/^\s*apiBase: .*\n/m, '');
  const { log, read, why, dir } = run(
    'continue',
    'continue',
    '--openai-base http://127.0.0.1:18080/v1',
    put('.continue/config.yaml', yaml),
    '',
    [cn, '-p', 'Run a shell command to look at the files here', '--auto'],
  );
  assert.match(
    readFileSync(join(dir, 'home', '.continue', 'config.yaml'), 'utf8'),
    /apiBase: http:\/\/127\.0\.0\.1:8787\/v1\n/,
  );
  assert.ok(
    log.every((e) => e.url === '/v1/chat/completions'),
    why,
  );
  compressedAtProvider(log, why);
  assert.match(read('agent.stdout'), /the command ran/);
});

test(`Continue \`cn\` with an Ollama model: its own route /u/<name>/, cn's OpenAI-compatible calls reach that server's \
v1/ compressed`, { skip: skip(cn) }, () => {
  // the fake provider stands in for the Ollama server: cn calls <apiBase>v1/chat/completions on it
  const yaml =
    'name: local\nversion: 1.0.0\nschema: v1\nmodels:\n  - name: local-llama\n    provider: ollama\n' +
    '    model: llama3\n    apiBase: http://127.0.0.1:18080\n    roles: [chat, edit, apply]\n';
  const { log, read, why, dir } = run(
    'continue-ollama',
    'continue',
    '', // no base flags: only the model's own route knows where its server is
    put('.continue/config.yaml', yaml),
    '',
    [cn, '-p', 'Run a shell command to look at the files here', '--auto'],
  );
  const apiBase = /apiBase: (\S+)/.exec(readFileSync(join(dir, 'home', '.continue', 'config.yaml'), 'utf8'))![1];
  assert.match(apiBase, /^http:\/\/127\.0\.0\.1:8787\/u\/continue-[a-z0-9-]+\/$/);
  const routes = JSON.parse(readFileSync(join(dir, 'home', '.headroom', 'upstreams.json'), 'utf8'));
  assert.deepEqual(Object.values(routes), [
    { family: 'ollama', base: 'http://127.0.0.1:18080/api', owner: 'continue' },
  ]);
  assert.ok(
    log.every((e) => e.url === '/v1/chat/completions'),
    why,
  );
  compressedAtProvider(log, why);
  assert.match(read('agent.stdout'), /the command ran/);
});

test(`Codex with a custom provider: base_url moved in place to its own route /u/<name>/v1, served from \
upstreams.json`, {
  skip: skip(codex),
}, () => {
  const cfg = join(shared, 'config', 'codex-config.toml');
  // no --openai-base: only the agent's own route knows where its provider is
  const { log, read, why, dir } = run(
    'codex-route',
    'codex',
    '',
    `mkdir -p $HOME/.codex && cp ${cfg} $HOME/.codex/config.toml &&`,
    'FAKE_API_KEY=sk-dummy',
    [
      codex,
      'exec',
      '--json',
      '--skip-git-repo-check',
      '--dangerously-bypass-approvals-and-sandbox',
      'Run a shell command to look at the files here',
    ],
  );
  const toml = readFileSync(join(dir, 'home', '.codex', 'config.toml'), 'utf8');
  const m = /base_url = "http:\/\/127\.0\.0\.1:8787\/u\/(codex-[a-z0-9-]+)\/v1"/.exec(toml);
  assert.ok(m, toml);
  const routes = JSON.parse(readFileSync(join(dir, 'home', '.headroom', 'upstreams.json'), 'utf8'));
  assert.deepEqual(routes[m[1]], { family: 'openai', base: 'http://127.0.0.1:18080/v1', owner: 'codex' });
  assert.ok(
    log.every((e) => e.url === '/v1/responses'),
    why,
  );
  compressedAtProvider(log, why);
  assert.match(read('agent.stdout'), /FINAL ANSWER: the command ran/);
});
