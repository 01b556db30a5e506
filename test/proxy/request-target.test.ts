import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from '../helpers/proxy-harness.js';
import { startFakeProvider } from '../helpers/fake-provider.js';
import { rawExchange } from '../helpers/raw-socket.js';
import { anthropicJson } from '../helpers/provider-replies.js';

// Issue 16.8: `GET http://127.0.0.1:18001/x` (absolute form) or `GET //127.0.0.1:18001/x` went to that host with every
// client header, x-api-key included; `/v1/../../x` escaped the base path. Only configured upstreams, only normalised
// paths.
test(
  'request targets naming another host, or paths with dot segments, are refused with 400 and never ' + 'forwarded',
  async () => {
    const h = await startHarness(() => ({ body: anthropicJson([{ type: 'text', text: 'ok' }]) }), {});
    const elsewhere = await startFakeProvider(() => ({ body: { stolen: true } }));
    const other = `127.0.0.1:${elsewhere.port}`;
    try {
      const cases: [string, RegExp][] = [
        [`http://${other}/x`, /names a host/],
        [`http://${other}/v1/messages`, /names a host/],
        [`//${other}/x`, /names a host/],
        [`/v1/../../x`, /"\." or "\.\." segments/],
        [`/v1/%2e%2E/%2E./x`, /"\." or "\.\." segments/],
        [`/v1/./models`, /"\." or "\.\." segments/],
      ];
      for (const [target, message] of cases) {
        const r = await rawExchange(
          h.proxy.port,
          `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${h.proxy.port}\r\nx-api-key: sk-secret\r\nConnection: ` +
            `close\r\n\r\n`,
        );
        assert.equal(r.status, 400, `${target}: ${r.text.slice(0, 200)}`);
        const err = (JSON.parse(r.body) as { error: { type: string; message: string } }).error;
        assert.equal(err.type, 'invalid_request_target');
        assert.match(err.message, message, target);
        assert.ok(!r.text.includes('sk-secret'));
      }
      for (const method of ['CONNECT', 'OPTIONS']) {
        const target = method === 'CONNECT' ? other : '*';
        const r = await rawExchange(
          h.proxy.port,
          `${method} ${target} HTTP/1.1\r\nHost: ${other}\r\nx-api-key: sk-secret\r\nConnection: close\r\n\r\n`,
        );
        assert.ok(
          r.status === undefined || r.status === 400 || r.status === 403,
          `${method} ${target}: ${r.text.slice(0, 200)}`,
        );
      }
      // an upgrade with an absolute-form target is refused the same way
      const ws = await rawExchange(
        h.proxy.port,
        `GET http://${other}/v1/realtime HTTP/1.1\r\nHost: 127.0.0.1:${h.proxy.port}\r\nConnection: ` +
          `Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ` +
          `dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
      );
      assert.equal(ws.status, 400, ws.text.slice(0, 200));
      assert.equal(elsewhere.received.length, 0, 'nothing reached the other host');
      assert.equal(h.provider.received.length, 0, 'nothing reached the upstream either');

      // origin-form paths still work, passthrough included
      const ok = await rawExchange(
        h.proxy.port,
        `GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1:${h.proxy.port}\r\nx-api-key: k\r\nConnection: close\r\n\r\n`,
      );
      assert.equal(ok.status, 200);
      assert.equal(h.provider.received[0].url, '/v1/models');
    } finally {
      await elsewhere.close();
      await h.close();
    }
  },
);
