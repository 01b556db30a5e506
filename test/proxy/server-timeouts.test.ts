import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from '../helpers/proxy-harness.js';
import { startFakeProvider } from '../helpers/fake-provider.js';
import { rawExchange } from '../helpers/raw-socket.js';
import { anthropicSse } from '../helpers/provider-replies.js';
import { rawRequest } from '../helpers/raw-http.js';
import { proxyCommand } from '../../core/cli/proxy-command.js';
import type { CliIo } from '../../core/cli/io.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Issue 16.10: stalled connections (no bytes, partial headers, a byte now and then) stayed open for good. The
// deadlines are the proxy's own timers; the tests wait for the connection to close, never on a clock. The test timeout
// is how the old behaviour (never closed) shows.
const timeouts = { headersTimeoutMs: 200, requestTimeoutMs: 400, idleTimeoutMs: 300 };

test('stalled client connections are closed: nothing sent, partial headers, a body that never completes, an idle ' +
  'keep-alive', {
  timeout: 20_000,
}, async () => {
  const h = await startHarness(
    () => ({
      chunks: anthropicSse([{ type: 'text', text: 'a streamed answer that outlives the request timeout' }]),
      delayMs: 100,
    }),
    { timeouts },
  );
  try {
    const host = `Host: 127.0.0.1:${h.proxy.port}\r\n`;
    const [silent, partial, body, idle] = await Promise.all([
      rawExchange(h.proxy.port, ''),
      rawExchange(h.proxy.port, `GET /health HTTP/1.1\r\n${host}X-Slow: `),
      rawExchange(
        h.proxy.port,
        `POST /v1/messages HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"model":`,
      ),
      rawExchange(h.proxy.port, `GET /health HTTP/1.1\r\n${host}\r\n`),
    ]);
    assert.equal(silent.status, 408, 'a connection that sends nothing');
    assert.equal(partial.status, 408, 'headers that never end');
    assert.equal(body.status, 408, 'a body that never arrives');
    assert.equal(idle.status, 200, 'a kept-alive connection is answered, then closed when idle');
    assert.equal(h.provider.received.length, 0);

    // a streamed answer may run longer than the request timeout: that deadline covers receiving the request only
    const params = { model: 'claude-test', max_tokens: 5, stream: true, messages: [{ role: 'user', content: 'hi' }] };
    const r = await rawRequest(`${h.proxy.url}/v1/messages`, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params),
    });
    assert.equal(r.status, 200);
    assert.match(r.text, /message_stop/);
    assert.ok(
      h.provider.received[0].sentAt.at(-1)! - h.provider.received[0].sentAt[0] > timeouts.requestTimeoutMs,
      'the stream outlived the request timeout',
    );
  } finally {
    await h.close();
  }
});

function io(env: NodeJS.ProcessEnv = {}) {
  const err: string[] = [];
  let listening!: (url: string) => void;
  const url = new Promise<string>((r) => (listening = r));
  const cli: CliIo = {
    out: (d) => listening(/^listening on (\S+)\n$/.exec(String(d))![1]),
    err: (l) => void err.push(l),
    debug: () => undefined,
    env,
  };
  return { cli, err, url };
}

test('headroom proxy: timeout flags are checked and reach the server and the upstream requests', {
  timeout: 20_000,
}, async () => {
  for (const [args, message] of [
    [
      ['--headers-timeout-ms', '0'],
      /--headers-timeout-ms must be a whole number of milliseconds from 1 to 86400000, got "0"/,
    ],
    [['--upstream-idle-timeout-ms', '1.5'], /--upstream-idle-timeout-ms must be a whole number/],
    [
      ['--headers-timeout-ms', '5000', '--request-timeout-ms', '1000'],
      /--headers-timeout-ms \(5000\) cannot be longer than --request-timeout-ms \(1000\)/,
    ],
  ] as const) {
    const { cli, err } = io();
    assert.equal(await proxyCommand([...args], cli), 2, args.join(' '));
    assert.match(err.join('\n'), message);
  }

  const provider = await startFakeProvider(() => ({ hang: true }));
  const { cli, url } = io({ HEADROOM_HOME: mkdtempSync(join(tmpdir(), 'hr-timeouts-')) });
  let stop!: () => void;
  const done = proxyCommand(
    [
      '--port',
      '0',
      '--anthropic-base',
      provider.url,
      '--headers-timeout-ms',
      '200',
      '--request-timeout-ms',
      '400',
      '--idle-timeout-ms',
      '300',
      '--upstream-idle-timeout-ms',
      '200',
    ],
    cli,
    { stopSignal: new Promise<void>((r) => (stop = r)) },
  );
  try {
    const base = await url;
    const port = Number(new URL(base).port);
    assert.equal((await rawExchange(port, '')).status, 408, '--headers-timeout-ms');
    const r = await rawRequest(`${base}/v1/messages`, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(r.status, 504, '--upstream-idle-timeout-ms');
    assert.match(JSON.parse(r.text).error.message, /upstream sent nothing for 200 ms/);
  } finally {
    stop();
    assert.equal(await done, 0);
    await provider.close();
  }
});
