import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectAgents, EXTENSION_IDS } from '../../core/agents/index.js';
import { fixture, sandbox } from './helpers.js';

test('detectAgents: what is installed, which files routing touches, and what cannot be routed, in plain words', () => {
  const s = sandbox({ installedExtensions: [EXTENSION_IDS.copilot!, EXTENSION_IDS['claude-code']!] });
  try {
    s.put('.continue/config.yaml', fixture('continue/config.yaml'));
    const state = s.put('.cline/data/globalState.json', fixture('cline/globalState.json'));
    const models = s.put(
      '.config/Code/User/profiles/abc/chatLanguageModels.json',
      fixture('copilot/profile-chatLanguageModels.json'),
    );
    const byId = Object.fromEntries(detectAgents(s.env).map((d) => [d.agent, d]));
    assert.deepEqual(Object.keys(byId), [
      'claude-code',
      'codex',
      'continue',
      'cline',
      'copilot',
      'copilot-subscription',
      'gemini',
      'opencode',
    ]);

    assert.equal(byId.copilot.installed, true);
    assert.deepEqual(byId.copilot.configPaths, [models]);
    assert.equal(byId.copilot.routable, true);
    assert.match(byId.copilot.note!, /subscription models are the separate "copilot-subscription" entry/);

    assert.deepEqual([byId.continue.installed, byId.continue.routable], [true, true]);
    assert.deepEqual(byId.cline.configPaths, [state]);
    assert.deepEqual([byId['claude-code'].installed, byId['claude-code'].routable], [true, true]);
    assert.deepEqual([byId.codex.installed, byId.codex.routable], [false, true]);
    assert.match(byId.codex.note!, /ChatGPT/);
  } finally {
    s.cleanup();
  }
});

test('detectAgents: nothing configured yet — each entry says what to do first', () => {
  const s = sandbox({ vars: { ANTHROPIC_BASE_URL: 'https://gw.example.com' } });
  try {
    s.put('.config/Code/User/chatLanguageModels.json', '[{ "name": "Azure", "vendor": "azure", "models": [] }]');
    const byId = Object.fromEntries(detectAgents(s.env).map((d) => [d.agent, d]));
    assert.equal(byId.copilot.routable, false);
    assert.match(byId.copilot.note!, /No Custom Endpoint models/);
    assert.deepEqual([byId.continue.installed, byId.continue.routable], [false, false]);
    assert.match(byId.continue.note!, /add a model in Continue first/);
    assert.equal(byId.gemini.installed, false);
    assert.match(byId['claude-code'].note!, /ANTHROPIC_BASE_URL is also set in your environment/);
  } finally {
    s.cleanup();
  }
});

test('core/agents never imports vscode (it runs, and is tested, under plain Node)', () => {
  const dir = join(__dirname, '..', '..', 'core', 'agents');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  assert.ok(files.length > 10);
  const offenders = files.filter((f) =>
    /from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\(\s*['"]vscode['"]\s*\)/.test(
      readFileSync(join(dir, f), 'utf8'),
    ),
  );
  assert.deepEqual(offenders, []);
});
