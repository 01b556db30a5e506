import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { startProxy } from '../../core/proxy/start-proxy.js';
import { MemoryStore } from '../helpers/memory-store.js';
import { lineCompressBody } from '../helpers/line-compress.js';

// Issue 16 (load): a client that stops reading a streamed answer pinned the exchange for as long as it stayed
// connected. Now the provider is held back by backpressure, and after the slow-reader timeout both sides are closed
// and a warning says so. The test waits on those events; the timeout is the proxy's own timer.

/** A provider that streams without end, writing only when its socket drains (so what it wrote is what was taken). */
async function endlessProvider() {
  let written = 0;
  let closed!: () => void;
  const done = new Promise<void>((r) => (closed = r));
  const chunk = Buffer.from(`data: ${'x'.repeat(64 * 1024)}\n\n`);
  const server = http.createServer(async (req, res) => {
    for await (const _ of req);
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.once('close', closed);
    while (!res.destroyed) {
      written += chunk.length;
      if (!res.write(chunk)) await once(res, 'drain'); // never comes once cut: the loop just stops there
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    written: () => written,
    closed: done,
    close: () => (server.closeAllConnections(), server.close()),
  };
}

test('a client that stops reading its stream is let go after the slow-reader timeout, and the upstream request with ' +
  'it', {
  timeout: 30_000,
}, async () => {
  const provider = await endlessProvider();
  const proxy = await startProxy({
    store: new MemoryStore(),
    compressBody: lineCompressBody,
    port: 0,
    bases: { anthropic: provider.url },
    slowReaderTimeoutMs: 300,
  });
  const client = net.connect(proxy.port, '127.0.0.1');
  try {
    const warned = once(proxy.events, 'warning');
    const body = JSON.stringify({
      model: 'm',
      max_tokens: 1,
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    await once(client, 'connect');
    client.pause(); // reads nothing, ever
    client.write(
      `POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1:${proxy.port}\r\nContent-Type: ` +
        `application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );

    const [warning] = (await warned) as [{ message: string }];
    assert.match(
      warning.message,
      new RegExp(
        /^POST \/v1\/messages: the client took nothing of its answer for 300 ms \(\d+ bytes waiting\); /.source +
          /closed it and the upstream request$/.source,
      ),
    );
    const waiting = Number(/\((\d+) bytes waiting\)/.exec(warning.message)![1]);
    assert.ok(waiting < 1024 * 1024, `the proxy holds at most about one chunk for the client (held ${waiting} bytes)`);
    await provider.closed; // the upstream response was aborted
    // backpressure reached the provider: it wrote only what socket buffers hold, not an endless stream
    assert.ok(provider.written() < 64 * 1024 * 1024, `provider wrote ${provider.written()} bytes`);
  } finally {
    client.destroy();
    await proxy.close();
    provider.close();
  }
});

test('a client that reads slowly but steadily is not cut', { timeout: 30_000 }, async () => {
  const chunks = 50;
  const server = http.createServer(async (req, res) => {
    for await (const _ of req);
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    for (let i = 0; i < chunks; i++) if (!res.write(`data: ${'y'.repeat(256 * 1024)}\n\n`)) await once(res, 'drain');
    res.end('data: [DONE]\n\n');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const proxy = await startProxy({
    store: new MemoryStore(),
    compressBody: lineCompressBody,
    port: 0,
    bases: { anthropic: `http://127.0.0.1:${(server.address() as AddressInfo).port}` },
    slowReaderTimeoutMs: 5_000,
  });
  const warnings: string[] = [];
  proxy.events.on('warning', (w) => warnings.push(w.message));
  try {
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = http.request(
        `${proxy.url}/v1/messages`,
        { method: 'POST', headers: { 'content-type': 'application/json' } },
        resolve,
      );
      req.on('error', reject);
      req.end(JSON.stringify({ model: 'm', max_tokens: 1, stream: true, messages: [{ role: 'user', content: 'hi' }] }));
    });
    let bytes = 0;
    // read one chunk per turn of the event loop: slow, but always taking
    for await (const c of res) {
      bytes += (c as Buffer).length;
      await new Promise((r) => setImmediate(r));
    }
    assert.ok(bytes > chunks * 256 * 1024, 'the whole stream arrived');
    assert.deepEqual(warnings, []);
  } finally {
    await proxy.close();
    server.closeAllConnections();
    server.close();
  }
});
