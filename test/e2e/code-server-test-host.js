#!/usr/bin/env node
// From ../shared/vscode-host (the team recipe), carried here so the project runs its own harness.
// Stand-in for a VS Code executable, for @vscode/test-electron `vscodeExecutablePath`
// and @vscode/test-cli `useInstallation.fromPath`. It accepts the desktop-style args
// (--extensionDevelopmentPath=, --extensionTestsPath=, --user-data-dir=, --extensions-dir=,
// [folder]), starts code-server on a free loopback port, opens the workbench in headless
// Chromium with the `?payload=` development options, and exits with the extension host's
// test exit code (reported by the workbench through window.codeAutomationExit).
// Env: CODE_SERVER_BIN, CHROMIUM_BIN (default /usr/bin/chromium), PLAYWRIGHT_CORE (module path),
//      TEST_HOST_TIMEOUT_MS (default 600000), TEST_HOST_SCREENSHOT (png path, taken at the end).
const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const util = require('util');
const { chromium } = require(process.env.PLAYWRIGHT_CORE || 'playwright-core');

function parse(argv) {
  const o = { dev: [], rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
    if (!m) {
      o.rest.push(a);
      continue;
    }
    const [, k, vInline] = m;
    const takesValue = [
      'extensionDevelopmentPath',
      'extensionTestsPath',
      'user-data-dir',
      'extensions-dir',
      'locale',
    ].includes(k);
    const v = takesValue ? (vInline !== undefined ? vInline : argv[++i]) : vInline;
    if (k === 'extensionDevelopmentPath') o.dev.push(path.resolve(v));
    else if (k === 'extensionTestsPath') o.tests = path.resolve(v);
    else if (k === 'user-data-dir') o.userDataDir = path.resolve(v);
    else if (k === 'extensions-dir') o.extensionsDir = path.resolve(v);
    // everything else (--no-sandbox, --disable-updates, --skip-welcome, ...) is meaningless here
  }
  return o;
}
const anyFreePort = () =>
  new Promise((res, rej) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => res(p));
    });
    s.on('error', rej);
  });
// run.sh reserved HEADROOM_E2E_TRAP_PORT for the workspace-settings test (it listens there later): never take it
const freePort = async () => {
  for (;;) {
    const p = await anyFreePort();
    if (String(p) !== process.env.HEADROOM_E2E_TRAP_PORT) return p;
  }
};

(async () => {
  const a = parse(process.argv.slice(2));
  if (!a.tests) {
    console.error('code-server-test-host: --extensionTestsPath is required');
    process.exit(2);
  }
  const csBin = process.env.CODE_SERVER_BIN || 'code-server';
  const userDataDir = a.userDataDir || fs.mkdtempSync(path.join(os.tmpdir(), 'cs-ud-'));
  const extensionsDir = a.extensionsDir || path.join(userDataDir, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  const settings = path.join(userDataDir, 'User', 'settings.json');
  if (!fs.existsSync(settings))
    fs.writeFileSync(
      settings,
      JSON.stringify(
        {
          'workbench.startupEditor': 'none',
          'security.workspace.trust.enabled': false,
          'telemetry.telemetryLevel': 'off',
          'extensions.autoUpdate': false,
          'extensions.autoCheckUpdates': false,
          'update.mode': 'none',
          'workbench.enableExperiments': false,
        },
        null,
        1,
      ),
    );
  const port = await freePort();
  // code-server writes ~/.config/code-server/config.yaml, ~/.local/share/code-server, ~/.cache/Microsoft: keep them in userDataDir
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(userDataDir, 'xdg-config'),
    XDG_DATA_HOME: path.join(userDataDir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(userDataDir, 'xdg-cache'),
  };
  const cs = spawn(
    csBin,
    [
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let csLog = '';
  cs.stdout.on('data', (d) => (csLog += d));
  cs.stderr.on('data', (d) => (csLog += d));
  let csExited = false;
  cs.on('exit', () => {
    csExited = true;
  });
  const stopServer = () => {
    try {
      process.kill(-cs.pid, 'SIGTERM');
    } catch {}
  };
  for (const sig of ['SIGINT', 'SIGTERM'])
    process.on(sig, () => {
      stopServer();
      process.exit(130);
    });
  let up = false;
  for (let i = 0; i < 150 && !csExited; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) {
        up = true;
        break;
      }
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  if (!up) {
    console.error('code-server did not start:\n' + csLog);
    stopServer();
    process.exit(3);
  }

  const browserDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-chromium-'));
  const ctx = await chromium.launchPersistentContext(browserDir, {
    executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    env: { ...process.env, HOME: browserDir, XDG_CONFIG_HOME: browserDir, XDG_CACHE_HOME: browserDir },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const page = ctx.pages()[0] || (await ctx.newPage());
  let code;
  const exited = new Promise((res) =>
    page.exposeFunction('codeAutomationExit', (c) => {
      code = c;
      res();
    }),
  );
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const line = util.format(...(args || []));
    (type === 'error' ? process.stderr : process.stdout).write(line + '\n');
  });
  const host = `127.0.0.1:${port}`;
  const remote = (p) => `vscode-remote://${host}${p}`;
  const payload = [
    ['extensionTestsPath', remote(a.tests)],
    ['skipWelcome', 'true'],
  ];
  for (const d of a.dev) payload.unshift(['extensionDevelopmentPath', remote(d)]);
  const folder = a.rest.find((r) => fs.existsSync(r) && fs.statSync(r).isDirectory());
  const url = `http://${host}/?${folder ? `folder=${encodeURIComponent(path.resolve(folder))}&` : ''}payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(url);
  const timeoutMs = Number(process.env.TEST_HOST_TIMEOUT_MS || 600000);
  let timer;
  await Promise.race([
    exited,
    new Promise((res) => {
      timer = setTimeout(res, timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  if (code === undefined) {
    console.error(`code-server-test-host: no result after ${timeoutMs} ms`);
    code = 124;
  }
  if (process.env.TEST_HOST_SCREENSHOT)
    await page.screenshot({ path: process.env.TEST_HOST_SCREENSHOT }).catch(() => {});
  await ctx.close().catch(() => {});
  fs.rmSync(browserDir, { recursive: true, force: true });
  stopServer();
  if (code !== 0 && process.env.TEST_HOST_SERVER_LOG !== '0') console.error('--- code-server log ---\n' + csLog);
  process.exit(code);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
