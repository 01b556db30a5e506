import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { learn } from '../../core/learn/index.js';
import { encodeClaudeProject } from '../../core/learn/sources/claude.js';
import { NOW, put, RUN_TIME, stage } from './helpers.js';

test('corrupt and unknown lines are skipped and counted; the rest of the session still teaches', async () => {
  const s = stage(['claude', 'codex']);
  const dir = join(s.home, '.claude', 'projects', encodeClaudeProject(s.workspace));
  const file = join(dir, '188c6f95-b73d-410d-b96c-45eed2b82743.jsonl');
  const lines = readFileSync(file, 'utf8').split('\n');
  // garbage between real records: truncated JSON, binary noise, an unknown record type, a bare string
  lines.splice(
    3,
    0,
    '{"type":"user","message":{"role":"user","content":[{"type":"tool_res',
    '\u0000\u0001\u0002 binary',
    '{"type":"brand-new-record","x":1}',
    '"just a string"',
  );
  writeFileSync(file, lines.join('\n'));
  put(dir, 'empty.jsonl', '');
  put(dir, 'not-json.jsonl', 'hello\nworld\n');
  // a Codex rollout cut off mid-line
  put(
    s.home,
    '.codex/sessions/2026/11/29/rollout-cut.jsonl',
    JSON.stringify({
      type: 'session_meta',
      payload: { id: 'cut', cwd: s.workspace },
      timestamp: new Date(RUN_TIME).toISOString(),
    }) + '\n{"type":"response_item","payload":{"type":"function_call","na',
  );
  const r = await learn({ workspace: s.workspace, home: s.home, env: {}, now: NOW });
  assert.equal(r.linesSkipped, 6, 'truncated record, binary line, two not-json lines, bare string; the cut Codex line');
  assert.ok(r.lessons.some((l) => l.text.startsWith('Run tests with `npm test` (not `npm run tset`')));
});

test('a workspace with no logs: zero sessions, an empty block and a clear summary', async () => {
  const root = mkdtempSync(join(tmpdir(), 'hr-learn-empty-'));
  const r = await learn({ workspace: join(root), home: join(root, 'nohome'), env: {}, now: NOW, vscodeUserDirs: [] });
  assert.equal(r.sessionsRead, 0);
  assert.equal(r.block, '');
  assert.deepEqual(r.lessons, []);
  assert.match(r.summary, /^No agent session logs from the last 30 days found for /);
  assert.ok(r.searched.some((p) => p.endsWith(join('.claude', 'projects', encodeClaudeProject(root)))));
});

test(`a JSON session file that is not JSON at all, or is another tool’s file, is skipped without failing the \
run`, async () => {
  const s = stage(['continue']);
  put(
    s.home,
    '.continue/sessions/broken.json',
    '{"sessionId": "b", "workspaceDirectory": "' +
      s.workspace +
      '", "history": [{"message": {"role": "user", "content": "hi"}}, {"message": ',
  );
  put(s.home, '.continue/sessions/weird.json', '[1, 2, 3]');
  put(s.home, '.continue/sessions/binary.json', Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x22]).toString('latin1'));
  const r = await learn({ workspace: s.workspace, home: s.home, env: {}, now: NOW });
  assert.equal(r.bySource.continue, 4, 'the three recorded sessions and the readable part of the truncated one');
  assert.ok(r.lessons.length > 0);
});
