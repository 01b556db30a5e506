/**
 * Issue 16 item 3: after `kill -9`, originals behind markers the provider already had were lost (kept in memory
 * until the next save). Now each original is a file, fsynced, before the request carrying its marker is forwarded.
 * The test kills a real proxy process the moment the fake provider has the request (an event, no sleep), then opens
 * the store in its folder: every id the provider saw redeems, for the owner and for that conversation only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { startFakeProvider, type Received } from '../helpers/fake-provider.js';
import { rawRequest } from '../helpers/raw-http.js';
import { openStore } from '../../core/ccr/store.js';
import { markerIds } from '../../core/ccr/marker.js';
import { sessionScope } from '../../core/ccr/scope.js';
import { sessionKey } from '../../core/proxy/retrieve-sessions.js';
import { contentId } from '../../core/util/hash.js';

const root = join(__dirname, '..', '..');

const log = (name: string, n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `2026-01-0${1 + (i % 9)} 12:00:${String(i % 60).padStart(2, '0')} INFO ${name} worker=${i % 7} handled request ` +
      `${i} status=200 latency=${(i * 37) % 113}ms`,
  ).join('\n');

function conversation(system: string, logs: string[]) {
  const messages: unknown[] = [{ role: 'user', content: 'why is the service slow?' }];
  logs.forEach((text, i) => {
    messages.push({
      role: 'assistant',
      content: [{ type: 'tool_use', id: `t${i}`, name: 'bash', input: { command: `cat ${i}.log` } }],
    });
    messages.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: `t${i}`, content: text }] });
  });
  return {
    model: 'claude-test',
    max_tokens: 10,
    system,
    messages,
    tools: [{ name: 'bash', input_schema: { type: 'object' } }],
  };
}

test('kill -9 right after the provider has the request: every id it received redeems after restart', async () => {
  let received!: (r: Received) => void;
  const got = new Promise<Received>((resolve) => (received = resolve));
  const provider = await startFakeProvider((req) => {
    received(req);
    return { hang: true };
  });
  const home = mkdtempSync(join(tmpdir(), 'hr-kill9-'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'core', 'cli.ts'), 'proxy', '--port', '0', '--anthropic-base', provider.url],
    {
      cwd: root,
      env: { ...process.env, HEADROOM_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const logs = [log('api', 600), log('db', 500), log('cache', 700)];
  const body = conversation('You are a careful engineer.', logs);
  try {
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`proxy exited (${code}) before listening`)));
      child.stdout.on('data', (d) => {
        stdout += d;
        const m = /^listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
        if (m) resolve(m[1]);
      });
    });
    const sent = rawRequest(`${url}/v1/messages`, {
      headers: { 'content-type': 'application/json', 'x-api-key': 'sk-test' },
      body: JSON.stringify(body),
    });
    sent.catch(() => undefined); // the proxy dies mid-request
    const req = await got;
    child.kill('SIGKILL');
    await once(child, 'exit');

    const ids = markerIds(JSON.stringify(req.json<{ messages: unknown }>().messages)); // not the tool description
    assert.ok(ids.length >= 3, `the provider received markers (${ids.length})`);
    const store = await openStore({ dir: home });
    try {
      const scope = sessionScope(sessionKey(body, 'anthropic')!);
      for (const id of ids) {
        assert.ok(store.get(id) !== undefined, `${id} redeems for the owner after kill -9`);
        assert.ok(store.get(id, scope) !== undefined, `${id} redeems in its own conversation`);
        assert.equal(
          store.get(id, sessionScope('another-conversation')),
          undefined,
          `${id} is not readable by another session`,
        );
      }
      for (const text of logs) assert.equal(store.get(contentId(text), scope), text, 'each original, exactly');
    } finally {
      await store.close();
    }
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await provider.close();
  }
});
