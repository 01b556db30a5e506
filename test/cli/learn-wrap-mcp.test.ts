import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { oneLine, runCli } from './run-cli.js';
import { stage } from '../learn/helpers.js';

test('learn with no logs in a narrow window keeps the lessons already written', () => {
  const s = stage(['codex']);
  const env = { HOME: s.home };
  // the recorded runs are from 2026-11-29: a wide window finds them
  const apply = runCli(['learn', '-w', s.workspace, '--apply', '--days', '36500'], { env });
  assert.equal(apply.code, 0, apply.err);
  const agents = readFileSync(join(s.workspace, 'AGENTS.md'), 'utf8');
  assert.ok(agents.includes('<!-- headroom:learn:start -->'));

  const narrow = runCli(['learn', '-w', s.workspace, '--days', '1'], { env });
  assert.equal(narrow.code, 0, narrow.err);
  assert.match(narrow.out, /^No agent session logs from the last 1 day found for /);
  assert.match(narrow.out, /Nothing to change: lessons already written are kept until they expire\.\n$/);
  assert.doesNotMatch(narrow.out, /^-/m, 'no diff removing lines');
  assert.equal(runCli(['learn', '-w', s.workspace, '--days', '1', '--apply'], { env }).code, 0);
  assert.equal(readFileSync(join(s.workspace, 'AGENTS.md'), 'utf8'), agents);
});

test('wrap checks the agent before starting a proxy: --bin that does not exist, an agent not on PATH', () => {
  const bin = runCli(['wrap', 'aider', '--bin', '/nonexistent/aider', '--', '--version']);
  assert.equal(bin.code, 127);
  assert.ok(oneLine(bin.err), bin.err);
  assert.match(
    bin.err,
    /^headroom wrap: cannot run aider: \/nonexistent\/aider does not exist \(give --bin the path of an executable\)/,
  );
  const emptyPath = mkdtempSync(join(tmpdir(), 'hr-path-'));
  const path = runCli(['wrap', 'aider'], { env: { PATH: emptyPath } });
  assert.equal(path.code, 127);
  assert.ok(oneLine(path.err), path.err);
  assert.match(path.err, /aider is not on PATH \(install it, or give --bin PATH\)/);
  assert.doesNotMatch(bin.err + path.err, /proxy/, 'no proxy was looked for or started');
});

test('mcp --workspace that is not a folder is rejected like learn: exit 2, one line', () => {
  for (const cmd of ['mcp', 'learn']) {
    const r = runCli([cmd, '--workspace', '/nonexistent/ws']);
    assert.equal(r.code, 2, `${cmd}: ${r.err}`);
    assert.ok(oneLine(r.err), r.err);
    assert.match(r.err, /\/nonexistent\/ws is not a folder/);
  }
});
