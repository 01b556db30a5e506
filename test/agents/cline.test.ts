import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { applyChanges, planRouting } from '../../core/agents/index.js';
import { fixture, plan, PROXY, restorePlan, roundTrip, sandbox } from './helpers.js';

test('Cline: globalState.json (anthropicBaseUrl) and settings/providers.json (baseUrl) are both routed and restored exactly', () => {
  const s = sandbox();
  try {
    const state = s.put('.cline/data/globalState.json', fixture('cline/globalState.json'));
    const providers = s.put('.cline/data/settings/providers.json', fixture('cline/providers-anth.json'));
    const changes = plan('cline', s);
    assert.deepEqual(changes.map((c) => c.file), [state, providers]);
    // The recipe's provider ran against a local fake: that is the upstream the proxy must forward to.
    assert.deepEqual(changes[1].upstreams, [{ protocol: 'anthropic', url: 'http://127.0.0.1:18080', where: 'providers.anthropic.settings.baseUrl' }]);
    const routed = roundTrip('cline', s, [state, providers]);
    const gs = JSON.parse(routed.get(state)!);
    assert.equal(gs.anthropicBaseUrl, PROXY, 'the Anthropic SDK appends /v1/messages itself');
    assert.equal(gs.openAiBaseUrl, undefined);
    assert.equal(JSON.parse(routed.get(providers)!).providers.anthropic.settings.baseUrl, PROXY);
    assert.equal(
      routed.get(state),
      fixture('cline/globalState.json').replace('\n  }\n}\n', '\n  },\n  "anthropicBaseUrl": "http://127.0.0.1:8787"\n}\n'),
    );
  } finally {
    s.cleanup();
  }
});

test('Cline: OpenAI Compatible — openAiBaseUrl (a one-line file) and providers.json baseUrl get proxy/v1', () => {
  const s = sandbox();
  try {
    const state = s.put('.cline/data/globalState.json', fixture('cline/globalState-openai.json'));
    const providers = s.put('.cline/data/settings/providers.json', fixture('cline/providers-oai.json'));
    const changes = plan('cline', s);
    assert.deepEqual(changes[0].upstreams, [{ protocol: 'openai', url: 'https://llm.example.org/v1', where: 'openAiBaseUrl' }]);
    const routed = roundTrip('cline', s, [state, providers]);
    assert.equal(routed.get(state), fixture('cline/globalState-openai.json').replace('https://llm.example.org/v1', `${PROXY}/v1`));
    assert.equal(JSON.parse(routed.get(providers)!).providers['openai-compatible'].settings.baseUrl, `${PROXY}/v1`);
  } finally {
    s.cleanup();
  }
});

test('Cline rewrites its state file after routing (new keys, its own layout): restore removes only our key', () => {
  const s = sandbox();
  try {
    const state = s.put('.cline/data/globalState.json', fixture('cline/globalState.json'));
    applyChanges(plan('cline', s), s.backupDir);
    // What ClineFileStorage does: read, add a key, write back with JSON.stringify(…, null, 2) — no trailing newline.
    const doc = JSON.parse(s.read(state));
    doc.mode = 'act';
    writeFileSync(state, JSON.stringify(doc, null, 2));
    applyChanges(restorePlan('cline', s), s.backupDir);
    const after = JSON.parse(s.read(state));
    const expected = { ...JSON.parse(fixture('cline/globalState.json')), mode: 'act' };
    assert.deepEqual(after, expected);
  } finally {
    s.cleanup();
  }
});

test('Cline: a provider Headroom cannot route is said plainly; a broken file is named and untouched', () => {
  const s = sandbox();
  try {
    const state = s.put('.cline/data/globalState.json', '{\n  "planModeApiProvider": "openrouter",\n  "actModeApiProvider": "openrouter"\n}\n');
    const r = planRouting('cline', s.env, PROXY);
    assert.ok('error' in r && /current provider openrouter — not routed/.test(r.error) && /Anthropic and OpenAI Compatible/.test(r.error), JSON.stringify(r));
    const broken = fixture('broken/settings.json');
    writeFileSync(state, broken);
    const r2 = planRouting('cline', s.env, PROXY);
    assert.ok('error' in r2 && r2.error.includes(state), JSON.stringify(r2));
    assert.equal(s.read(state), broken);
  } finally {
    s.cleanup();
  }
});
