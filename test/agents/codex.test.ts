import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { existsSync, writeFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { applyChanges, planRouting } from '../../core/agents/index.js';
import { TOML_TAG } from '../../core/agents/edit/toml-edit.js';
import { fixture, plan, PROXY, restorePlan, roundTrip, sandbox } from './helpers.js';

const TABLE = (envKey: string) =>
  `${TOML_TAG}\n[model_providers.headroom]\nname = "Headroom"\nbase_url = "http://127.0.0.1:8787/v1"\nwire_api = "responses"\nenv_key = "${envKey}"\n`;

test('Codex: adds [model_providers.headroom] with the current key variable and selects it; restore is byte-identical', () => {
  const s = sandbox();
  try {
    const original = fixture('codex/config.toml');
    const file = s.put('.codex/config.toml', original);
    const changes = plan('codex', s);
    assert.deepEqual(changes[0].upstreams, [{ protocol: 'openai', url: 'http://127.0.0.1:18080/v1', where: 'model_providers.fake.base_url' }]);
    const routed = roundTrip('codex', s, [file]).get(file)!;
    // Exactly two edits: the selected provider (its comment kept) and our table at the end.
    const expected = original.replace('model_provider = "fake"   #', 'model_provider = "headroom"   #') + '\n' + TABLE('FAKE_API_KEY');
    assert.equal(routed, expected);
    const doc = parse(routed) as Record<string, any>;
    assert.equal(doc.model_provider, 'headroom');
    assert.equal(doc.model_providers.headroom.base_url, `${PROXY}/v1`);
    // The look-alike lines inside the multi-line string were not touched.
    assert.ok(doc.developer_instructions.includes('model_provider = "nope"'));
  } finally {
    s.cleanup();
  }
});

test('Codex: with the built-in OpenAI provider, model_provider is added after the root keys and the key comes from OPENAI_API_KEY', () => {
  const s = sandbox();
  try {
    const original = fixture('codex/config-default.toml');
    const file = s.put('.codex/config.toml', original);
    const routed = roundTrip('codex', s, [file]).get(file)!;
    assert.equal(
      routed,
      original.replace('approval_policy = "on-request"\n', 'approval_policy = "on-request"\nmodel_provider = "headroom"\n') + '\n' + TABLE('OPENAI_API_KEY'),
    );
    assert.deepEqual(plan('codex', s).length, 1, 'restored: routing plans again');
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
    assert.equal(routed, `model_provider = "headroom"\n\n${TABLE('OPENAI_API_KEY')}`);
    assert.equal(existsSync(file), false);
  } finally {
    s.cleanup();
  }
});

test('Codex: a new proxy port only changes our base_url; restore still gives the original back', () => {
  const s = sandbox();
  try {
    const original = fixture('codex/config.toml');
    const file = s.put('.codex/config.toml', original);
    applyChanges(plan('codex', s), s.backupDir);
    const moved = plan('codex', s, 'http://127.0.0.1:8788');
    assert.equal(moved.length, 1);
    assert.deepEqual(moved[0].edits.map((e) => [e.kind, e.label]), [['replace', 'model_providers.headroom.base_url']]);
    applyChanges(moved, s.backupDir);
    assert.equal((parse(s.read(file)) as any).model_providers.headroom.base_url, 'http://127.0.0.1:8788/v1');
    applyChanges(restorePlan('codex', s), s.backupDir);
    assert.equal(s.read(file), original);
  } finally {
    s.cleanup();
  }
});

test('Codex: the user’s edits after routing survive restore (our table goes, the old provider comes back)', () => {
  const s = sandbox();
  try {
    const file = s.put('.codex/config.toml', fixture('codex/config.toml'));
    applyChanges(plan('codex', s), s.backupDir);
    const edited = s.read(file).replace('approval_policy = "never"', 'approval_policy = "on-request"') + '\n[mcp_servers.search]\ncommand = "search-mcp"\n';
    writeFileSync(file, edited);
    applyChanges(restorePlan('codex', s), s.backupDir);
    const text = s.read(file);
    const doc = parse(text) as Record<string, any>;
    assert.equal(doc.model_provider, 'fake');
    assert.equal(doc.approval_policy, 'on-request');
    assert.deepEqual(JSON.parse(JSON.stringify(doc.mcp_servers)), { search: { command: 'search-mcp' } });
    assert.equal(doc.model_providers.headroom, undefined);
    assert.ok(!text.includes(TOML_TAG));
    assert.equal(text, fixture('codex/config.toml').replace('approval_policy = "never"', 'approval_policy = "on-request"') + '\n[mcp_servers.search]\ncommand = "search-mcp"\n');
  } finally {
    s.cleanup();
  }
});

test('Codex: a [model_providers.headroom] Headroom did not add is refused; an unparseable config.toml is named and untouched', () => {
  const s = sandbox();
  try {
    const theirs = 'model_provider = "headroom"\n\n[model_providers.headroom]\nname = "mine"\nbase_url = "https://mine.example.com/v1"\n';
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
    const inline = 'model_provider = "fake"\nmodel_providers = { fake = { name = "fake", base_url = "http://x/v1" } }\n';
    s.put('.codex/config.toml', inline);
    const r = planRouting('codex', s.env, PROXY);
    assert.ok('error' in r && /without disturbing/.test(r.error), JSON.stringify(r));
  } finally {
    s.cleanup();
  }
});
