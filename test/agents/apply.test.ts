import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { applyChanges, ApplyRefusedError, planRestore } from '../../core/agents/index.js';
import { readManifest } from '../../core/agents/edit/manifest.js';
import { fixture, plan, restorePlan, route, routesFile, sandbox } from './helpers.js';

test('apply refuses, writing nothing at all, when a file changed after planning', () => {
  const s = sandbox();
  try {
    const state = s.put('.cline/data/globalState.json', fixture('cline/globalState.json'));
    const providers = s.put('.cline/data/settings/providers.json', fixture('cline/providers-anth.json'));
    const changes = plan('cline', s);
    // Cline saves a setting between the dialog and the click: the second file differs from what was shown.
    const theirs = fixture('cline/providers-anth.json').replace(
      '"lastUsedProvider": "anthropic"',
      '"lastUsedProvider": "openai-compatible"',
    );
    writeFileSync(providers, theirs);
    assert.throws(
      () => applyChanges(changes, s.backupDir),
      (e: Error) => e instanceof ApplyRefusedError && e.message.includes(providers),
    );
    assert.equal(s.read(state), fixture('cline/globalState.json'), 'the first file was not written either');
    assert.equal(s.read(providers), theirs);
    assert.equal(existsSync(s.backupDir), false, 'no backup, no manifest');
  } finally {
    s.cleanup();
  }
});

test(`apply backs up the original, records the edits in a manifest, keeps the file mode; restore clears the \
manifest`, () => {
  const s = sandbox();
  try {
    const original = fixture('cline/providers-oai.json');
    const file = s.put('.cline/data/settings/providers.json', original);
    chmodSync(file, 0o600);
    const rec = applyChanges(plan('cline', s), s.backupDir, new Date('2026-01-02T03:04:05Z'));
    // The custom endpoint's own route is created first (0600: it is Headroom's), then the agent's file is written.
    assert.deepEqual(
      rec.files.map((f) => [f.file, f.action]),
      [
        [routesFile(s), 'created'],
        [file, 'written'],
      ],
    );
    assert.equal(statSync(routesFile(s)).mode & 0o777, 0o600);
    assert.equal(readFileSync(rec.files[1].backupPath!, 'utf8'), original);
    assert.equal(statSync(file).mode & 0o777, 0o600, 'a key-holding file stays private');
    const m = readManifest(s.backupDir, 'cline')!;
    assert.equal(m.updatedAt, '2026-01-02T03:04:05.000Z');
    assert.deepEqual(
      m.files.map((f) => f.file),
      [routesFile(s), file],
    );
    assert.equal(m.files[1].originalBackup, rec.files[1].backupPath);
    const via = `${route('cline', 'http://127.0.0.1:18080/v1')}/v1`;
    assert.deepEqual(
      m.files[1].edits.map((e) => [e.kind, e.label, e.value]),
      [['replace', 'providers.openai-compatible.settings.baseUrl', via]],
    );

    const undo = restorePlan('cline', s);
    assert.deepEqual(
      undo.map((c) => [c.kind, c.after]),
      [
        ['restore', null],
        ['restore', original],
      ],
    );
    const rec2 = applyChanges(undo, s.backupDir);
    assert.equal(
      readFileSync(rec2.files[1].backupPath!, 'utf8'),
      original.replace('"http://127.0.0.1:18080/v1"', `"${via}"`),
      'the routed content is backed up too',
    );
    assert.equal(s.read(file), original);
    assert.equal(existsSync(routesFile(s)), false, 'the route Headroom created is gone again');
    assert.equal(readManifest(s.backupDir, 'cline'), null, 'nothing left to undo');
    const again = planRestore('cline', s.env, s.backupDir);
    assert.ok('error' in again && /no recorded changes/.test(again.error));
  } finally {
    s.cleanup();
  }
});

test('restore never rewrites a file that no longer parses', () => {
  const s = sandbox();
  try {
    const file = s.put('.claude/settings.json', fixture('claude/settings.json'));
    applyChanges(plan('claude-code', s), s.backupDir);
    const broken = s.read(file).replace('"model": "claude-sonnet-4-5"', '"model": claude-sonnet-4-5');
    writeFileSync(file, broken);
    const r = planRestore('claude-code', s.env, s.backupDir);
    assert.ok('error' in r && r.error.includes(file) && /Headroom did not change it/.test(r.error), JSON.stringify(r));
    assert.equal(s.read(file), broken);
  } finally {
    s.cleanup();
  }
});

test('restore after the user emptied or deleted the file has nothing to undo and clears the manifest', () => {
  const s = sandbox();
  try {
    const file = s.put('.codex/config.toml', fixture('codex/config.toml'));
    applyChanges(plan('codex', s), s.backupDir);
    writeFileSync(file, '');
    // An empty TOML document is valid; restore removes nothing and keeps the (user's) empty file.
    const r = restorePlan('codex', s);
    const c = r.find((x) => x.file === file)!;
    assert.ok(
      c.summary.every((l) => /already removed|no longer present/.test(l)),
      c.summary.join('\n'),
    );
    applyChanges(r, s.backupDir);
    assert.equal(s.read(file), '');
    assert.equal(readManifest(s.backupDir, 'codex'), null);

    const settings = s.put('.claude/settings.json', fixture('claude/settings.json'));
    applyChanges(plan('claude-code', s), s.backupDir);
    rmSync(settings);
    const gone = restorePlan('claude-code', s);
    assert.deepEqual([gone[0].before, gone[0].after], [null, null]);
    applyChanges(gone, s.backupDir);
    assert.equal(existsSync(settings), false, 'restore does not resurrect a file the user deleted');
    assert.equal(readManifest(s.backupDir, 'claude-code'), null);
  } finally {
    s.cleanup();
  }
});

test(`agentsToMove: after a port change, exactly the agents Headroom routed whose values still name the old \
port`, async () => {
  const { agentsToMove } = await import('../../core/agents/index.js');
  const s = sandbox();
  try {
    s.put('.codex/config.toml', fixture('codex/config.toml'));
    s.put('.claude/settings.json', fixture('claude/settings.json'));
    applyChanges(plan('codex', s), s.backupDir);
    applyChanges(plan('claude-code', s), s.backupDir);
    assert.deepEqual(agentsToMove(s.env, 'http://127.0.0.1:8787', s.backupDir), [], 'same port: nothing to move');
    assert.deepEqual(agentsToMove(s.env, 'http://127.0.0.1:8790', s.backupDir), ['claude-code', 'codex']);
    applyChanges(plan('codex', s, 'http://127.0.0.1:8790'), s.backupDir);
    assert.deepEqual(agentsToMove(s.env, 'http://127.0.0.1:8790', s.backupDir), ['claude-code']);
  } finally {
    s.cleanup();
  }
});
