import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../core/ccr/store.js';
import { RetrieveSessions, sessionKey } from '../../core/proxy/retrieve-sessions.js';

test('session key: system + first user message; a moved cache_control or a longer conversation keeps it', () => {
  const first = {
    role: 'user',
    content: [{ type: 'text', text: 'fix the bug', cache_control: { type: 'ephemeral' } }],
  };
  const a = sessionKey({ system: 'S', messages: [first] }, 'anthropic');
  const b = sessionKey(
    {
      system: 'S',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'fix the bug' }] },
        { role: 'assistant', content: 'ok' },
      ],
    },
    'anthropic',
  );
  assert.ok(a);
  assert.equal(a, b);
  assert.notEqual(sessionKey({ system: 'other', messages: [first] }, 'anthropic'), a);
  assert.notEqual(sessionKey({ system: 'S', messages: [first] }, 'openai-chat'), a, 'providers never share a session');
  assert.equal(sessionKey({ messages: [] }, 'anthropic'), undefined);
  assert.equal(
    sessionKey(
      {
        instructions: 'I',
        input: [
          { role: 'user', content: 'q' },
          { type: 'function_call_output', output: 'x' },
        ],
      },
      'openai-responses',
    ),
    sessionKey({ instructions: 'I', input: [{ role: 'user', content: 'q' }] }, 'openai-responses'),
  );
});

test('a session that got the retrieve tool keeps it after a restart (kept in the store)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hr-sessions-'));
  let store = await openStore({ dir });
  new RetrieveSessions(store).add('session-1');
  await store.close();
  store = await openStore({ dir });
  try {
    const sessions = new RetrieveSessions(store);
    assert.equal(sessions.has('session-1'), true);
    assert.equal(sessions.has('session-2'), false);
  } finally {
    await store.close();
  }
});
