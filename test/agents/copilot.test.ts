import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { parse as parseJsonc } from 'jsonc-parser';
import { applyChanges, planRouting } from '../../core/agents/index.js';
import { proxyModelUrl } from '../../core/agents/copilot.js';
import { changeTo, fixture, plan, PROXY, restorePlan, roundTrip, route, routesFile, sandbox } from './helpers.js';

test(`Copilot: each Custom Endpoint group gets a "… via Headroom" copy pointing at the proxy, in every profile; \
restore is exact`, () => {
  const s = sandbox();
  try {
    const user = s.put('.config/Code/User/chatLanguageModels.json', fixture('copilot/chatLanguageModels.json'));
    const profile = s.put(
      '.config/Code/User/profiles/5c1a9e/chatLanguageModels.json',
      fixture('copilot/profile-chatLanguageModels.json'),
    );
    const changes = plan('copilot', s);
    assert.deepEqual(
      changes.map((c) => c.file),
      [routesFile(s), user, profile],
    );
    assert.deepEqual(
      changeTo(changes, user).upstreams.map((u) => [u.protocol, u.url, u.where]),
      [['openai', 'https://gateway.example.com/v1', 'Gateway / GPT-4.1']],
    );
    const routed = roundTrip('copilot', s, [user, profile, routesFile(s)]);

    const text = routed.get(user)!;
    // The user's text is a prefix of ours up to the built-in group; comments and the trailing comma stay.
    assert.ok(
      text.startsWith(
        fixture('copilot/chatLanguageModels.json').slice(
          0,
          fixture('copilot/chatLanguageModels.json').lastIndexOf('\t},'),
        ),
      ),
    );
    assert.ok(text.includes("/* A built-in provider: its key is in VS Code's secret storage */"));
    const groups = parseJsonc(text) as any[];
    assert.deepEqual(
      groups.map((g) => g.name),
      ['Gateway', 'Anthropic', 'Azure', 'Gateway via Headroom', 'Anthropic via Headroom'],
    );
    const gw = groups[3];
    assert.equal(gw.vendor, 'customendpoint');
    assert.equal(
      gw.apiKey,
      '${input:chat.lm.secret.gateway}',
      'same key reference: VS Code resolves it from secret storage',
    );
    assert.equal(
      gw.models[0].url,
      `${route('copilot', 'https://gateway.example.com/v1')}/v1/chat/completions`,
      'the gateway gets its own route',
    );
    assert.equal(groups[4].models[0].url, `${PROXY}/v1/messages`);
    assert.equal(groups[4].apiType, 'messages');
    // Tabs, like the rest of the file.
    assert.ok(text.includes('\t{\n\t\t"name": "Gateway via Headroom",\n\t\t"vendor": "customendpoint",'));

    const prof = parseJsonc(routed.get(profile)!) as any[];
    assert.equal(prof[1].name, 'Work via Headroom');
    assert.equal(prof[1].vendor, 'customoai');
    // A second gateway in another profile gets a route of its own: neither becomes the other's (or anyone's) upstream.
    assert.equal(
      prof[1].models[0].url,
      `${route('copilot', 'https://coder.example.com/api/v2/aibridge/openai/v1')}/v1/responses`,
    );
    assert.equal(Object.keys(JSON.parse(routed.get(routesFile(s))!)).length, 2, 'two gateways, two routes');
  } finally {
    s.cleanup();
  }
});

test('Copilot: edits the user made after routing survive restore; our groups are removed even if edited', () => {
  const s = sandbox();
  try {
    const original = fixture('copilot/chatLanguageModels.json');
    const file = s.put('.config/Code/User/chatLanguageModels.json', original);
    applyChanges(plan('copilot', s), s.backupDir);
    // The user renames a model in their own group and tweaks a model inside our copy.
    const edited = s
      .read(file)
      .replace('"name": "GPT-4.1",', '"name": "GPT-4.1 (gateway)",')
      .replace('"maxOutputTokens": 64000\n\t\t\t}\n\t\t]\n\t}\n]', '"maxOutputTokens": 32000\n\t\t\t}\n\t\t]\n\t}\n]');
    assert.notEqual(edited, s.read(file));
    writeFileSync(file, edited);
    applyChanges(restorePlan('copilot', s), s.backupDir);
    const after = s.read(file);
    assert.equal(after, original.replace('"name": "GPT-4.1",', '"name": "GPT-4.1 (gateway)",'));
  } finally {
    s.cleanup();
  }
});

test('Copilot: a new proxy port rewrites our model URLs only; no Custom Endpoint models is a plain error', () => {
  const s = sandbox();
  try {
    const file = s.put('.config/Code/User/chatLanguageModels.json', fixture('copilot/chatLanguageModels.json'));
    applyChanges(plan('copilot', s), s.backupDir);
    const moved = plan('copilot', s, 'http://127.0.0.1:9000');
    assert.deepEqual(
      changeTo(moved, file).edits.map((e) => e.label),
      ['[Gateway via Headroom].models[gpt-4.1].url', '[Anthropic via Headroom].models[claude-sonnet-4-6].url'],
    );
    applyChanges(moved, s.backupDir);
    const name = route('copilot', 'https://gateway.example.com/v1').split('/u/')[1];
    assert.equal(
      (parseJsonc(s.read(file)) as any[])[3].models[0].url,
      `http://127.0.0.1:9000/u/${name}/v1/chat/completions`,
    );
    applyChanges(restorePlan('copilot', s), s.backupDir);
    assert.equal(s.read(file), fixture('copilot/chatLanguageModels.json'));

    writeFileSync(file, '[\n\t{ "name": "Azure", "vendor": "azure", "models": [] }\n]\n');
    const r = planRouting('copilot', s.env, PROXY);
    assert.ok('error' in r && /No Custom Endpoint models .*copilot-subscription/.test(r.error), JSON.stringify(r));
  } finally {
    s.cleanup();
  }
});

test('Copilot: model URL mapping follows VS Code’s rules (explicit path, else the API type, /v1 inserted)', () => {
  assert.deepEqual(proxyModelUrl('https://gw.example.com/v1/chat/completions', undefined, PROXY), {
    url: `${PROXY}/v1/chat/completions`,
    upstream: 'https://gw.example.com/v1',
    protocol: 'openai',
  });
  assert.deepEqual(proxyModelUrl('https://my-host.example.com', 'responses', PROXY), {
    url: `${PROXY}/v1/responses`,
    upstream: 'https://my-host.example.com/v1',
    protocol: 'openai',
  });
  // `/api/v2` already ends in a version segment: nothing inserted.
  assert.deepEqual(proxyModelUrl('https://x.example.com/api/v2', 'messages', PROXY), {
    url: `${PROXY}/v1/messages`,
    upstream: 'https://x.example.com/api/v2',
    protocol: 'anthropic',
  });
  assert.equal(
    proxyModelUrl('https://res.openai.azure.com/openai/deployments/d/chat/completions?api-version=1', undefined, PROXY),
    null,
  );
  assert.equal(proxyModelUrl('not a url', undefined, PROXY), null);
});
