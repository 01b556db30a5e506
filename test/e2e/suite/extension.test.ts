// Integration tests inside a real VS Code extension host (code-server 4.100.3 = VS Code 1.100.3), against the
// packaged VSIX installed in the host. Mocha runs them in the extension host's own Node process, so `vscode` is the
// real API and the proxy is the one the extension started. HOME, HEADROOM_HOME and the VS Code user folder are
// temporary folders set by run.sh. Waits are on the extension's events (lib/host.ts) and VS Code's, never on a clock.
import assert from 'node:assert';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ModelStatus } from '../../../core/prose-model/service';
import {
  messagesBody,
  readFileBody,
  sendThroughProxy,
  startFakeUpstream,
  toolResultOf,
  type FakeUpstream,
} from '../lib/fake-upstream';
import {
  activateHeadroom,
  EXT_ID,
  headroomExtension,
  headroomSettings,
  setSetting,
  tabEvents,
  untilUpstream,
  type HeadroomApi,
} from '../lib/host';
import { fixture, REPO } from '../lib/paths';
import { onNode, until } from '../lib/until';

const OUT = process.env.HEADROOM_E2E_OUT || path.join(os.tmpdir(), 'headroom-e2e');
const MARKER_ID = /hr_[0-9a-f]{16}/g;
const HEADROOM_HOME = process.env.HEADROOM_HOME as string;

/** core/util/hash.ts contentId: the CCR id of a well-formed string. */
const contentId = (s: string) => 'hr_' + crypto.createHash('sha256').update(s, 'utf8').digest('hex').slice(0, 16);

function record(name: string, data: unknown): void {
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, name), JSON.stringify(data, null, 2));
}

const allTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
/** What Configure Agents / Restore Agent Settings return when called with `{ agents, yes: true }`. */
interface AgentsResult {
  done: string[];
  skipped: { agent: string; reason: string }[];
}
const configureAgents = (agents: string[]) =>
  vscode.commands.executeCommand<AgentsResult>('headroom.configureAgents', { agents, yes: true });
const restoreAgents = (agents: string[]) =>
  vscode.commands.executeCommand<AgentsResult>('headroom.restoreAgents', { agents, yes: true });

describe('Headroom in a real VS Code extension host', function () {
  this.timeout(60000);
  let api: HeadroomApi;
  let upstream: FakeUpstream;

  before(async () => {
    assert.ok(vscode.extensions.getExtension(EXT_ID), `${EXT_ID} is installed`);
    api = await activateHeadroom();
    upstream = await startFakeUpstream();
  });

  after(async () => {
    if (upstream) await upstream.close();
  });

  /** Points the proxy's Anthropic upstream at the fake provider and waits for the restarted proxy. */
  async function useFakeUpstream(): Promise<string> {
    if (headroomSettings().get('upstream.anthropic') !== upstream.base)
      await setSetting('upstream.anthropic', upstream.base);
    return untilUpstream(api, upstream.base);
  }

  it('activation starts the proxy: GET /health answers, and activation is measured', async () => {
    const url = api.proxyUrl() ?? '';
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${url}/health`);
    assert.strictEqual(res.status, 200);
    const health = (await res.json()) as { status: string };
    assert.strictEqual(health.status, 'ok');
    const t = api.timings();
    assert.ok(t.activateMs >= 0 && (t.readyMs ?? -1) >= t.activateMs, JSON.stringify(t));
    const mem = process.memoryUsage();
    record('activation.json', {
      activateMs: t.activateMs,
      readyMs: t.readyMs,
      storeOpenMs: t.storeMs,
      grammarsMs: t.grammarsMs,
      proxyListenMs: t.listenMs,
      extensionHostRssMB: Math.round(mem.rss / 1048576),
      extensionHostHeapUsedMB: Math.round(mem.heapUsed / 1048576),
      vscode: vscode.version,
      node: process.version,
    });
  });

  it('registers every contributed command, each shown as "Headroom: …"', async () => {
    const pkg = headroomExtension().packageJSON as {
      contributes: { commands: { command: string; title: string; category: string }[] };
    };
    const contributed = pkg.contributes.commands;
    assert.ok(contributed.length >= 9);
    const all = await vscode.commands.getCommands(true);
    for (const c of contributed) {
      assert.ok(all.includes(c.command), `${c.command} registered`);
      assert.strictEqual(c.category, 'Headroom', `${c.command} is in the Headroom category`);
    }
    const titles = contributed.map((c) => `${c.category}: ${c.title}`);
    for (const t of [
      'Show Compression Diffs',
      'Configure Agents',
      'Restore Agent Settings',
      'Pause Compression',
      'Resume Compression',
      'Retrieve Original…',
      'Copy Proxy URL',
      'Show Logs',
    ])
      assert.ok(titles.includes(`Headroom: ${t}`), t);
  });

  /** What the first request sent, for the tests after it. */
  let unit: { original: string; sent: string; markerIds: string[]; originalId: string };

  it(
    'a request through the proxy is compressed, forwarded to the upstream, ' + 'and updates the status bar text',
    async () => {
      const url = await useFakeUpstream();
      const before = api.status().text;
      // other suite files may have sent requests in this session first (mocha's file order is not fixed)
      const requestsBefore = Number((/\| requests \| (\d+) \|/.exec(api.status().tooltip) || [])[1] || 0);
      const log = fixture('extension/dpkg-chromium-install.log');
      const n0 = upstream.received.length;
      const r = await sendThroughProxy(
        url,
        messagesBody('What happened to libkrb5?', 'tail -n 400 /var/log/dpkg.log', log),
      );
      assert.strictEqual(r.status, 200);
      assert.strictEqual(JSON.parse(r.text).content[0].text, 'ok', 'the upstream answer came back unchanged');
      assert.strictEqual(upstream.received.length, n0 + 1);
      const sent = toolResultOf(upstream.received[n0]);
      assert.ok(sent.length < log.length / 4, `compressed: ${log.length} → ${sent.length} chars`);
      const ids = sent.match(MARKER_ID);
      assert.ok(ids && ids.length, 'the sent text carries CCR markers');
      unit = { original: log, sent, markerIds: [...new Set(ids)], originalId: contentId(log) };

      const status = await until('the status bar to show savings', [api.onDidChangeStatus], () => {
        const s = api.status();
        return /^\$\(fold\) Session: [\d.]+[kMB]? saved · \d+%$/.test(s.text) && s.text !== before && s;
      });
      const pct = Number(/· (\d+)%/.exec(status.text)?.[1]);
      assert.ok(pct >= 75, `status says ${status.text}`);
      assert.strictEqual(status.warning, false);
      assert.ok(status.tooltip.includes(`| requests | ${requestsBefore + 1} |`), status.tooltip);
      assert.match(status.tooltip, /Proxy running at `http:\/\/127\.0\.0\.1:\d+`/);
      record('status-after-request.json', status);
    },
  );

  it('the panel opens on that request, and its diff documents hold the exact original and what was sent', async () => {
    await vscode.commands.executeCommand('headroom.showDiffs');
    await until('the Headroom webview tab', tabEvents, () =>
      allTabs().find((t) => t.input instanceof vscode.TabInputWebview && /headroom\.diffs/.test(t.input.viewType)),
    );
    const left = vscode.Uri.parse(`headroom:/original/${unit.originalId}.txt`);
    const right = vscode.Uri.parse(`headroom:/compressed/${unit.originalId}.txt`);
    assert.strictEqual((await vscode.workspace.openTextDocument(left)).getText(), unit.original);
    assert.strictEqual((await vscode.workspace.openTextDocument(right)).getText(), unit.sent);
    // what the panel's "Open in diff editor" runs
    await vscode.commands.executeCommand('vscode.diff', left, right, 'unit');
    const input = await until('the diff editor', tabEvents, () => {
      const i = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return i instanceof vscode.TabInputTextDiff && i;
    });
    assert.strictEqual(input.original.toString(), left.toString());
    assert.strictEqual(input.modified.toString(), right.toString());
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('Retrieve Original returns the exact text behind a marker and counts a retrieval', async () => {
    const id = unit.markerIds[0];
    const text = await vscode.commands.executeCommand<string | undefined>('headroom.retrieveOriginal', id);
    assert.ok(typeof text === 'string' && text.length > 0);
    assert.ok(unit.original.includes(text), 'the retrieved text is a verbatim part of the original');
    assert.ok(!unit.sent.includes(text), 'and it was left out of what was sent');
    // the user's own lookup, counted apart from models' retrievals (which count against the savings)
    await until('the lookup in the tooltip', [api.onDidChangeStatus], () =>
      /\| your lookups \| 1 \|/.test(api.status().tooltip),
    );
    assert.match(api.status().tooltip, /\| retrieved by models \| 0 \|/);
    assert.strictEqual(
      await vscode.commands.executeCommand('headroom.retrieveOriginal', 'hr_0000000000000000'),
      undefined,
      'an unknown id gives nothing',
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Pause sends bodies upstream unchanged and shows the warning state; Resume compresses again', async () => {
    const url = await useFakeUpstream();
    const search = fixture('extension/rg-express-req.txt');
    const body = messagesBody('where is req.body parsed?', 'rg -n "req\\.|res\\." node_modules/express', search);
    await vscode.commands.executeCommand('headroom.pause');
    const paused = await until(
      'the paused status',
      [api.onDidChangeStatus],
      () => /paused/.test(api.status().text) && api.status(),
    );
    assert.strictEqual(paused.warning, true);
    let n = upstream.received.length;
    await sendThroughProxy(url, body);
    // the conversation goes up exactly as sent; the tools list may carry headroom_retrieve (it never flips mid-session)
    assert.deepStrictEqual(
      upstream.received[n].body?.messages,
      body.messages,
      'paused: the messages went upstream unchanged',
    );
    assert.strictEqual(toolResultOf(upstream.received[n]), search);
    await vscode.commands.executeCommand('headroom.resume');
    await until('the running status', [api.onDidChangeStatus], () => !api.status().warning);
    n = upstream.received.length;
    await sendThroughProxy(url, body);
    assert.ok(toolResultOf(upstream.received[n]).length < search.length / 2, 'resumed: compressed again');
  });

  it('a source file read goes through the tree-sitter code compressor (grammars shipped in the VSIX)', async () => {
    const url = await useFakeUpstream();
    const source = fixture('extension/express-response.js.txt');
    const n = upstream.received.length;
    const r = await sendThroughProxy(
      url,
      readFileBody('how does res.redirect set the Location header?', 'node_modules/express/lib/response.js', source),
    );
    assert.strictEqual(r.status, 200);
    const sent = toolResultOf(upstream.received[n]);
    assert.ok(sent.length < source.length * 0.8, `compressed: ${source.length} → ${sent.length}`);
    // the code compressor's own marker: a function body elided, with the file and line range to re-read it
    assert.match(
      sent,
      new RegExp(
        String.raw`\[… \d+ lines omitted: body of \w+ \(node_modules/express/lib/response\.js L\d+–\d+\)` +
          String.raw` · retrieve hr_[0-9a-f]{16}\]`,
      ),
    );
    assert.ok(sent.includes('res.redirect = function redirect(url) {'), 'the function the question is about is kept');
    const t = api.timings();
    assert.ok((t.grammarsMs ?? 0) > 0, `grammars loaded in the extension host (${t.grammarsMs} ms)`);
  });

  it('Copy Proxy URL puts the URL on the clipboard', async () => {
    const url = await vscode.commands.executeCommand<string>('headroom.copyProxyUrl');
    assert.strictEqual(url, api.proxyUrl());
    assert.strictEqual(await vscode.env.clipboard.readText(), url);
  });

  it(
    'a port taken by another program is reported with the next free port; the ' +
      'proxy comes back when the setting changes',
    async () => {
      const blocker = net.createServer();
      await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
      const port = (blocker.address() as net.AddressInfo).port;
      try {
        await setSetting('port', port);
        const s = await until('the port-taken state', [api.onDidChangeState], () => {
          const st = api.state();
          return st.kind === 'port-taken' && st;
        });
        assert.strictEqual(s.port, port);
        assert.ok((s.suggestion ?? 0) > port, `suggests a free port: ${s.suggestion}`);
        const status = await until(
          'the warning status',
          [api.onDidChangeStatus],
          () => api.status().text === `$(warning) Headroom: port ${port} taken` && api.status(),
        );
        assert.strictEqual(status.warning, true);
        assert.match(status.tooltip, new RegExp(`port ${port} is in use`));
      } finally {
        blocker.close();
        await setSetting('port', 0);
      }
      await until('the proxy to run again', [api.onDidChangeState], () => api.state().kind === 'running');
    },
  );

  describe('Configure Agents + Restore Agent Settings, per agent, on real-format configs in a temporary HOME', () => {
    const home = os.homedir();
    const userDir = process.env.HEADROOM_E2E_USER_DIR as string;
    const cases: { agent: string; files: [string, string][]; route?: string }[] = [
      { agent: 'continue', files: [['.continue/config.yaml', 'agents/continue/config.yaml']] },
      {
        agent: 'cline',
        files: [
          ['.cline/data/globalState.json', 'agents/cline/globalState.json'],
          ['.cline/data/settings/providers.json', 'agents/cline/providers-oai.json'],
        ],
      },
      { agent: 'claude-code', files: [['.claude/settings.json', 'agents/claude/settings.json']] },
      // its provider is a custom endpoint: it gets a route of its own (<proxy>/u/<name>) in upstreams.json, never a
      // global upstream
      {
        agent: 'codex',
        files: [['.codex/config.toml', 'agents/codex/config.toml']],
        route: 'http://127.0.0.1:18080/v1',
      },
      { agent: 'copilot', files: [['@user/chatLanguageModels.json', 'agents/copilot/chatLanguageModels.json']] },
    ];
    const where = (rel: string) => (rel.startsWith('@user/') ? path.join(userDir, rel.slice(6)) : path.join(home, rel));
    const upstreamGlobals = () =>
      ['upstream.openai', 'upstream.anthropic'].map((k) => headroomSettings().inspect(k)?.globalValue);

    before(() => {
      assert.strictEqual(home, process.env.HEADROOM_E2E_HOME, 'HOME is the temporary one');
      assert.ok(userDir && fs.existsSync(userDir), 'HEADROOM_E2E_USER_DIR is set');
    });

    after(async () => {
      // routing may have pointed the proxy's upstreams at the fixtures' endpoints
      await setSetting('upstream.openai', undefined);
      await setSetting('upstream.anthropic', undefined);
    });

    for (const c of cases) {
      it(`${c.agent}: routed through the proxy, then restored byte for byte`, async () => {
        const url = api.proxyUrl() ?? '';
        const files = c.files.map(([rel, fix]) => {
          const file = where(rel);
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, fixture(fix));
          return { file, original: fixture(fix) };
        });
        const upstreamsBefore = upstreamGlobals();
        try {
          const routed = await configureAgents([c.agent]);
          assert.deepStrictEqual(routed, { done: [c.agent], skipped: [] });
          for (const f of files) {
            const now = fs.readFileSync(f.file, 'utf8');
            assert.notStrictEqual(now, f.original, `${f.file} changed`);
            assert.ok(now.includes(url.replace(/\/$/, '')), `${f.file} points at ${url}`);
          }
          if (c.route) {
            const routes = JSON.parse(fs.readFileSync(path.join(HEADROOM_HOME, 'upstreams.json'), 'utf8')) as Record<
              string,
              { base: string; owner: string }
            >;
            assert.ok(
              Object.values(routes).some((r) => r.base === c.route && r.owner === c.agent),
              JSON.stringify(routes),
            );
          }
          const again = await configureAgents([c.agent]);
          assert.deepStrictEqual(again.done, [], 'routing twice changes nothing');
          const restored = await restoreAgents([c.agent]);
          assert.deepStrictEqual(restored, { done: [c.agent], skipped: [] });
          for (const f of files)
            assert.strictEqual(fs.readFileSync(f.file, 'utf8'), f.original, `${f.file} is back byte for byte`);
          assert.deepStrictEqual(
            upstreamGlobals(),
            upstreamsBefore,
            "Headroom's own upstream settings were never touched",
          );
        } finally {
          for (const f of files) fs.rmSync(f.file, { force: true });
        }
      });
    }

    it(
      'an agent the catalogue does not have (Roo Code was dropped) is refused in ' +
        'plain words, and nothing is written',
      async () => {
        const r = await configureAgents(['roo']);
        assert.deepStrictEqual(r.done, []);
        assert.match(r.skipped[0].reason, /unknown agent roo/);
      },
    );

    it(
      'copilot-subscription: overrideCapiUrl in the user settings.json (kept out of ' +
        'Settings Sync), restored byte for byte',
      async () => {
        const file = path.join(userDir, 'settings.json');
        const original = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
        const routed = await configureAgents(['copilot-subscription']);
        assert.deepStrictEqual(routed, { done: ['copilot-subscription'], skipped: [] });
        const secret = fs.readFileSync(path.join(HEADROOM_HOME, 'copilot-secret'), 'utf8').trim();
        const now = fs.readFileSync(file, 'utf8');
        const base = (api.proxyUrl() ?? '').replace(/\/$/, '');
        assert.ok(now.includes(`"github.copilot.advanced.debug.overrideCapiUrl": "${base}/copilot/${secret}"`), now);
        assert.ok(
          /"settingsSync\.ignoredSettings": \[[^\]]*"github\.copilot\.advanced\.debug\.overrideCapiUrl"/.test(now),
          now,
        );
        assert.ok(!now.includes('overrideProxyUrl'));
        const restored = await restoreAgents(['copilot-subscription']);
        assert.deepStrictEqual(restored, { done: ['copilot-subscription'], skipped: [] });
        assert.strictEqual(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null, original);
      },
    );

    it('a config that does not parse is named and never rewritten', async () => {
      const file = path.join(home, '.claude', 'settings.json');
      const broken = fixture('agents/broken/settings.json');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, broken);
      try {
        const r = await configureAgents(['claude-code']);
        assert.deepStrictEqual(r.done, []);
        assert.match(r.skipped[0].reason, /could not be parsed/);
        assert.strictEqual(fs.readFileSync(file, 'utf8'), broken);
      } finally {
        fs.rmSync(file, { force: true });
      }
    });
  });

  it('the store is persisted to HEADROOM_HOME (shared with the CLI)', async () => {
    const file = path.join(HEADROOM_HOME, 'store.sqlite');
    // the store saves in the background: each write into the folder is an event to look again on
    const watcher = fs.watch(HEADROOM_HOME);
    try {
      await until('store.sqlite', [onNode(watcher, 'change')], () => fs.existsSync(file) && fs.statSync(file).size > 0);
    } finally {
      watcher.close();
    }
  });

  it(
    'Headroom: Install Prose Model installs a model from a folder; in use, the ' +
      'proxy sends prose as the model pruned it',
    async () => {
      // a "larger compatible model" stand-in: the shipped model's files under another id (the manifest's sha256s hold)
      const src = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-e2e-model-'));
      const shipped = path.join(REPO, 'models', 'headroom-prose-v1');
      for (const f of ['model.onnx', 'tokenizer.json']) fs.copyFileSync(path.join(shipped, f), path.join(src, f));
      const manifest = JSON.parse(fs.readFileSync(path.join(shipped, 'manifest.json'), 'utf8')) as { size: number };
      fs.writeFileSync(path.join(src, 'manifest.json'), JSON.stringify({ ...manifest, id: 'e2e-prose' }, null, 2));

      // a truncated copy is refused and leaves nothing behind
      const bad = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-e2e-bad-model-'));
      for (const f of ['tokenizer.json', 'manifest.json']) fs.copyFileSync(path.join(src, f), path.join(bad, f));
      fs.writeFileSync(path.join(bad, 'model.onnx'), fs.readFileSync(path.join(src, 'model.onnx')).subarray(0, 1000));
      const refused = await vscode.commands.executeCommand('headroom.installProseModel', { source: bad, use: false });
      assert.strictEqual(refused, undefined);
      const installedDir = path.join(HEADROOM_HOME, 'models', 'e2e-prose');
      assert.ok(!fs.existsSync(installedDir), 'nothing installed from the truncated copy');

      await useFakeUpstream();
      const r = await vscode.commands.executeCommand<{ id: string; used: boolean; alreadyInstalled: boolean }>(
        'headroom.installProseModel',
        { source: src, use: true },
      );
      assert.deepStrictEqual(
        { id: r.id, used: r.used, alreadyInstalled: r.alreadyInstalled },
        { id: 'e2e-prose', used: true, alreadyInstalled: false },
      );
      assert.strictEqual(fs.readFileSync(path.join(installedDir, 'model.onnx')).length, manifest.size);
      assert.strictEqual(headroomSettings().get('proseModel'), 'e2e-prose');
      // the service announces the model's state with a state event (the status bar's tooltip shows it)
      const status: ModelStatus = await until('the restarted proxy to load the model', [api.onDidChangeState], () => {
        const s = api.proseModel();
        return s && (s.state === 'ready' || s.state === 'unavailable') && s;
      });
      assert.strictEqual(status.state, 'ready', status.reason);
      assert.strictEqual(status.modelId, 'e2e-prose');
      await until('the status bar tooltip to show the model', [api.onDidChangeStatus], () =>
        /Prose model `e2e-prose`: ready/.test(api.status().tooltip),
      );

      const proxyUrl = await until(
        'the proxy',
        [api.onDidChangeState],
        () => api.state().kind === 'running' && api.proxyUrl(),
      );
      const page = fixture('prose/zlib-faq.txt');
      const question = 'Is zlib thread-safe?';
      const n0 = upstream.received.length;
      const res = await sendThroughProxy(proxyUrl, readFileBody(question, '/usr/share/doc/zlib1g-dev/FAQ', page));
      assert.strictEqual(res.status, 200);
      const sent = toolResultOf(upstream.received[n0]);
      // core's library bundle from the same build
      const lib = require(path.join(REPO, 'dist', 'lib.js')) as typeof import('../../../core/index');
      const extractive = lib.compress(page, { query: question, fileName: '/usr/share/doc/zlib1g-dev/FAQ' }).output;
      assert.ok(sent.length < page.length, 'compressed');
      assert.notStrictEqual(sent, extractive, 'not the extractive form');
      assert.ok(sent.includes('thread-safe'));
      type Stats = { recent: { units: { prose?: string }[] }[] };
      const proseRecord = async () => {
        const s = (await (await fetch(`${proxyUrl}/stats`)).json()) as Stats;
        return s.recent.find((x) => x.units.some((u) => u.prose));
      };
      const recorded = await until('the request record', [api.onDidRecordRequest], proseRecord);
      const unitRec = recorded.units[0];
      assert.match(unitRec.prose ?? '', /^prose model e2e-prose/);
      record('prose-model.json', { status, unit: unitRec, before: page.length, after: sent.length });

      await setSetting('proseModel', undefined);
      await until(
        'the proxy without the model',
        [api.onDidChangeState],
        () => api.state().kind === 'running' && api.proseModel() === undefined && api.proxyUrl(),
      );
    },
  );

  it('the VSIX ships the prose worker and the default prose model', async () => {
    const dist = path.join(headroomExtension().extensionPath, 'dist');
    assert.ok(fs.existsSync(path.join(dist, 'prose-worker.js')));
    const m = JSON.parse(fs.readFileSync(path.join(dist, 'models', 'headroom-prose-v1', 'manifest.json'), 'utf8')) as {
      file: string;
      size: number;
    };
    assert.strictEqual(fs.statSync(path.join(dist, 'models', 'headroom-prose-v1', m.file)).size, m.size);
  });

  it('the packaged onnxruntime-node loads its linux-x64 binary inside the extension host', async () => {
    const ortDir = path.join(headroomExtension().extensionPath, 'dist', 'node_modules', 'onnxruntime-node');
    const ort = require(ortDir) as typeof import('onnxruntime-node');
    const t = new ort.Tensor('float32', Float32Array.from([1, 2, 3]), [3]);
    assert.deepStrictEqual(t.dims, [3]);
    assert.ok(!fs.existsSync(path.join(ortDir, 'bin', 'napi-v6', 'darwin')), 'no other platform binaries');
  });
});
