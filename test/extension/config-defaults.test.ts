import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_DEFAULTS, readConfig, RESTART_KEYS, SECTION, SETTING_KEYS } from '../../extension/config.js';
import { DEFAULT_MIN_CHARS } from '../../core/compress.js';
import { DEFAULT_BUDGET_MS } from '../../core/prose-model/service.js';
import { DEFAULT_BASES } from '../../core/providers/upstream-url.js';
import { DEFAULT_BODY_BUDGET } from '../../core/proxy/body-budget.js';
import { fakeSettings } from './fake-settings.js';

interface Prop {
  type: string;
  default: unknown;
  markdownDescription?: string;
  description?: string;
  minimum?: number;
  maximum?: number;
}
const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
const props: Record<string, Prop> = pkg.contributes.configuration.properties;

/** The value readConfig gives for each SETTING_KEYS entry, by the same key. */
function configValue(key: keyof typeof SETTING_KEYS): unknown {
  const c = CONFIG_DEFAULTS;
  switch (key) {
    case 'anthropic':
    case 'openai':
    case 'gemini':
    case 'ollama':
      return c.upstream[key];
    case 'storeDir':
      return c.storeDir ?? '';
    case 'proseModel':
      return c.proseModel ?? '';
    default:
      return c[key];
  }
}

test("package.json's contributed defaults are the extension's defaults, setting by setting", () => {
  for (const [field, key] of Object.entries(SETTING_KEYS) as [keyof typeof SETTING_KEYS, string][]) {
    const p = props[`${SECTION}.${key}`];
    assert.ok(p, `headroom.${key} is contributed`);
    assert.deepEqual(p.default, configValue(field), `headroom.${key}`);
    assert.ok((p.markdownDescription ?? p.description ?? '').length > 30, `headroom.${key} says what it does`);
  }
  assert.deepEqual(
    Object.keys(props).sort(),
    Object.values(SETTING_KEYS)
      .map((k) => `${SECTION}.${k}`)
      .sort(),
    'no contributed setting is left unread',
  );
});

test("the defaults are core's own constants (minChars, upstream bases) and the CLI's port", () => {
  assert.equal(props['headroom.minChars'].default, DEFAULT_MIN_CHARS);
  assert.equal(props['headroom.proseModelBudgetMs'].default, DEFAULT_BUDGET_MS);
  assert.equal(Number(props['headroom.bodyBudgetMb'].default) * 1048576, DEFAULT_BODY_BUDGET.maxBytes);
  assert.equal(props['headroom.bodyQueue'].default, DEFAULT_BODY_BUDGET.maxQueued);
  assert.equal(props['headroom.upstream.anthropic'].default, DEFAULT_BASES.anthropic);
  assert.equal(props['headroom.upstream.openai'].default, DEFAULT_BASES.openai);
  assert.equal(props['headroom.upstream.gemini'].default, DEFAULT_BASES.gemini);
  assert.equal(props['headroom.upstream.ollama'].default, DEFAULT_BASES.ollama);
  // core/cli/proxy-command.ts: `--port` defaults to '8787' (not an exported constant there)
  assert.match(
    readFileSync(join(__dirname, '..', '..', 'core', 'cli', 'proxy-command.ts'), 'utf8'),
    /port: \{ type: 'string', default: '8787' \}/,
  );
  assert.equal(props['headroom.port'].default, 8787);
});

test('readConfig with every setting at its contributed default gives CONFIG_DEFAULTS', () => {
  const values = new Map(Object.entries(props).map(([k, p]) => [k.slice(SECTION.length + 1), p.default]));
  assert.deepEqual(readConfig(fakeSettings({ defaults: Object.fromEntries(values) })), CONFIG_DEFAULTS);
  assert.deepEqual(readConfig(fakeSettings({})), CONFIG_DEFAULTS, 'nothing set at all');
});

test('readConfig keeps valid user values and replaces wrong types or out-of-range values with the defaults', () => {
  const user: Record<string, unknown> = {
    enabled: false,
    port: 9999,
    minChars: 'lots',
    'upstream.openai': '  http://127.0.0.1:11434/v1  ',
    'upstream.anthropic': '',
    maxRetrieveRounds: 500,
    storeDir: '/tmp/hr',
    costPerMillionInputTokens: -1,
    retrieveTool: 'yes',
  };
  const c = readConfig(fakeSettings({ user }));
  assert.equal(c.enabled, false);
  assert.equal(c.port, 9999);
  assert.equal(c.minChars, DEFAULT_MIN_CHARS);
  assert.equal(c.upstream.openai, 'http://127.0.0.1:11434/v1');
  assert.equal(c.upstream.anthropic, DEFAULT_BASES.anthropic);
  assert.equal(c.maxRetrieveRounds, 3);
  assert.equal(c.storeDir, '/tmp/hr');
  assert.equal(c.costPerMillionInputTokens, 3);
  assert.equal(c.retrieveTool, true);
  assert.equal(readConfig(fakeSettings({ user: { port: 70000 } })).port, 8787);
  // the body budget takes the CLI's ranges (--body-budget-mb 1–65536, --body-queue 0–10000)
  const budget = readConfig(fakeSettings({ user: { bodyBudgetMb: 512, bodyQueue: 0 } }));
  assert.deepEqual([budget.bodyBudgetMb, budget.bodyQueue], [512, 0]);
  const wrong = readConfig(fakeSettings({ user: { bodyBudgetMb: 0, bodyQueue: 1.5 } }));
  assert.deepEqual([wrong.bodyBudgetMb, wrong.bodyQueue], [128, 16]);
});

test('every setting that shapes the running proxy restarts it; the cost estimate does not', () => {
  for (const k of [
    'port',
    'enabled',
    'minChars',
    'upstream.openai',
    'storeDir',
    'retrieveTool',
    'bodyBudgetMb',
    'bodyQueue',
  ])
    assert.ok(RESTART_KEYS.includes(`headroom.${k}`), k);
  assert.ok(!RESTART_KEYS.includes('headroom.costPerMillionInputTokens'));
});

test('every command is contributed in the Headroom category and pause/resume show only when they apply', () => {
  const cmds: { command: string; title: string; category: string }[] = pkg.contributes.commands;
  for (const c of cmds) assert.equal(c.category, 'Headroom', c.command);
  const when = Object.fromEntries(
    (pkg.contributes.menus.commandPalette as { command: string; when: string }[]).map((m) => [m.command, m.when]),
  );
  assert.equal(when['headroom.pause'], '!headroom.paused');
  assert.equal(when['headroom.resume'], 'headroom.paused');
  assert.equal(pkg.engines.vscode, '^1.100.0', 'the engine accepts VS Code 1.100 (the e2e host)');
  assert.deepEqual(pkg.activationEvents, ['onStartupFinished']);
});
