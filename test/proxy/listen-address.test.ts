import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLoopback, reachableNames, remoteExposureNotice } from '../../core/proxy/listen-address.js';
import { startProxy } from '../../core/proxy/start-proxy.js';
import { normalizeBases } from '../../core/providers/upstream-url.js';
import { proxyCommand } from '../../core/cli/proxy-command.js';
import { MemoryStore } from '../helpers/memory-store.js';
import type { CliIo } from '../../core/cli/io.js';

// Issue 16.9: `--host 0.0.0.0` listened on every interface without a word. Nothing here binds anything but loopback:
// every non-loopback case must be refused before listening.

test('loopback addresses are told apart from everything else', () => {
  for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', '::ffff:127.0.0.1'])
    assert.equal(isLoopback(h), true, h);
  for (const h of [
    '0.0.0.0',
    '::',
    '[::]',
    '192.168.1.5',
    '10.0.0.1',
    'myhost',
    '::ffff:10.0.0.1',
    '128.0.0.1',
    'localhost.example',
  ])
    assert.equal(isLoopback(h), false, h);
});

test('the names a remote client would use: the address itself, or every external interface and the host name', () => {
  const ifaces = {
    lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
    eth0: [
      { address: '192.168.1.5', family: 'IPv4', internal: false },
      { address: 'fe80::1', family: 'IPv6', internal: false },
    ],
  } as unknown as NodeJS.Dict<import('node:os').NetworkInterfaceInfo[]>;
  assert.deepEqual(reachableNames('0.0.0.0', ifaces, 'Box'), ['192.168.1.5', 'box']);
  assert.deepEqual(reachableNames('::', ifaces, 'box'), ['192.168.1.5', '[fe80::1]', 'box']);
  assert.deepEqual(reachableNames('192.168.1.5', ifaces, 'box'), ['192.168.1.5']);
  const notice = remoteExposureNotice('0.0.0.0', 8787, ['192.168.1.5', 'box'], normalizeBases());
  assert.match(notice, /listening on 0\.0\.0\.0:8787, beyond this machine/);
  assert.match(notice, /http:\/\/192\.168\.1\.5:8787, http:\/\/box:8787/);
  assert.match(notice, /send requests through the proxy to anthropic https:\/\/api\.anthropic\.com\/v1/);
  assert.match(notice, /read \/stats/);
  assert.match(notice, /stored originals/);
});

test('a non-loopback host is refused without allowRemote / --allow-remote, before anything listens', async () => {
  for (const host of ['0.0.0.0', '::', '192.168.1.5']) {
    await assert.rejects(
      startProxy({ store: new MemoryStore(), host, port: 0 }),
      /--host .* would listen beyond this machine.*add --allow-remote/,
      host,
    );
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      out: (d) => void out.push(String(d)),
      err: (l) => void err.push(l),
      debug: () => undefined,
      env: {},
    };
    assert.equal(await proxyCommand(['--host', host, '--port', '0'], io), 2, host);
    assert.match(
      err.join('\n'),
      new RegExp(
        `headroom proxy: --host ${host.replace(/\./g, '\\.')} would listen beyond this machine, and the proxy has no ` +
          `authentication of its own`,
      ),
    );
    assert.deepEqual(out, [], 'nothing listened');
  }
});
