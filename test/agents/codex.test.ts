import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { existsSync, writeFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { applyChanges, planRouting } from '../../core/agents/index.js';
import { TOML_TAG } from '../../core/agents/edit/toml-edit.js';
import { CHATGPT_CODEX_BASE } from '../../core/agents/codex.js';
import { changeTo, fixture, plan, PROXY, restorePlan, roundTrip, route, routesFile, sandbox } from './helpers.js';

const TABLE = (base = `${PROXY}/v1`) =>
  `${TOML_TAG}\n[model_providers.headroom]\nname = "OpenAI through Headroom"\nbase_url = "${base}"\n` +
  `wire_api = "responses"\nrequires_openai_auth = true\n`;

test(`Codex: a custom provider keeps every setting; only its base_url moves, in place, to its own route; restore is \
byte-identical`, () => {
  const s = sandbox();
  try {
    const original = fixture('codex/config.toml');
    const file = s.put('.codex/config.toml', original);
    const changes = plan('codex', s);
    const via = route('codex', 'http://127.0.0.1:18080/v1');
    assert.deepEqual(
      changeTo(changes, file).upstreams.map((u) => [u.url, u.where]),
      [['http://127.0.0.1:18080/v1', 'model_providers.fake.base_url']],
    );
    const routed = roundTrip('codex', s, [file, routesFile(s)]).get(file)!;
    // Exactly one edit: the provider's base_url. env_key, wire_api and the selection stay the user's.
    assert.equal(routed, original.replace('base_url = "http://127.0.0.1:18080/v1"', `base_url = "${via}/v1"`));
    const doc = parse(routed) as Record<string, any>;
    assert.equal(doc.model_provider, 'fake');
    assert.equal(doc.model_providers.fake.env_key, 'FAKE_API_KEY');
    assert.ok(
      doc.developer_instructions.includes('model_provider = "nope"'),
      'look-alike lines inside a string untouched',
    );
  } finally {
    s.cleanup();
  }
});

test('Codex: query_params, http_headers and auth of a custom provider survive routing', () => {
  const s = sandbox();
  try {
    const original =
      'model_provider = "azure"\n\n[model_providers.azure]\nname = "Azure"\n' +
      'base_url = "https://corp.example.com/openai"\nenv_key = "AZURE_KEY"\n' +
      'query_params = { api-version = "2025-04-01-preview" }\nhttp_headers = { "X-Team" = "ml" }\n\n' +
      '[model_providers.azure.auth]\ncommand = "get-token"\n';
    const file = s.put('.codex/config.toml', original);
    const routed = roundTrip('codex', s, [file, routesFile(s)]).get(file)!;
    const p = (parse(routed) as any).model_providers.azure;
    assert.equal(p.base_url, `${route('codex', 'https://corp.example.com/openai')}/v1`);
    assert.deepEqual(JSON.parse(JSON.stringify([p.query_params, p.http_headers, p.auth, p.env_key])), [
      { 'api-version': '2025-04-01-preview' },
      { 'X-Team': 'ml' },
      { command: 'get-token' },
      'AZURE_KEY',
    ]);
  } finally {
    s.cleanup();
  }
});

test(`Codex: the built-in OpenAI provider becomes "headroom" with requires_openai_auth (same API key or ChatGPT \
sign-in)`, () => {
  const s = sandbox();
  try {
    const original = fixture('codex/config-default.toml');
    const file = s.put('.codex/config.toml', original);
    const routed = roundTrip('codex', s, [file]).get(file)!;
    assert.equal(
      routed,
      original.replace(
        'approval_policy = "on-request"\n',
        'approval_policy = "on-request"\nmodel_provider = "headroom"\n',
      ) +
        '\n' +
        TABLE(),
    );
    assert.deepEqual(plan('codex', s).length, 1, 'restored: routing plans again');
  } finally {
    s.cleanup();
  }
});

test(`Codex signed in with ChatGPT (auth.json tokens, no API key): its route forwards to ChatGPT's Codex \
backend`, () => {
  const s = sandbox();
  try {
    const file = s.put('.codex/config.toml', fixture('codex/config-default.toml'));
    s.put('.codex/auth.json', JSON.stringify({ OPENAI_API_KEY: null, tokens: { id_token: 'x', access_token: 'y' } }));
    const changes = plan('codex', s);
    const via = route('codex', CHATGPT_CODEX_BASE);
    assert.ok(changeTo(changes, file).after!.includes(`base_url = "${via}/v1"`));
    assert.equal(
      Object.values(JSON.parse(changeTo(changes, routesFile(s)).after!)).map((r: any) => r.base)[0],
      CHATGPT_CODEX_BASE,
    );
    // With an API key in the environment the same login goes to api.openai.com: no route of its own.
    s.env.vars = { OPENAI_API_KEY: 'set' };
    assert.ok(changeTo(plan('codex', s), file).after!.includes(`base_url = "${PROXY}/v1"`));
  } finally {
    s.cleanup();
  }
});

test('Codex: profiles that select their own provider are named in a warning', () => {
  const s = sandbox();
  try {
    s.put(
      '.codex/config.toml',
      fixture('codex/config-default.toml') + '\n[profiles.local]\nmodel_provider = "ollama"\n',
    );
    const summary = plan('codex', s).flatMap((c) => c.summary);
    assert.ok(
      summary.some((l) => /profiles select their own provider .*local → ollama/.test(l)),
      summary.join('\n'),
    );
  } finally {
    s.cleanup();
  }
});

test('Codex: CODEX_HOME is honoured; a missing config.toml is created and deleted again by restore', () => {
  const s = sandbox();
  try {
    s.env.vars = { CODEX_HOME: join(s.home, 'codex-home') };
    const file = join(s.home, 'codex-home', 'config.toml');
    const routed = roundTrip('codex', s, [file]).get(file)!;
    assert.equal(routed, `model_provider = "headroom"\n\n${TABLE()}`);
    assert.equal(existsSync(file), false);
  } finally {
    s.cleanup();
  }
});

test('Codex: a new proxy port moves the route, keeping its name; restore still gives the original back', () => {
  const s = sandbox();
  try {
    const original = fixture('codex/config.toml');
    const file = s.put('.codex/config.toml', original);
    applyChanges(plan('codex', s), s.backupDir);
    const moved = plan('codex', s, 'http://127.0.0.1:8788');
    assert.deepEqual(
      moved.map((c) => c.file),
      [file],
      'the route exists already: only the port changes',
    );
    assert.deepEqual(
      moved[0].edits.map((e) => [e.kind, e.label]),
      [['replace', 'model_providers.fake.base_url']],
    );
    applyChanges(moved, s.backupDir);
    const name = route('codex', 'http://127.0.0.1:18080/v1').split('/u/')[1];
    assert.equal((parse(s.read(file)) as any).model_providers.fake.base_url, `http://127.0.0.1:8788/u/${name}/v1`);
    applyChanges(restorePlan('codex', s), s.backupDir);
    assert.equal(s.read(file), original);
    assert.equal(existsSync(routesFile(s)), false);
  } finally {
    s.cleanup();
  }
});

test('Codex: the user’s edits after routing survive restore (the old base_url comes back)', () => {
  const s = sandbox();
  try {
    const file = s.put('.codex/config.toml', fixture('codex/config.toml'));
    applyChanges(plan('codex', s), s.backupDir);
    const edited =
      s.read(file).replace('approval_policy = "never"', 'approval_policy = "on-request"') +
      '\n[mcp_servers.search]\ncommand = "search-mcp"\n';
    writeFileSync(file, edited);
    applyChanges(restorePlan('codex', s), s.backupDir);
    const text = s.read(file);
    const doc = parse(text) as Record<string, any>;
    assert.equal(doc.model_provider, 'fake');
    assert.equal(doc.approval_policy, 'on-request');
    assert.deepEqual(JSON.parse(JSON.stringify(doc.mcp_servers)), { search: { command: 'search-mcp' } });
    assert.equal(doc.model_providers.fake.base_url, 'http://127.0.0.1:18080/v1');
    assert.equal(
      text,
      fixture('codex/config.toml').replace('approval_policy = "never"', 'approval_policy = "on-request"') +
        '\n[mcp_servers.search]\ncommand = "search-mcp"\n',
    );
  } finally {
    s.cleanup();
  }
});

test(`Codex: a [model_providers.headroom] Headroom did not add is refused; an unparseable config.toml is named and \
untouched`, () => {
  const s = sandbox();
  try {
    const theirs =
      'model_provider = "headroom"\n\n[model_providers.headroom]\nname = "mine"\n' +
      'base_url = "https://mine.example.com/v1"\n';
    const file = s.put('.codex/config.toml', theirs);
    const r = planRouting('codex', s.env, PROXY);
    assert.ok('error' in r && /did not add/.test(r.error), JSON.stringify(r));
    const broken = fixture('broken/config.toml');
    writeFileSync(file, broken);
    const r2 = planRouting('codex', s.env, PROXY);
    assert.ok('error' in r2 && r2.error.includes(file) && /line 2, column 18/.test(r2.error), JSON.stringify(r2));
    assert.equal(s.read(file), broken);
  } finally {
    s.cleanup();
  }
});

test('Codex: an inline model_providers table cannot take a new header: refused, file untouched', () => {
  const s = sandbox();
  try {
    const inline =
      'model_provider = "fake"\nmodel_providers = { fake = { name = "fake", base_url = "http://x/v1" } }\n';
    s.put('.codex/config.toml', inline);
    const r = planRouting('codex', s.env, PROXY);
    assert.ok('error' in r && /without disturbing/.test(r.error), JSON.stringify(r));
  } finally {
    s.cleanup();
  }
});
