import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { existsSync, writeFileSync } from 'node:fs';
import {
  applyChanges,
  planRouting,
  restoreClaudeCodeEnvironment,
  routeClaudeCodeEnvironment,
  type ClaudeCodeSettingRecord,
} from '../../core/agents/index.js';
import {
  changeTo,
  fixture,
  plan,
  PROXY,
  readOrNull,
  restorePlan,
  roundTrip,
  route,
  routesFile,
  sandbox,
} from './helpers.js';

test(`Claude Code: env.ANTHROPIC_BASE_URL is added next to the existing env vars, and restore gives the file back byte \
for byte`, () => {
  const s = sandbox();
  try {
    const original = fixture('claude/settings.json');
    const file = s.put('.claude/settings.json', original);
    const routed = roundTrip('claude-code', s, [file]).get(file)!;
    assert.equal(
      routed,
      original.replace(
        '"CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1"',
        '"CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",\n    "ANTHROPIC_BASE_URL": "http://127.0.0.1:8787"',
      ),
    );
    // Claude Code parses this file as strict JSON: it must stay strict JSON.
    assert.equal(JSON.parse(routed).env.ANTHROPIC_BASE_URL, PROXY);
  } finally {
    s.cleanup();
  }
});

test(`Claude Code: a gateway URL already set gets its own route /u/<name>, recorded in upstreams.json; restore is \
exact (tabs kept)`, () => {
  const s = sandbox();
  try {
    const file = s.put('.claude/settings.json', fixture('claude/settings-gateway.json'));
    const changes = plan('claude-code', s);
    // Claude Code calls <base>/v1/messages: the route stands for the proxy's /v1, so its base is the gateway + /v1.
    const via = route('claude-code', 'https://gateway.example.com/anthropic/v1');
    const name = via.split('/u/')[1];
    assert.match(name, /^claude-code-gateway-example-com-[0-9a-f]{4}$/);
    assert.deepEqual(changeTo(changes, file).upstreams, [
      {
        protocol: 'anthropic',
        url: 'https://gateway.example.com/anthropic/v1',
        where: 'env.ANTHROPIC_BASE_URL',
        route: name,
      },
    ]);
    assert.match(changeTo(changes, file).summary[0], new RegExp(`gateway\\.example\\.com/anthropic → ${via}$`));
    // The route is Headroom's own file, so it is a planned change like any other: shown, backed up, undone.
    assert.deepEqual(JSON.parse(changeTo(changes, routesFile(s)).after!), {
      [name]: { family: 'anthropic', base: 'https://gateway.example.com/anthropic/v1', owner: 'claude-code' },
    });
    const routed = roundTrip('claude-code', s, [file, routesFile(s)]).get(file)!;
    assert.ok(routed.includes(`\t\t"ANTHROPIC_BASE_URL": "${via}",\n\t\t"ANTHROPIC_AUTH_TOKEN": "gw-token"`));
  } finally {
    s.cleanup();
  }
});

test('Claude Code: with no settings.json the file is created, and restore deletes it again', () => {
  const s = sandbox();
  try {
    const file = join(s.home, '.claude', 'settings.json');
    const routed = roundTrip('claude-code', s, [file]).get(file)!;
    assert.deepEqual(JSON.parse(routed), { env: { ANTHROPIC_BASE_URL: PROXY } });
    assert.equal(existsSync(file), false);
  } finally {
    s.cleanup();
  }
});

test('Claude Code: CLAUDE_CONFIG_DIR moves the settings file', () => {
  const s = sandbox();
  try {
    const dir = join(s.home, 'elsewhere');
    s.env.vars = { CLAUDE_CONFIG_DIR: dir };
    const file = s.put('elsewhere/settings.json', '{}\n');
    const changes = plan('claude-code', s);
    assert.equal(changes[0].file, file);
    assert.equal(changes[0].after, '{\n  "env": {\n    "ANTHROPIC_BASE_URL": "http://127.0.0.1:8787"\n  }\n}\n');
    assert.equal(readOrNull(join(s.home, '.claude', 'settings.json')), null);
  } finally {
    s.cleanup();
  }
});

test('Claude Code: edits the user made after routing survive restore; only our key goes', () => {
  const s = sandbox();
  try {
    const file = s.put('.claude/settings.json', fixture('claude/settings.json'));
    applyChanges(plan('claude-code', s), s.backupDir);
    // The user (or Claude Code's /config) edits the file: a new top-level key and another env var after ours.
    const edited = s
      .read(file)
      .replace('"model": "claude-sonnet-4-5"', '"model": "claude-opus-4-1",\n  "theme": "dark"')
      .replace(
        '"ANTHROPIC_BASE_URL": "http://127.0.0.1:8787"',
        '"ANTHROPIC_BASE_URL": "http://127.0.0.1:8787",\n    "DISABLE_TELEMETRY": "1"',
      );
    writeFileSync(file, edited);
    applyChanges(restorePlan('claude-code', s), s.backupDir);
    const after = JSON.parse(s.read(file));
    assert.deepEqual(after.env, { CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1', DISABLE_TELEMETRY: '1' });
    assert.equal(after.model, 'claude-opus-4-1');
    assert.equal(after.theme, 'dark');
    assert.deepEqual(after.permissions, JSON.parse(fixture('claude/settings.json')).permissions);
  } finally {
    s.cleanup();
  }
});

test('Claude Code: a settings.json that does not parse is named in the error and never rewritten', () => {
  const s = sandbox();
  try {
    const broken = fixture('broken/settings.json');
    const file = s.put('.claude/settings.json', broken);
    const r = planRouting('claude-code', s.env, PROXY);
    assert.ok('error' in r);
    assert.ok(r.error.includes(file), r.error);
    assert.match(r.error, /CommaExpected at line 4, column 5/);
    assert.equal(s.read(file), broken);
  } finally {
    s.cleanup();
  }
});

test(`claudeCode.environmentVariables: routing adds or replaces ANTHROPIC_BASE_URL, restore undoes exactly \
that`, () => {
  const others = [{ name: 'ANTHROPIC_MODEL', value: 'claude-sonnet-4-5' }];
  const added = routeClaudeCodeEnvironment(others, PROXY);
  assert.ok(added && !('error' in added));
  assert.deepEqual(added.value, [...others, { name: 'ANTHROPIC_BASE_URL', value: PROXY }]);
  assert.equal(routeClaudeCodeEnvironment(added.value, PROXY), null, 'routing twice changes nothing');
  // The user adds a variable meanwhile; restore keeps it.
  const later = [...added.value, { name: 'API_TIMEOUT_MS', value: '600000' }];
  assert.deepEqual(restoreClaudeCodeEnvironment(later, added.record).value, [
    ...others,
    { name: 'API_TIMEOUT_MS', value: '600000' },
  ]);

  const gateway = [{ name: 'ANTHROPIC_BASE_URL', value: 'https://gw.example.com' }];
  const replaced = routeClaudeCodeEnvironment(gateway, PROXY);
  assert.ok(replaced && !('error' in replaced));
  assert.deepEqual(restoreClaudeCodeEnvironment(replaced.value, replaced.record).value, gateway);

  // Unset before → unset after (the setting disappears rather than staying as []).
  const fresh = routeClaudeCodeEnvironment(undefined, PROXY);
  assert.ok(fresh && !('error' in fresh));
  assert.equal(restoreClaudeCodeEnvironment(fresh.value, fresh.record).value, undefined);

  // Re-routing to a new port keeps the value from before Headroom for restore.
  const moved = routeClaudeCodeEnvironment(
    replaced.value,
    'http://127.0.0.1:8788',
    replaced.record as ClaudeCodeSettingRecord,
  );
  assert.ok(moved && !('error' in moved));
  assert.deepEqual(restoreClaudeCodeEnvironment(moved.value, moved.record).value, gateway);

  // A value the user changed after routing is theirs now.
  const changed = [{ name: 'ANTHROPIC_BASE_URL', value: 'https://other.example.com' }];
  assert.deepEqual(restoreClaudeCodeEnvironment(changed, replaced.record).value, changed);
  assert.ok('error' in (routeClaudeCodeEnvironment({ not: 'a list' }, PROXY) as object));
});
