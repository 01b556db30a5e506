import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { parse as parseJsonc } from 'jsonc-parser';
import { applyChanges, planRouting } from '../../core/agents/index.js';
import { changeTo, fixture, plan, PROXY, restorePlan, roundTrip, route, routesFile, sandbox } from './helpers.js';

test(`Continue config.yaml: openai → proxy/v1, anthropic → proxy/v1/, ollama → its own route, comments and other \
models untouched, restore exact`, () => {
  const s = sandbox();
  try {
    const original = fixture('continue/config.yaml');
    const file = s.put('.continue/config.yaml', original);
    const changes = plan('continue', s);
    const c = changeTo(changes, file);
    const via = route('continue', 'http://127.0.0.1:18080/v1');
    // no apiBase on the Ollama model: Continue's default server, http://localhost:11434/, behind a route of its own
    const ollama = route('continue', 'http://localhost:11434/api');
    assert.deepEqual(
      c.upstreams.map((u) => [u.protocol, u.url, u.where]),
      [
        ['openai', 'http://127.0.0.1:18080/v1', 'models[fake-gpt].apiBase'],
        ['ollama', 'http://localhost:11434/api', 'models[local].apiBase'],
      ],
    );
    assert.ok(!c.summary.some((l) => /models\[local\].*not routed/.test(l)));
    assert.ok(c.summary.some((l) => /Hub block anthropic\/claude-sonnet-4 — not routed/.test(l)));
    assert.ok(
      c.summary.some((l) => /Hub profiles .* not routed/.test(l)),
      'Hub profiles and workspace files are listed',
    );
    const routed = roundTrip('continue', s, [file, routesFile(s)]).get(file)!;
    const expected = original
      .replace('apiBase: http://127.0.0.1:18080/v1 # the fake provider', `apiBase: ${via}/v1 # the fake provider`)
      .replace('    provider: anthropic\n', '    provider: anthropic\n    apiBase: http://127.0.0.1:8787/v1/\n')
      .replace('    provider: ollama\n', `    provider: ollama\n    apiBase: ${ollama}/\n`);
    assert.equal(routed, expected);
    const models = parseYaml(routed).models;
    assert.equal(models[0].apiBase, `${via}/v1`);
    assert.equal(models[1].apiBase, `${PROXY}/v1/`);
    // the extension resolves api/chat against it, cn appends v1/: both through the route to the Ollama server
    assert.equal(models[2].apiBase, `${ollama}/`);
    assert.equal(new URL('api/chat', models[2].apiBase).href, `${ollama}/api/chat`);
    const routes = JSON.parse(changeTo(changes, routesFile(s)).after ?? '');
    assert.deepEqual(routes[ollama.split('/u/')[1]], {
      family: 'ollama',
      base: 'http://localhost:11434/api',
      owner: 'continue',
    });
  } finally {
    s.cleanup();
  }
});

test('Continue: the recipe’s Anthropic config.yaml round-trips', () => {
  const s = sandbox();
  try {
    const file = s.put('.continue/config.yaml', fixture('continue/config-anth.yaml'));
    const routed = roundTrip('continue', s, [file, routesFile(s)]).get(file)!;
    assert.ok(routed.includes(`    apiBase: ${route('continue', 'http://127.0.0.1:18080/v1')}/v1/\n`));
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
    writeFileSync(file, s.read(file).replace(/apiBase: \S+ #/, 'apiBase: https://mine.example.com/v1 #'));
    const r = restorePlan('continue', s);
    const c = changeTo(r, file);
    assert.ok(
      c.summary.some((l) => /models\[fake-gpt\]\.apiBase: changed since Headroom set it/.test(l)),
      c.summary.join('\n'),
    );
    applyChanges(r, s.backupDir);
    const models = parseYaml(s.read(file)).models;
    assert.equal(models[0].apiBase, 'https://mine.example.com/v1');
    assert.equal(models[1].apiBase, undefined, 'our added apiBase is gone');
  } finally {
    s.cleanup();
  }
});

test(`Continue: CONTINUE_GLOBAL_DIR; an unparseable config.yaml is named and untouched; no routable model is an \
error`, () => {
  const s = sandbox();
  try {
    const dir = join(s.home, 'cfg');
    s.env.vars = { CONTINUE_GLOBAL_DIR: dir };
    const broken = fixture('broken/config.yaml');
    const file = s.put('cfg/config.yaml', broken);
    const r = planRouting('continue', s.env, PROXY);
    assert.ok('error' in r && r.error.includes(file) && /line 3, column 1/.test(r.error), JSON.stringify(r));
    assert.equal(s.read(file), broken);
    writeFileSync(
      file,
      'name: x\nversion: 1.0.0\nschema: v1\nmodels:\n  - name: l\n    provider: mistral\n    model: m\n',
    );
    const r2 = planRouting('continue', s.env, PROXY);
    assert.ok('error' in r2 && /no OpenAI, Anthropic, Gemini or Ollama models/.test(r2.error), JSON.stringify(r2));
  } finally {
    s.cleanup();
  }
});

test(`Continue: local agent files in ~/.continue/agents|assistants|configs are routed beside config.yaml; restore \
exact`, () => {
  const s = sandbox();
  try {
    const main = s.put('.continue/config.yaml', fixture('continue/config-anth.yaml'));
    const agent = s.put(
      '.continue/agents/reviewer.yaml',
      'name: reviewer\nversion: 1.0.0\nschema: v1\nmodels:\n  - name: gpt\n    provider: openai\n    model: gpt-5\n',
    );
    const legacy = s.put(
      '.continue/assistants/old.yml',
      'name: old\nversion: 1.0.0\nschema: v1\nmodels:\n  - name: gem\n    provider: gemini\n' +
        '    model: gemini-2.5-pro\n',
    );
    s.put('.continue/agents/notes.md', '# not a config');
    const changes = plan('continue', s);
    assert.deepEqual(
      changes.map((c) => c.file).filter((f) => f !== routesFile(s)),
      [main, agent, legacy],
    );
    assert.ok(changeTo(changes, legacy).summary.some((l) => /cn CLI ignores apiBase for Gemini/.test(l)));
    const routed = roundTrip('continue', s, [main, agent, legacy, routesFile(s)]);
    assert.equal(parseYaml(routed.get(agent)!).models[0].apiBase, `${PROXY}/v1`);
    assert.equal(parseYaml(routed.get(legacy)!).models[0].apiBase, `${PROXY}/v1beta/`);
  } finally {
    s.cleanup();
  }
});
