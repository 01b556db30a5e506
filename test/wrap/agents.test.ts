/**
 * What each agent gets from `headroom wrap`: the environment variables, command-line overrides or per-run config
 * copies, and where the proxy will forward (the agent's previous base URL). The user's own files never change.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { AGENTS } from '../../core/agents/wrap-agents.js';
import { CHATGPT_CODEX_BASE } from '../../core/agents/codex.js';
import { upstreamFrom } from '../../core/agents/proxy-urls.js';

const fixtures = join(__dirname, '..', 'fixtures', 'wrap');
const PROXY = 'http://127.0.0.1:45678';
const scratch = () => mkdtempSync(join(tmpdir(), 'hr-agents-'));
function plan(agent: string, env: NodeJS.ProcessEnv = {}, args: string[] = [], home = scratch()) {
  const p = AGENTS[agent].plan({ env, home, args });
  const tmp = scratch();
  return { plan: p, launch: p.families.length ? p.launch(PROXY, tmp) : undefined, home, tmp };
}

test('claude: ANTHROPIC_BASE_URL → the proxy; a previous one becomes the upstream; Bedrock runs unchanged', () => {
  const { plan: p, launch } = plan('claude', { ANTHROPIC_BASE_URL: 'https://gateway.example/anthropic' }, ['-p', 'hi']);
  // Claude Code calls <base>/v1/messages; the proxy's upstream stands for /v1
  assert.deepEqual(p.upstreams, { anthropic: 'https://gateway.example/anthropic/v1' });
  assert.deepEqual(launch!.env, { ANTHROPIC_BASE_URL: PROXY });
  assert.deepEqual(launch!.args, ['-p', 'hi']);
  assert.deepEqual(plan('claude', {}).plan.upstreams, {}, 'no base URL: the provider default');
  assert.deepEqual(
    plan('claude', { ANTHROPIC_BASE_URL: 'http://127.0.0.1:8787' }).plan.upstreams,
    {},
    'already Headroom: never forward to itself',
  );
  const bedrock = plan('claude', { CLAUDE_CODE_USE_BEDROCK: '1' });
  assert.deepEqual(bedrock.plan.families, []);
  assert.match(bedrock.plan.notes[0], /CLAUDE_CODE_USE_BEDROCK/);
});

test('gemini: GOOGLE_GEMINI_BASE_URL → the proxy origin (the CLI appends /v1beta)', () => {
  const { plan: p, launch } = plan('gemini', { GEMINI_API_KEY: 'k', GOOGLE_GEMINI_BASE_URL: 'https://g.example' });
  assert.deepEqual(p.upstreams, { gemini: 'https://g.example/v1beta' });
  assert.deepEqual(launch!.env, { GOOGLE_GEMINI_BASE_URL: PROXY });
  assert.deepEqual(p.notes, []);
  assert.match(plan('gemini', {}).plan.notes.join(' '), /Code Assist/);
});

test('aider: litellm variables for OpenAI (with /v1) and Anthropic (bare origin)', () => {
  const { plan: p, launch } = plan('aider', { OPENAI_API_BASE: 'https://oai.example/v1' });
  assert.deepEqual(p.upstreams, { openai: 'https://oai.example/v1' });
  assert.deepEqual(p.families, ['openai', 'anthropic']);
  assert.deepEqual(launch!.env, {
    OPENAI_API_BASE: `${PROXY}/v1`,
    OPENAI_BASE_URL: `${PROXY}/v1`,
    ANTHROPIC_API_BASE: PROXY,
    ANTHROPIC_BASE_URL: PROXY,
  });
});

test(`codex, built-in openai provider: -c overrides define and select a headroom provider; config.toml \
untouched`, () => {
  const home = scratch();
  mkdirSync(join(home, '.codex'));
  writeFileSync(join(home, '.codex', 'config.toml'), 'model = "gpt-5-codex"\n');
  const { plan: p, launch } = plan('codex', { OPENAI_API_KEY: 'sk' }, ['exec', '--json', 'hi'], home);
  assert.deepEqual(p.upstreams, {});
  assert.deepEqual(launch!.args, [
    '-c',
    'model_provider="headroom"',
    '-c',
    'model_providers.headroom.name="OpenAI through Headroom"',
    '-c',
    `model_providers.headroom.base_url="${PROXY}/v1"`,
    '-c',
    'model_providers.headroom.wire_api="responses"',
    '-c',
    'model_providers.headroom.requires_openai_auth=true',
    'exec',
    '--json',
    'hi',
  ]);
  assert.equal(readFileSync(join(home, '.codex', 'config.toml'), 'utf8'), 'model = "gpt-5-codex"\n');
  writeFileSync(join(home, '.codex', 'auth.json'), JSON.stringify({ OPENAI_API_KEY: null, tokens: { id_token: 'x' } }));
  assert.deepEqual(
    plan('codex', {}, [], home).plan.upstreams,
    { openai: CHATGPT_CODEX_BASE },
    'ChatGPT login: forward to its backend',
  );
});

test('codex, custom provider (the recipe config): only its base_url is overridden, the old one is the upstream', () => {
  const home = scratch();
  const codexHome = join(home, 'codex-home');
  mkdirSync(codexHome);
  writeFileSync(join(codexHome, 'config.toml'), readFileSync(join(fixtures, 'codex-config.toml'), 'utf8'));
  const { plan: p, launch } = plan('codex', { CODEX_HOME: codexHome }, ['exec', 'hi'], home);
  assert.deepEqual(p.upstreams, { openai: 'http://127.0.0.1:18080/v1' });
  assert.deepEqual(launch!.args, ['-c', `model_providers.fake.base_url="${PROXY}/v1"`, 'exec', 'hi']);
  const other = plan('codex', { CODEX_HOME: codexHome }, ['-c', 'model_provider="oss"'], home);
  assert.deepEqual(other.plan.families, [], 'a provider named on the command line wins; built-in oss is not routed');
});

test(`opencode: OPENCODE_CONFIG_CONTENT sets the built-in providers' baseURL, merged over what the user had \
there`, () => {
  const mine = JSON.stringify({
    model: 'anthropic/claude-sonnet-4-5',
    provider: { anthropic: { options: { baseURL: 'https://a.example/v1', apiKey: 'k' } } },
  });
  const { plan: p, launch } = plan('opencode', { OPENCODE_CONFIG_CONTENT: mine });
  assert.deepEqual(p.upstreams, { anthropic: 'https://a.example/v1' });
  const cfg = JSON.parse(launch!.env.OPENCODE_CONFIG_CONTENT!);
  assert.equal(cfg.model, 'anthropic/claude-sonnet-4-5');
  assert.deepEqual(cfg.provider.anthropic.options, { baseURL: `${PROXY}/v1`, apiKey: 'k' });
  assert.equal(cfg.provider.openai.options.baseURL, `${PROXY}/v1`);
  assert.equal(cfg.provider.google.options.baseURL, `${PROXY}/v1beta`);
});

test(`continue: a per-run copy of config.yaml with apiBase → the proxy, passed as --config; the original \
untouched`, () => {
  const home = scratch();
  const dir = join(home, '.continue');
  mkdirSync(dir);
  const original =
    readFileSync(join(fixtures, 'continue-config.yaml'), 'utf8') +
    '  - name: claude\n    provider: anthropic\n    model: claude-sonnet-4-5\n  - name: local\n' +
    '    provider: ollama\n    model: llama3\n';
  writeFileSync(join(dir, 'config.yaml'), original);
  const { plan: p, launch, tmp } = plan('continue', {}, ['-p', 'hi', '--auto'], home);
  assert.deepEqual(p.upstreams, { openai: 'http://127.0.0.1:18080/v1' });
  assert.deepEqual(p.families, ['openai', 'anthropic']);
  const copy = join(tmp, 'continue-config.yaml');
  assert.deepEqual(launch!.args, ['--config', copy, '-p', 'hi', '--auto']);
  const models = (parseYaml(readFileSync(copy, 'utf8')) as { models: { name: string; apiBase?: string }[] }).models;
  assert.deepEqual(
    models.map((m) => [m.name, m.apiBase]),
    [
      ['fake-gpt', `${PROXY}/v1`],
      ['claude', `${PROXY}/v1/`],
      ['local', undefined],
    ],
  );
  assert.deepEqual(launch!.env, {}, 'no Gemini model: no GOOGLE_GEMINI_BASE_URL');
  // cn speaks OpenAI to an Ollama server; the run's one OpenAI upstream is the fake provider's: that model goes direct
  assert.ok(
    p.notes.some((n) => /model local uses another openai endpoint/.test(n)),
    p.notes.join('\n'),
  );
  assert.equal(readFileSync(join(dir, 'config.yaml'), 'utf8'), original);
  // --config given by the user: that file is copied and the argument replaced
  const given = plan('continue', {}, ['--config', join(dir, 'config.yaml'), '-p', 'x'], home);
  assert.deepEqual(given.launch!.args, ['--config', join(given.tmp, 'continue-config.yaml'), '-p', 'x']);
  assert.deepEqual(
    plan('continue', {}, ['--config', 'acme/assistant'], home).plan.families,
    [],
    'hub assistant: unchanged',
  );
});

test(`continue with an Ollama model: cn's OpenAI-compatible calls go to that server's /v1 through the run's \
proxy`, () => {
  const home = scratch();
  mkdirSync(join(home, '.continue'));
  const yaml = (apiBase: string) =>
    'name: o\nversion: 1.0.0\nschema: v1\nmodels:\n' +
    `  - name: local\n    provider: ollama\n    model: llama3\n${apiBase}`;
  writeFileSync(join(home, '.continue', 'config.yaml'), yaml(''));
  const { plan: p, launch, tmp } = plan('continue', {}, ['-p', 'hi'], home);
  // no apiBase: Continue's default Ollama server; cn appends v1/ to the apiBase written here
  assert.deepEqual(p.upstreams, { openai: 'http://localhost:11434/v1' });
  assert.deepEqual(p.families, ['openai']);
  const copy = parseYaml(readFileSync(join(tmp, 'continue-config.yaml'), 'utf8')) as { models: { apiBase: string }[] };
  assert.equal(copy.models[0].apiBase, `${PROXY}/`);
  assert.deepEqual(launch!.env, {});
  writeFileSync(join(home, '.continue', 'config.yaml'), yaml('    apiBase: http://gpu-box:11434/\n'));
  assert.deepEqual(plan('continue', {}, ['-p', 'hi'], home).plan.upstreams, { openai: 'http://gpu-box:11434/v1' });
});

test("continue with a Gemini model: GOOGLE_GEMINI_BASE_URL for the child (cn's Gemini adapter ignores apiBase)", () => {
  const home = scratch();
  mkdirSync(join(home, '.continue'));
  writeFileSync(
    join(home, '.continue', 'config.yaml'),
    'name: g\nversion: 1.0.0\nschema: v1\nmodels:\n  - name: gem\n    provider: gemini\n    model: gemini-2.5-flash\n',
  );
  const { plan: p, launch } = plan('continue', {}, ['-p', 'hi'], home);
  assert.deepEqual(p.families, ['gemini']);
  assert.deepEqual(launch!.env, { GOOGLE_GEMINI_BASE_URL: PROXY });
});

test('cline: a per-run copy of providers.json named by CLINE_PROVIDER_SETTINGS_PATH', () => {
  const home = scratch();
  const settings = join(home, '.cline', 'data', 'settings');
  mkdirSync(settings, { recursive: true });
  const original = readFileSync(join(fixtures, 'cline-providers-anth.json'), 'utf8');
  writeFileSync(join(settings, 'providers.json'), original);
  const { plan: p, launch, tmp } = plan('cline', {}, ['--json', 'hi'], home);
  assert.deepEqual(p.upstreams, { anthropic: 'http://127.0.0.1:18080/v1' });
  const copy = join(tmp, 'cline-providers.json');
  assert.deepEqual(launch!.env, { CLINE_PROVIDER_SETTINGS_PATH: copy });
  assert.deepEqual(launch!.args, ['--json', 'hi']);
  const doc = JSON.parse(readFileSync(copy, 'utf8'));
  assert.equal(doc.providers.anthropic.settings.baseUrl, `${PROXY}/v1`, 'the SDK appends /messages: /v1 in the base');
  assert.equal(doc.providers.anthropic.settings.apiKey, 'sk-ant-dummy', 'everything else kept');
  assert.equal(readFileSync(join(settings, 'providers.json'), 'utf8'), original);
  assert.deepEqual(plan('cline', {}, [], scratch()).plan.families, [], 'no settings yet: unchanged');
});

test('upstreamFrom: normalizes, refuses non-URLs and the Headroom proxy itself', () => {
  assert.equal(upstreamFrom('https://api.anthropic.com', 'anthropic'), 'https://api.anthropic.com/v1');
  assert.equal(upstreamFrom('https://x.example/v1/', 'openai'), 'https://x.example/v1');
  assert.equal(upstreamFrom('not a url', 'openai'), undefined);
  assert.equal(upstreamFrom('http://localhost:8787/v1', 'openai'), undefined);
  assert.equal(upstreamFrom('http://127.0.0.1:18080', 'openai'), 'http://127.0.0.1:18080/v1');
});
