import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyChanges, planRouting } from '../../core/agents/index.js';
import { changeTo, fixture, plan, PROXY, restorePlan, roundTrip, route, routesFile, sandbox } from './helpers.js';

test(`Cline: globalState.json (anthropicBaseUrl) and settings/providers.json (baseUrl) get <proxy>/v1 (the SDK appends \
/messages); restore exact`, () => {
  const s = sandbox();
  try {
    const state = s.put('.cline/data/globalState.json', fixture('cline/globalState.json'));
    const providers = s.put('.cline/data/settings/providers.json', fixture('cline/providers-anth.json'));
    const changes = plan('cline', s);
    assert.deepEqual(
      changes.map((c) => c.file),
      [routesFile(s), state, providers],
    );
    // The recipe's provider ran against a local fake: that endpoint gets Cline's own route, not a global upstream.
    const via = route('cline', 'http://127.0.0.1:18080/v1');
    assert.deepEqual(changeTo(changes, state).upstreams, []);
    assert.deepEqual(
      changeTo(changes, providers).upstreams.map((u) => [u.url, u.where]),
      [['http://127.0.0.1:18080/v1', 'providers.anthropic.settings.baseUrl']],
    );
    assert.ok(
      changes[1].summary.some((l) => /rewrites globalState\.json from memory/.test(l)),
      'warns to quit Cline first',
    );
    const routed = roundTrip('cline', s, [state, providers, routesFile(s)]);
    const gs = JSON.parse(routed.get(state)!);
    assert.equal(gs.anthropicBaseUrl, `${PROXY}/v1`, 'no custom endpoint in globalState: the proxy itself, with /v1');
    assert.equal(gs.openAiBaseUrl, undefined);
    assert.equal(JSON.parse(routed.get(providers)!).providers.anthropic.settings.baseUrl, `${via}/v1`);
    assert.equal(
      routed.get(state),
      fixture('cline/globalState.json').replace(
        '\n  }\n}\n',
        '\n  },\n  "anthropicBaseUrl": "http://127.0.0.1:8787/v1"\n}\n',
      ),
    );
  } finally {
    s.cleanup();
  }
});

test(`Cline: OpenAI Compatible — openAiBaseUrl (a one-line file) and providers.json baseUrl each go through their own \
route`, () => {
  const s = sandbox();
  try {
    const state = s.put('.cline/data/globalState.json', fixture('cline/globalState-openai.json'));
    const providers = s.put('.cline/data/settings/providers.json', fixture('cline/providers-oai.json'));
    const changes = plan('cline', s);
    assert.deepEqual(
      changeTo(changes, state).upstreams.map((u) => [u.protocol, u.url, u.where]),
      [['openai', 'https://llm.example.org/v1', 'openAiBaseUrl']],
    );
    const routed = roundTrip('cline', s, [state, providers, routesFile(s)]);
    assert.equal(
      routed.get(state),
      fixture('cline/globalState-openai.json').replace(
        'https://llm.example.org/v1',
        `${route('cline', 'https://llm.example.org/v1')}/v1`,
      ),
    );
    assert.equal(
      JSON.parse(routed.get(providers)!).providers['openai-compatible'].settings.baseUrl,
      `${route('cline', 'http://127.0.0.1:18080/v1')}/v1`,
    );
    const routes = JSON.parse(routed.get(routesFile(s))!);
    assert.deepEqual(
      Object.values(routes)
        .map((r: any) => r.base)
        .sort(),
      ['http://127.0.0.1:18080/v1', 'https://llm.example.org/v1'],
    );
  } finally {
    s.cleanup();
  }
});

test('Cline: CLINE_DATA_DIR wins over CLINE_DIR, which wins over ~/.cline (as Cline resolves its data folder)', () => {
  const s = sandbox();
  try {
    s.put('.cline/data/globalState.json', fixture('cline/globalState.json'));
    const viaDir = s.put('cline-dir/data/globalState.json', fixture('cline/globalState.json'));
    const viaData = s.put('cline-data/globalState.json', fixture('cline/globalState.json'));
    s.env.vars = { CLINE_DIR: join(s.home, 'cline-dir') };
    assert.deepEqual(
      plan('cline', s).map((c) => c.file),
      [viaDir],
    );
    s.env.vars = { CLINE_DIR: join(s.home, 'cline-dir'), CLINE_DATA_DIR: join(s.home, 'cline-data') };
    assert.deepEqual(
      plan('cline', s).map((c) => c.file),
      [viaData],
    );
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
    const state = s.put(
      '.cline/data/globalState.json',
      '{\n  "planModeApiProvider": "openrouter",\n  "actModeApiProvider": "openrouter"\n}\n',
    );
    const r = planRouting('cline', s.env, PROXY);
    assert.ok(
      'error' in r &&
        /current provider openrouter — not routed/.test(r.error) &&
        /Anthropic and OpenAI Compatible/.test(r.error),
      JSON.stringify(r),
    );
    const broken = fixture('broken/settings.json');
    writeFileSync(state, broken);
    const r2 = planRouting('cline', s.env, PROXY);
    assert.ok('error' in r2 && r2.error.includes(state), JSON.stringify(r2));
    assert.equal(s.read(state), broken);
  } finally {
    s.cleanup();
  }
});
