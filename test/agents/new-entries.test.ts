/** The entries issue 14 added to the catalogue: Gemini CLI, opencode and Copilot's subscription models. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { applyChanges, planRouting } from '../../core/agents/index.js';
import { OVERRIDE_CAPI_KEY } from '../../core/agents/copilot-subscription.js';
import { changeTo, plan, PROXY, restorePlan, roundTrip, route, routesFile, sandbox } from './helpers.js';

test(`Gemini CLI: GOOGLE_GEMINI_BASE_URL is added to ~/.gemini/.env, comments and keys kept; restore is \
byte-exact`, () => {
  const s = sandbox();
  try {
    const original = '# my gemini settings\nGEMINI_API_KEY=abc123\nexport GEMINI_MODEL="gemini-2.5-pro"\n';
    const file = s.put('.gemini/.env', original);
    const routed = roundTrip('gemini', s, [file]).get(file)!;
    assert.equal(routed, original + `GOOGLE_GEMINI_BASE_URL=${PROXY}\n`);
  } finally {
    s.cleanup();
  }
});

test(`Gemini CLI: a custom base (quoted, CRLF file) gets its own route in place; GEMINI_CLI_HOME moves the \
file`, () => {
  const s = sandbox();
  try {
    s.env.vars = { GEMINI_CLI_HOME: join(s.home, 'elsewhere') };
    const original = 'GEMINI_API_KEY=abc\r\nGOOGLE_GEMINI_BASE_URL="https://gw.example.com/google"\r\n';
    const file = s.put('elsewhere/.gemini/.env', original);
    const changes = plan('gemini', s);
    const via = route('gemini', 'https://gw.example.com/google/v1beta');
    assert.equal(changeTo(changes, file).after, `GEMINI_API_KEY=abc\r\nGOOGLE_GEMINI_BASE_URL=${via}\r\n`);
    roundTrip('gemini', s, [file, routesFile(s)]);
  } finally {
    s.cleanup();
  }
});

test('Gemini CLI: no .env yet: created, then deleted again by restore', () => {
  const s = sandbox();
  try {
    const file = join(s.home, '.gemini', '.env');
    assert.equal(roundTrip('gemini', s, [file]).get(file), `GOOGLE_GEMINI_BASE_URL=${PROXY}\n`);
    assert.equal(existsSync(file), false);
  } finally {
    s.cleanup();
  }
});

test(`opencode: the built-in providers get options.baseURL in the global opencode.json (JSONC kept); restore \
exact`, () => {
  const s = sandbox();
  try {
    const original =
      '{\n  // mine\n  "$schema": "https://opencode.ai/config.json",\n  "provider": {\n' +
      '    "anthropic": { "options": { "timeout": 60000 } }\n  },\n  "model": "anthropic/claude-sonnet-4-5"\n}\n';
    const file = s.put('.config/opencode/opencode.json', original);
    const routed = roundTrip('opencode', s, [file]).get(file)!;
    const doc = parseJsonc(routed);
    assert.deepEqual(doc.provider.anthropic.options, { timeout: 60000, baseURL: `${PROXY}/v1` });
    assert.equal(doc.provider.openai.options.baseURL, `${PROXY}/v1`);
    assert.equal(doc.provider.google.options.baseURL, `${PROXY}/v1beta`);
    assert.ok(routed.startsWith('{\n  // mine\n'));
  } finally {
    s.cleanup();
  }
});

test('opencode: XDG_CONFIG_HOME moves the file; a custom baseURL gets its own route', () => {
  const s = sandbox();
  try {
    s.env.vars = { XDG_CONFIG_HOME: join(s.home, 'xdg') };
    const file = s.put(
      'xdg/opencode/opencode.jsonc',
      '{ "provider": { "openai": { "options": { "baseURL": "https://openrouter.ai/api/v1" } } } }\n',
    );
    const changes = plan('opencode', s);
    assert.equal(
      parseJsonc(changeTo(changes, file).after!).provider.openai.options.baseURL,
      `${route('opencode', 'https://openrouter.ai/api/v1')}/v1`,
    );
    roundTrip('opencode', s, [file, routesFile(s)]);
  } finally {
    s.cleanup();
  }
});

test(`Copilot subscription: overrideCapiUrl = <proxy>/copilot/<secret> and the key in settingsSync.ignoredSettings; \
JSONC kept; restore exact`, () => {
  const s = sandbox();
  try {
    const original =
      '{\n\t// editor\n\t"editor.fontSize": 14,\n\t"settingsSync.ignoredSettings": [\n\t\t"workbench.colorTheme"\n' +
      '\t],\n\t"github.copilot.enable": { "*": true },\n}\n';
    const file = s.put('.config/Code/User/settings.json', original);
    const routed = roundTrip('copilot-subscription', s, [file]).get(file)!;
    const secret = readFileSync(join(s.headroomHome, 'copilot-secret'), 'utf8').trim();
    const doc = parseJsonc(routed);
    assert.equal(doc[OVERRIDE_CAPI_KEY], `${PROXY}/copilot/${secret}`);
    assert.deepEqual(doc['settingsSync.ignoredSettings'], ['workbench.colorTheme', OVERRIDE_CAPI_KEY]);
    assert.equal(doc['github.copilot.advanced.debug.overrideProxyUrl'], undefined, 'never overrideProxyUrl');
    assert.ok(routed.startsWith('{\n\t// editor\n\t"editor.fontSize": 14,\n'));
  } finally {
    s.cleanup();
  }
});

test(`Copilot subscription: no settings.json yet: created and removed again; the array the user edits since is \
theirs`, () => {
  const s = sandbox();
  try {
    const file = join(s.userDir, 'settings.json');
    roundTrip('copilot-subscription', s, [file]);
    assert.equal(existsSync(file), false);
    s.put('.config/Code/User/settings.json', '{ "settingsSync.ignoredSettings": [] }\n');
    applyChanges(plan('copilot-subscription', s), s.backupDir);
    const edited = readFileSync(file, 'utf8').replace(
      `"${OVERRIDE_CAPI_KEY}"\n]`,
      `"${OVERRIDE_CAPI_KEY}", "mine.too"\n]`,
    );
    assert.notEqual(edited, readFileSync(file, 'utf8'));
    writeFileSync(file, edited);
    const undo = restorePlan('copilot-subscription', s);
    assert.ok(
      undo[0].summary.some((l) => /settingsSync\.ignoredSettings: changed since Headroom set it/.test(l)),
      undo[0].summary.join('\n'),
    );
    applyChanges(undo, s.backupDir);
    const doc = parseJsonc(readFileSync(file, 'utf8'));
    assert.equal(doc[OVERRIDE_CAPI_KEY], undefined);
    assert.deepEqual(doc['settingsSync.ignoredSettings'], [OVERRIDE_CAPI_KEY, 'mine.too']);
  } finally {
    s.cleanup();
  }
});

test('Copilot subscription: without a VS Code user folder or HEADROOM_HOME it says what is missing', () => {
  const s = sandbox({ vscodeUserDirs: [] });
  try {
    const r = planRouting('copilot-subscription', s.env, PROXY);
    assert.ok('error' in r && /--vscode-user-dir/.test(r.error));
    const r2 = planRouting(
      'copilot-subscription',
      { ...s.env, vscodeUserDirs: [s.userDir], headroomHome: undefined },
      PROXY,
    );
    assert.ok('error' in r2 && /HEADROOM_HOME/.test(r2.error));
  } finally {
    s.cleanup();
  }
});
