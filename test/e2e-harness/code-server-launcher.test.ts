// The e2e suites' code-server launcher (test/e2e/lib/code-server.ts) against a stand-in server: a Node script that
// writes what code-server writes, starts a child of its own (as code-server starts its extension host) and runs
// until it is stopped.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { startCodeServer } from '../e2e/lib/code-server.js';
import { onNode, until } from '../e2e/lib/until.js';

/** A Linux process that still runs (a zombie has ended: only its parent has not collected it yet). */
function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

function standIn(dir: string, script: string): string {
  const bin = path.join(dir, 'fake-code-server');
  fs.writeFileSync(bin, `#!${process.execPath}\n${script}`);
  fs.chmodSync(bin, 0o755);
  return bin;
}

test('starts once the server says it listens, writes the settings, and stop() ends the whole tree', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-launcher-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const pids = path.join(dir, 'pids');
  // the stand-in's child connects here: its connection closing is the event that says the child has ended (a process
  // table check right after the kill could still see it on its way out)
  const hub = net.createServer();
  t.after(() => hub.close());
  await new Promise<void>((r) => hub.listen(0, '127.0.0.1', r));
  const hubPort = (hub.address() as net.AddressInfo).port;
  const connected = once(hub, 'connection') as Promise<[net.Socket]>;
  const bin = standIn(
    dir,
    `const { spawn } = require('child_process');
const port = process.argv[process.argv.indexOf('--bind-addr') + 1];
// a child that ignores SIGTERM (an extension host slow to stop): the launcher must still end it
const child = spawn(
  process.execPath,
  [
    '-e',
    "process.on('SIGTERM', () => {}); require('net').connect(${hubPort}, '127.0.0.1', () => process.send('ready'));",
  ],
  { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
);
child.once('message', () => {
  require('fs').writeFileSync(${JSON.stringify(pids)}, process.pid + ' ' + child.pid);
  console.log('[2026-12-07T20:00:00.000Z] info  HTTP server listening on http://' + port + '/');
});
setInterval(() => {}, 1e6);`,
  );
  const server = await startCodeServer({
    bin,
    userDataDir: path.join(dir, 'ud'),
    extensionsDir: path.join(dir, 'ext'),
    env: process.env,
    port: 45_678,
    userSettings: { 'git.enabled': false },
    machineSettings: { 'headroom.port': 0 },
  });
  assert.equal(server.url, 'http://127.0.0.1:45678');
  assert.match(server.log(), /HTTP server listening on http:\/\/127\.0\.0\.1:45678\//);
  assert.equal(server.windowUrl('/w s', { payload: '[1]' }), 'http://127.0.0.1:45678/?folder=%2Fw+s&payload=%5B1%5D');
  const user = JSON.parse(fs.readFileSync(path.join(dir, 'ud', 'User', 'settings.json'), 'utf8'));
  assert.equal(user['git.enabled'], false);
  assert.equal(user['telemetry.telemetryLevel'], 'off', 'the quiet defaults under the given settings');
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, 'ud', 'Machine', 'settings.json'), 'utf8')), {
    'headroom.port': 0,
  });
  const [serverPid, childPid] = fs.readFileSync(pids, 'utf8').split(' ').map(Number);
  assert.ok(alive(serverPid) && alive(childPid));
  const [childConnection] = await connected;
  let childGone = false;
  childConnection.on('close', () => (childGone = true));
  await server.stop();
  assert.equal(alive(serverPid), false, 'the server is gone (stop() waited for its exit)');
  // the child ignores SIGTERM and never closes its connection itself: only the kill of the group ends it
  await until("the child's connection to close", [onNode(childConnection, 'close')], () => childGone, 10_000);
  await server.stop(); // a second stop is harmless
});

test('a server that exits before it listens is reported with what it printed', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-launcher-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const bin = standIn(dir, `console.error('EADDRINUSE: address already in use'); process.exit(3);`);
  await assert.rejects(
    startCodeServer({ bin, userDataDir: path.join(dir, 'ud'), extensionsDir: path.join(dir, 'ext'), env: process.env }),
    /code-server exited \(3\) before it listened:\nEADDRINUSE: address already in use/,
  );
});
