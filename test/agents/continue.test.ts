import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { parse as parseJsonc } from 'jsonc-parser';
import { applyChanges, planRouting } from '../../core/agents/index.js';
import { fixture, plan, PROXY, restorePlan, roundTrip, sandbox } from './helpers.js';

test('Continue config.yaml: openai → proxy/v1, anthropic → proxy/v1/, comments and other models untouched, restore exact', () => {
  const s = sandbox();
  try {
    const original = fixture('continue/config.yaml');
    const file = s.put('.continue/config.yaml', original);
    const changes = plan('continue', s);
    assert.deepEqual(changes[0].upstreams, [{ protocol: 'openai', url: 'http://127.0.0.1:18080/v1', where: 'models[fake-gpt].apiBase' }]);
    assert.ok(changes[0].summary.some((l) => /models\[local\]: provider ollama — not routed/.test(l)));
    assert.ok(changes[0].summary.some((l) => /Hub block anthropic\/claude-sonnet-4 — not routed/.test(l)));
    const routed = roundTrip('continue', s, [file]).get(file)!;
    const expected = original
      .replace('apiBase: http://127.0.0.1:18080/v1 # the fake provider', 'apiBase: http://127.0.0.1:8787/v1 # the fake provider')
      .replace('    provider: anthropic\n', '    provider: anthropic\n    apiBase: http://127.0.0.1:8787/v1/\n');
    assert.equal(routed, expected);
    const models = parseYaml(routed).models;
    assert.equal(models[0].apiBase, `${PROXY}/v1`);
    assert.equal(models[1].apiBase, `${PROXY}/v1/`);
    assert.equal(models[2].apiBase, undefined);
  } finally {
    s.cleanup();
  }
});

test('Continue: the recipe’s Anthropic config.yaml round-trips', () => {
  const s = sandbox();
  try {
    const file = s.put('.continue/config.yaml', fixture('continue/config-anth.yaml'));
    const routed = roundTrip('continue', s, [file]).get(file)!;
    assert.ok(routed.includes('    apiBase: http://127.0.0.1:8787/v1/\n'));
  } finally {
    s.cleanup();
  }
});

test('Continue legacy config.json (with comments) when there is no config.yaml', () => {
  const s = sandbox();
  try {
    const original = fixture('continue/config.json');
    const file = s.put('.continue/config.json', original);
    const routed = roundTrip('continue', s, [file]).get(file)!;
    assert.ok(routed.startsWith('{\n  // Legacy Continue config (config.json), comments allowed\n'));
    const doc = parseJsonc(routed);
    assert.equal(doc.models[0].apiBase, `${PROXY}/v1`);
    assert.equal(doc.models[1].apiBase, `${PROXY}/v1/`);
    assert.equal(doc.tabAutocompleteModel.apiBase, undefined, 'autocomplete (ollama) goes direct');
  } finally {
    s.cleanup();
  }
});

test('Continue: models the user adds or moves after routing survive restore; ours are found again by name', () => {
  const s = sandbox();
  try {
    const original = fixture('continue/config.yaml');
    const file = s.put('.continue/config.yaml', original);
    applyChanges(plan('continue', s), s.backupDir);
    // A new model at the top shifts every index; a comment is reworded.
    const edited = s
      .read(file)
      .replace('models:\n', 'models:\n  - name: new-one\n    provider: mistral\n    model: codestral\n')
      .replace('# Continue config — the models this machine uses', '# Continue config (edited)');
    writeFileSync(file, edited);
    applyChanges(restorePlan('continue', s), s.backupDir);
    const expected = original
      .replace('models:\n', 'models:\n  - name: new-one\n    provider: mistral\n    model: codestral\n')
      .replace('# Continue config — the models this machine uses', '# Continue config (edited)');
    assert.equal(s.read(file), expected);
  } finally {
    s.cleanup();
  }
});

test('Continue: an apiBase the user changed after routing is theirs; restore leaves it and says so', () => {
  const s = sandbox();
  try {
    const file = s.put('.continue/config.yaml', fixture('continue/config.yaml'));
    applyChanges(plan('continue', s), s.backupDir);
    writeFileSync(file, s.read(file).replace('apiBase: http://127.0.0.1:8787/v1 #', 'apiBase: https://mine.example.com/v1 #'));
    const r = restorePlan('continue', s);
    assert.ok(r[0].summary.some((l) => /models\[fake-gpt\]\.apiBase: changed since Headroom set it/.test(l)), r[0].summary.join('\n'));
    applyChanges(r, s.backupDir);
    const models = parseYaml(s.read(file)).models;
    assert.equal(models[0].apiBase, 'https://mine.example.com/v1');
    assert.equal(models[1].apiBase, undefined, 'our added apiBase is gone');
  } finally {
    s.cleanup();
  }
});

test('Continue: CONTINUE_GLOBAL_DIR; an unparseable config.yaml is named and untouched; no routable model is an error', () => {
  const s = sandbox();
  try {
    const dir = join(s.home, 'cfg');
    s.env.vars = { CONTINUE_GLOBAL_DIR: dir };
    const broken = fixture('broken/config.yaml');
    const file = s.put('cfg/config.yaml', broken);
    const r = planRouting('continue', s.env, PROXY);
    assert.ok('error' in r && r.error.includes(file) && /line 3, column 1/.test(r.error), JSON.stringify(r));
    assert.equal(s.read(file), broken);
    writeFileSync(file, 'name: x\nversion: 1.0.0\nschema: v1\nmodels:\n  - name: l\n    provider: ollama\n    model: m\n');
    const r2 = planRouting('continue', s.env, PROXY);
    assert.ok('error' in r2 && /no OpenAI or Anthropic models/.test(r2.error));
  } finally {
    s.cleanup();
  }
});
