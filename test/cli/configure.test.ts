import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, runCli } from './run-cli.js';

before(() => assert.ok(existsSync(cli), 'dist/cli.js is built (npm run build)'));

function world() {
  const root = mkdtempSync(join(tmpdir(), 'hr-configure-'));
  const home = join(root, 'home');
  const hr = join(root, 'headroom');
  const userDir = join(root, 'vscode-user');
  mkdirSync(join(root, 'codex-home'), { recursive: true });
  mkdirSync(userDir, { recursive: true });
  const codex = join(root, 'codex-home', 'config.toml');
  writeFileSync(codex, '# mine\nmodel = "gpt-5"\n');
  const settings = join(userDir, 'settings.json');
  writeFileSync(settings, '{\n  // keep me\n  "editor.tabSize": 2\n}\n');
  const run = (...args: string[]) =>
    runCli(['configure', ...args, '--vscode-user-dir', userDir, '--port', '9911'], {
      home: hr,
      env: { HOME: home, CODEX_HOME: join(root, 'codex-home') },
    });
  return { root, home, hr, codex, settings, run };
}

test(`headroom configure: the plan is a diff and writes nothing; --apply writes; again plans nothing; --restore is \
byte-exact`, () => {
  const w = world();
  const codexBefore = readFileSync(w.codex, 'utf8');
  const settingsBefore = readFileSync(w.settings, 'utf8');
  const plan = w.run('codex', 'copilot-subscription', 'claude-code');
  assert.equal(plan.code, 0, plan.err);
  assert.match(plan.out, /^Codex:\n/);
  assert.ok(plan.out.includes(`--- ${w.codex}\n+++ ${w.codex}\n@@ `), plan.out);
  assert.ok(plan.out.includes('+base_url = "http://127.0.0.1:9911/v1"'));
  assert.ok(plan.out.includes('/copilot/<secret>'), 'the secret is masked');
  const secret = readFileSync(join(w.hr, 'copilot-secret'), 'utf8').trim();
  assert.ok(!plan.out.includes(secret) && !plan.err.includes(secret), 'the secret never reaches the terminal');
  assert.match(plan.out, /Nothing was written\. Run again with --apply/);
  assert.equal(readFileSync(w.codex, 'utf8'), codexBefore);
  assert.equal(readFileSync(w.settings, 'utf8'), settingsBefore);
  assert.equal(existsSync(join(w.home, '.claude', 'settings.json')), false);

  const applied = w.run('codex', 'copilot-subscription', 'claude-code', '--apply');
  assert.equal(applied.code, 0, applied.err);
  assert.match(readFileSync(w.codex, 'utf8'), /model_provider = "headroom"/);
  assert.ok(readFileSync(w.settings, 'utf8').includes(`"http://127.0.0.1:9911/copilot/${secret}"`));
  assert.equal(
    JSON.parse(readFileSync(join(w.home, '.claude', 'settings.json'), 'utf8')).env.ANTHROPIC_BASE_URL,
    'http://127.0.0.1:9911',
  );
  assert.ok(existsSync(join(w.hr, 'agent-backups', 'codex', 'manifest.json')));

  const again = w.run('codex', 'copilot-subscription', 'claude-code', '--json');
  assert.equal(again.code, 0, again.err);
  const doc = JSON.parse(again.out);
  assert.equal(doc.mode, 'plan');
  assert.deepEqual(
    doc.agents.map((a: { agent: string; changes: unknown[] }) => [a.agent, a.changes.length]),
    [
      ['codex', 0],
      ['copilot-subscription', 0],
      ['claude-code', 0],
    ],
  );

  const restored = w.run('codex', 'copilot-subscription', 'claude-code', '--restore');
  assert.equal(restored.code, 0, restored.err);
  assert.equal(readFileSync(w.codex, 'utf8'), codexBefore);
  assert.equal(readFileSync(w.settings, 'utf8'), settingsBefore);
  assert.equal(existsSync(join(w.home, '.claude', 'settings.json')), false);
  const nothing = w.run('codex', '--restore');
  assert.equal(nothing.code, 0);
  assert.match(nothing.out, /Codex: nothing of Headroom's to undo/);
});

test(`headroom configure: usage errors exit 2; an agent that cannot be planned exits 1 and the others still \
are`, () => {
  const w = world();
  const none = w.run();
  assert.equal(none.code, 2);
  assert.match(none.err, /name at least one agent/);
  const bad = w.run('roo');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /unknown agent "roo": choose from claude-code, codex/);
  assert.equal(w.run('codex', '--apply', '--restore').code, 2);
  const mixed = w.run('cline', 'codex', '--apply');
  assert.equal(mixed.code, 1);
  assert.match(mixed.err, /Cline: No Cline settings found/);
  assert.match(readFileSync(w.codex, 'utf8'), /model_provider = "headroom"/, 'codex was still routed');
});
