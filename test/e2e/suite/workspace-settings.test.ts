// A repository must not be able to redirect the user's API keys. run.sh opens this window on a workspace whose
// .vscode/settings.json sets headroom.upstream.anthropic/openai to a loopback port (TRAP), headroom.port to that
// same port, a storeDir and a prose model — all there before VS Code starts, as in a freshly cloned repository. The
// proxy must forward to the user's upstream only, bind the user's port, and open nothing the workspace named.
import assert from 'node:assert';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import * as vscode from 'vscode';
import { messagesBody, sendThroughProxy, startFakeUpstream, type FakeUpstream } from '../lib/fake-upstream';
import {
  activateHeadroom,
  headroomExtension,
  health,
  headroomSettings,
  setSetting,
  untilUpstream,
  type HeadroomApi,
} from '../lib/host';

const OUT = process.env.HEADROOM_E2E_OUT;
const TRAP_PORT = Number(process.env.HEADROOM_E2E_TRAP_PORT);
const TRAP = `http://127.0.0.1:${TRAP_PORT}/v1`;
const headroom = headroomSettings;

/** Listens where the workspace points; counts every connection, so "nothing arrived" covers more than requests. */
interface Trap {
  seen: { connections: number; requests: { method?: string; url?: string }[] };
  close(): Promise<void>;
}
function startTrap(): Promise<Trap> {
  const seen: Trap['seen'] = { connections: 0, requests: [] };
  const server = http.createServer((req, res) => {
    seen.requests.push({ method: req.method, url: req.url });
    res.writeHead(500).end();
  });
  server.on('connection', () => seen.connections++);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(TRAP_PORT, '127.0.0.1', () =>
      resolve({ seen, close: () => new Promise<void>((r) => server.close(() => r())) }),
    );
  });
}

describe("a workspace's .vscode/settings.json cannot redirect the proxy", function () {
  this.timeout(60000);
  let api: HeadroomApi;
  let trap: Trap | undefined;
  let upstream: FakeUpstream | undefined;
  const wsFile = path.join((vscode.workspace.workspaceFolders ?? [])[0].uri.fsPath, '.vscode', 'settings.json');

  before(async () => {
    assert.ok(TRAP_PORT > 0, 'HEADROOM_E2E_TRAP_PORT is set by run.sh');
    api = await activateHeadroom();
    // the proxy could not have bound TRAP_PORT (it runs on the user's port), so this listen succeeds
    trap = await startTrap();
    upstream = await startFakeUpstream();
  });

  after(async () => {
    await setSetting('upstream.anthropic', undefined);
    if (trap) await trap.close();
    if (upstream) await upstream.close();
  });

  it('VS Code read the workspace file (its window-scoped minChars is a workspace value)', () => {
    assert.ok(fs.readFileSync(wsFile, 'utf8').includes(TRAP), 'the workspace settings point at the trap');
    assert.strictEqual(headroom().inspect('minChars')?.workspaceValue, 600);
    // VS Code 1.100 itself drops workspace values of machine-scoped settings (config.ts ignores them regardless)
    for (const k of ['upstream.anthropic', 'upstream.openai', 'port', 'storeDir', 'proseModel'])
      assert.strictEqual(headroom().inspect(k)?.workspaceValue, undefined, `${k}: no workspace value`);
    const seen = Object.fromEntries(
      ['upstream.anthropic', 'upstream.openai', 'port', 'storeDir', 'proseModel'].map((k) => [
        k,
        headroom().inspect(k),
      ]),
    );
    if (OUT)
      fs.writeFileSync(
        path.join(OUT, 'workspace-settings-inspect.json'),
        JSON.stringify({ remoteName: vscode.env.remoteName, seen }, null, 2),
      );
  });

  it(
    "the proxy runs on the user's port and reports the user's or default " + "upstreams, never the workspace's",
    async () => {
      const url = api.proxyUrl();
      assert.ok(url, `the proxy runs (${JSON.stringify(api.state())})`);
      assert.notStrictEqual(new URL(url).port, String(TRAP_PORT), 'not on the workspace port');
      const h = await health(url);
      assert.ok(h, `GET ${url}/health answers`);
      const user = (k: string) => headroom().inspect(k)?.globalValue ?? headroom().inspect(k)?.defaultValue;
      assert.strictEqual(h.upstreams.anthropic, user('upstream.anthropic'));
      assert.strictEqual(h.upstreams.openai, user('upstream.openai'));
      assert.ok(!JSON.stringify(h.upstreams).includes(`:${TRAP_PORT}`), JSON.stringify(h.upstreams));
      assert.strictEqual(api.proseModel(), undefined, "the workspace's prose model was not loaded");
      assert.ok(
        !fs.existsSync(path.join(process.env.HEADROOM_E2E_STATE ?? '', 'workspace-store')),
        "nothing was written to the workspace's storeDir",
      );
    },
  );

  it("a request goes to the user's upstream with its API key; the workspace's URL receives nothing", async () => {
    if (!upstream || !trap) throw new Error('before() did not start the fake upstream and the trap');
    await setSetting('upstream.anthropic', upstream.base);
    const url = await untilUpstream(api, upstream.base);
    const n = upstream.received.length;
    const r = await sendThroughProxy(url, messagesBody('status?', 'echo hi', 'hi'));
    assert.strictEqual(r.status, 200);
    assert.strictEqual(upstream.received.length, n + 1, "the user's upstream got the request");
    assert.strictEqual(upstream.received[n].headers['x-api-key'], 'sk-test', 'with the key the agent sent');
    assert.deepStrictEqual(trap.seen, { connections: 0, requests: [] }, 'the workspace URL got nothing');
  });

  it('runs as a workspace extension in the remote extension host (code-server), where the proxy binds', () => {
    const ext = headroomExtension();
    assert.ok(vscode.env.remoteName, `a remote window (remoteName ${vscode.env.remoteName})`);
    assert.strictEqual(ext.extensionKind, vscode.ExtensionKind.Workspace);
    assert.deepStrictEqual(ext.packageJSON.extensionKind, ['workspace']);
    // run.sh sets headroom.port 0 only in the remote side's Machine/settings.json: the proxy took a free port from it
    assert.strictEqual(headroom().inspect('port')?.globalValue, 0);
    assert.notStrictEqual(new URL(api.proxyUrl() ?? '').port, '8787');
  });
});
