/**
 * Issue 16 item 6: session B (another system prompt and first message) received session A's stored original through a
 * retrieve round. Originals are stored under the conversation that sent them; a retrieve round reads only its own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness } from '../helpers/proxy-harness.js';
import { anthropicJson } from '../helpers/provider-replies.js';
import { toolLog } from '../helpers/line-compress.js';
import { rawRequest } from '../helpers/raw-http.js';
import type { Received } from '../helpers/fake-provider.js';
import { openStore } from '../../core/ccr/store.js';

const tools = [{ name: 'Bash', input_schema: { type: 'object', properties: { command: { type: 'string' } } } }];
const body = (system: string, question: string, log: string) =>
  JSON.stringify({
    model: 'claude-test',
    max_tokens: 100,
    system,
    tools,
    messages: [
      { role: 'user', content: question },
      {
        role: 'assistant',
        content: [{ type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'cat w.log' } }],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: log }] },
    ],
  });
const markerId = (r: Received) => /lines omitted · retrieve (hr_[0-9a-f]{16})/.exec(r.text)![1];
type Msg = { role: string; content: { type: string; content?: string; is_error?: boolean }[] };

test('a retrieve round in session B cannot read the original session A stored; A reads its own', async () => {
  const store = await openStore({ dir: join(mkdtempSync(join(tmpdir(), 'hr-scope-')), 'home') });
  const secretLog = toolLog(41).replace('handled job 41003', 'handled job 41003 token=SECRET-OF-A');
  let idA = '';
  let wantId = '';
  const h = await startHarness(
    (req) => {
      // the continuation carries the retrieve call back: answer it with text
      if (req.text.includes('"toolu_r1"')) return { body: anthropicJson([{ type: 'text', text: 'done' }]) };
      return {
        body: anthropicJson([{ type: 'tool_use', id: 'toolu_r1', name: 'headroom_retrieve', input: { id: wantId } }]),
      };
    },
    { store },
  );
  try {
    const send = (b: string) =>
      rawRequest(`${h.proxy.url}/v1/messages`, {
        headers: { 'content-type': 'application/json', 'x-api-key': 'k' },
        body: b,
      });
    // Session A: its own retrieve round is answered with the original.
    wantId = 'hr_0000000000000000';
    const a = await send(body('system of A', 'what did job 41003 do?', secretLog));
    assert.equal(a.status, 200);
    idA = markerId(h.provider.received[0]);
    const aAnswer = h.provider.received[1].json<{ messages: Msg[] }>().messages.at(-1)!.content[0];
    assert.match(aAnswer.content ?? '', /no content is stored/, 'a made-up id finds nothing');

    wantId = idA;
    const a2 = await send(body('system of A', 'what did job 41003 do?', secretLog));
    assert.equal(a2.status, 200);
    const ownAnswer = h.provider.received.at(-1)!.json<{ messages: Msg[] }>().messages.at(-1)!.content[0];
    assert.ok(ownAnswer.content?.includes('SECRET-OF-A'), 'session A redeems its own id');

    // Session B: other system prompt and question, its own (different) tool output; asks for A's id.
    const before = h.provider.received.length;
    const b = await send(body('system of B', 'is the cache warm?', toolLog(77)));
    assert.equal(b.status, 200);
    const bRound = h.provider.received.slice(before);
    assert.equal(bRound.length, 2, 'B had a retrieve round');
    const bAnswer = bRound[1].json<{ messages: Msg[] }>().messages.at(-1)!.content[0];
    assert.equal(bAnswer.type, 'tool_result');
    assert.match(bAnswer.content ?? '', new RegExp(`no content is stored under "${idA}"`));
    assert.ok(!bRound[1].text.includes('SECRET-OF-A'), "A's original never reaches B's provider request");
    assert.ok(store.get(idA)?.includes('SECRET-OF-A'), 'the owner (CLI, extension) still reads it');
  } finally {
    await h.close();
    await store.close();
  }
});
