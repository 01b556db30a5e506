// A keep-alive socket the provider closed while it sat in the pool: the next request on it fails before any
// response byte. It never reached the provider, so a replayable request is sent again on another socket.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo, Socket } from 'node:net';
import { Readable } from 'node:stream';
import { createUpstreamPools, sendUpstream, UpstreamError } from '../../core/proxy/upstream-request.js';

/** Answers the first request on each socket; the second on the same socket finds it closed (as an idle close would). */
async function providerThatDropsReusedSockets() {
  const perSocket = new Map<Socket, number>();
  const bodies: string[] = [];
  const server = http.createServer(async (req, res) => {
    const n = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, n);
    let body = '';
    for await (const chunk of req) body += chunk;
    if (n > 1) return req.socket.destroy();
    bodies.push(body);
    res.end(`ok ${bodies.length}`);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/messages`);
  return { server, url, bodies, sockets: () => perSocket.size };
}

async function readAll(res: http.IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of res) text += chunk;
  return text;
}

test('a buffered request that meets a closed pooled socket is sent again on a new one, once', async () => {
  const p = await providerThatDropsReusedSockets();
  const pools = createUpstreamPools();
  try {
    const call = (body: string) => ({
      url: p.url,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(body),
      upstreamPools: pools,
      signal: new AbortController().signal,
      idleTimeoutMs: 30_000,
    });
    const freed = once(pools.http, 'free'); // the first socket is back in the pool before the second request
    assert.equal(await readAll(await sendUpstream(call('{"a":1}'))), 'ok 1');
    await freed;
    const second = await sendUpstream(call('{"b":2}'));
    assert.equal(second.statusCode, 200);
    assert.equal(await readAll(second), 'ok 2');
    assert.deepEqual(p.bodies, ['{"a":1}', '{"b":2}'], 'the provider answered each body once, byte for byte');
    assert.equal(p.sockets(), 2, 'the retry went out on a new socket');
  } finally {
    pools.http.destroy();
    p.server.close();
  }
});

test('a streamed body cannot be replayed: the closed socket is the client’s 502', async () => {
  const p = await providerThatDropsReusedSockets();
  const pools = createUpstreamPools();
  try {
    const base = { url: p.url, method: 'POST', headers: {}, upstreamPools: pools, idleTimeoutMs: 30_000 };
    const freed = once(pools.http, 'free');
    await readAll(await sendUpstream({ ...base, body: Buffer.from('x'), signal: new AbortController().signal }));
    await freed;
    await assert.rejects(
      sendUpstream({ ...base, body: Readable.from([Buffer.from('y')]), signal: new AbortController().signal }),
      (e: unknown) => e instanceof UpstreamError && e.status === 502,
    );
    assert.deepEqual(p.bodies, ['x']);
  } finally {
    pools.http.destroy();
    p.server.close();
  }
});
