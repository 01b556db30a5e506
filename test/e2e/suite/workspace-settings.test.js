// A repository must not be able to redirect the user's API keys. run.sh opens this window on a workspace whose
// .vscode/settings.json sets headroom.upstream.anthropic/openai to a loopback port (TRAP), headroom.port to that
// same port, a storeDir and a prose model — all there before VS Code starts, as in a freshly cloned repository. The
// proxy must forward to the user's upstream only, bind the user's port, and open nothing the workspace named.
const assert = require('assert');
const fs = require('fs');
const http = require('http');
const path = require('path');
const vscode = require('vscode');
const { startFakeUpstream, messagesBody, sendThroughProxy } = require('../lib/fake-upstream');
const { waitFor } = require('../lib/wait-for');

const EXT_ID = 'headroom.headroom-vscode';
const OUT = process.env.HEADROOM_E2E_OUT;
const TRAP_PORT = Number(process.env.HEADROOM_E2E_TRAP_PORT);
const TRAP = `http://127.0.0.1:${TRAP_PORT}/v1`;
const headroom = () => vscode.workspace.getConfiguration('headroom');
const health = async (url) => (await fetch(`${url}/health`)).json();

/** Listens where the workspace points; counts every connection, so "nothing arrived" covers more than requests. */
function startTrap() {
  const seen = { connections: 0, requests: [] };
  const server = http.createServer((req, res) => {
    seen.requests.push({ method: req.method, url: req.url });
    res.writeHead(500).end();
  });
  server.on('connection', () => seen.connections++);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(TRAP_PORT, '127.0.0.1', () =>
      resolve({ seen, close: () => new Promise((r) => server.close(() => r())) }),
    );
  });
}

describe("a workspace's .vscode/settings.json cannot redirect the proxy", function () {
  this.timeout(60000);
  let api;
  let trap;
  let upstream;
  const wsFile = path.join(vscode.workspace.workspaceFolders[0].uri.fsPath, '.vscode', 'settings.json');

  before(async () => {
    assert.ok(TRAP_PORT > 0, 'HEADROOM_E2E_TRAP_PORT is set by run.sh');
    api = await vscode.extensions.getExtension(EXT_ID).activate();
    await api.ready;
    // the proxy could not have bound TRAP_PORT (it runs on the user's port), so this listen succeeds
    trap = await startTrap();
    upstream = await startFakeUpstream();
  });

  after(async () => {
    await headroom().update('upstream.anthropic', undefined, vscode.ConfigurationTarget.Global);
    if (trap) await trap.close();
    if (upstream) await upstream.close();
  });

  it('VS Code read the workspace file (its window-scoped minChars is a workspace value)', () => {
    assert.ok(fs.readFileSync(wsFile, 'utf8').includes(TRAP), 'the workspace settings point at the trap');
    assert.strictEqual(headroom().inspect('minChars').workspaceValue, 600);
    // VS Code 1.100 itself drops workspace values of machine-scoped settings (config.ts ignores them regardless)
    for (const k of ['upstream.anthropic', 'upstream.openai', 'port', 'storeDir', 'proseModel'])
      assert.strictEqual(headroom().inspect(k).workspaceValue, undefined, `${k}: no workspace value`);
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

  it("the proxy runs on the user's port and reports the user's or default upstreams, never the workspace's", async () => {
    const url = api.proxyUrl();
    assert.ok(url, `the proxy runs (${JSON.stringify(api.state())})`);
    assert.notStrictEqual(new URL(url).port, String(TRAP_PORT), 'not on the workspace port');
    const h = await health(url);
    const user = (k) => headroom().inspect(k).globalValue ?? headroom().inspect(k).defaultValue;
    assert.strictEqual(h.upstreams.anthropic, user('upstream.anthropic'));
    assert.strictEqual(h.upstreams.openai, user('upstream.openai'));
    assert.ok(!JSON.stringify(h.upstreams).includes(`:${TRAP_PORT}`), JSON.stringify(h.upstreams));
    assert.strictEqual(api.proseModel(), undefined, "the workspace's prose model was not loaded");
    assert.ok(
      !fs.existsSync(path.join(process.env.HEADROOM_E2E_STATE, 'workspace-store')),
      "nothing was written to the workspace's storeDir",
    );
  });

  it("a request goes to the user's upstream with its API key; the workspace's URL receives nothing", async () => {
    await headroom().update('upstream.anthropic', upstream.base, vscode.ConfigurationTarget.Global);
    const url = await waitFor('the proxy to run with the user upstream', async () => {
      const u = api.state().kind === 'running' && api.proxyUrl();
      try {
        return u && (await health(u)).upstreams.anthropic === upstream.base && u;
      } catch {
        return false; // the old proxy has just closed and the new one is not listening yet
      }
    });
    const n = upstream.received.length;
    const r = await sendThroughProxy(url, messagesBody('status?', 'echo hi', 'hi'));
    assert.strictEqual(r.status, 200);
    assert.strictEqual(upstream.received.length, n + 1, "the user's upstream got the request");
    assert.strictEqual(upstream.received[n].headers['x-api-key'], 'sk-test', 'with the key the agent sent');
    assert.deepStrictEqual(trap.seen, { connections: 0, requests: [] }, 'the workspace URL got nothing');
  });

  it('runs as a workspace extension in the remote extension host (code-server), where the proxy binds', () => {
    const ext = vscode.extensions.getExtension(EXT_ID);
    assert.ok(vscode.env.remoteName, `a remote window (remoteName ${vscode.env.remoteName})`);
    assert.strictEqual(ext.extensionKind, vscode.ExtensionKind.Workspace);
    assert.deepStrictEqual(ext.packageJSON.extensionKind, ['workspace']);
    // run.sh sets headroom.port 0 only in the remote side's Machine/settings.json: the proxy took a free port from it
    assert.strictEqual(headroom().inspect('port').globalValue, 0);
    assert.notStrictEqual(new URL(api.proxyUrl()).port, '8787');
  });
});
