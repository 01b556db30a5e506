#!/usr/bin/env node
// From ../shared/vscode-host (the team recipe), carried here so the project runs its own harness.
// Stand-in for a VS Code executable, for @vscode/test-electron `vscodeExecutablePath`
// and @vscode/test-cli `useInstallation.fromPath`. It accepts the desktop-style args
// (--extensionDevelopmentPath=, --extensionTestsPath=, --user-data-dir=, --extensions-dir=,
// [folder]), starts code-server on a free loopback port (lib/code-server.ts), opens the workbench in headless
// Chromium with the `?payload=` development options, and exits with the extension host's
// test exit code (reported by the workbench through window.codeAutomationExit).
// Compiled to out/code-server-test-host.js (build.ts), which .vscode-test.mjs names.
// Env: CODE_SERVER_BIN, CHROMIUM_BIN (default /usr/bin/chromium), TEST_HOST_TIMEOUT_MS (default 600000),
//      TEST_HOST_SCREENSHOT (png path, taken at the end), TEST_HOST_SERVER_LOG=0 (no server log on failure).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { launchBrowser, type Browser } from './lib/browser';
import { freePort, startCodeServer, type CodeServer } from './lib/code-server';

interface HostArgs {
  dev: string[];
  tests?: string;
  userDataDir?: string;
  extensionsDir?: string;
  rest: string[];
}

function parse(argv: string[]): HostArgs {
  const o: HostArgs = { dev: [], rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
    if (!m) {
      o.rest.push(a);
      continue;
    }
    const [, k, vInline] = m;
    const takesValue = ['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir', 'locale'];
    const v = takesValue.includes(k) ? (vInline ?? argv[++i]) : vInline;
    if (v === undefined) continue;
    if (k === 'extensionDevelopmentPath') o.dev.push(path.resolve(v));
    else if (k === 'extensionTestsPath') o.tests = path.resolve(v);
    else if (k === 'user-data-dir') o.userDataDir = path.resolve(v);
    else if (k === 'extensions-dir') o.extensionsDir = path.resolve(v);
    // everything else (--no-sandbox, --disable-updates, --skip-welcome, ...) is meaningless here
  }
  return o;
}

async function main(): Promise<number> {
  const a = parse(process.argv.slice(2));
  if (!a.tests) {
    console.error('code-server-test-host: --extensionTestsPath is required');
    return 2;
  }
  const userDataDir = a.userDataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cs-ud-'));
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const stopAll = async () => {
    await browser?.close();
    await server?.stop();
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const)
    process.once(sig, () => void stopAll().then(() => process.exit(130)));
  try {
    // run.sh reserved HEADROOM_E2E_TRAP_PORT for the workspace-settings test (it listens there later): never take it
    const trap = Number(process.env.HEADROOM_E2E_TRAP_PORT) || undefined;
    server = await startCodeServer({
      userDataDir,
      extensionsDir: a.extensionsDir ?? path.join(userDataDir, 'extensions'),
      port: await freePort(trap),
      // code-server writes ~/.config/code-server/config.yaml, ~/.local/share/code-server, ~/.cache/Microsoft
      env: {
        ...process.env,
        XDG_CONFIG_HOME: path.join(userDataDir, 'xdg-config'),
        XDG_DATA_HOME: path.join(userDataDir, 'xdg-data'),
        XDG_CACHE_HOME: path.join(userDataDir, 'xdg-cache'),
      },
      args: ['--disable-getting-started-override'],
    });
    browser = await launchBrowser({ width: 1400, height: 900 });
    const { page } = browser;
    let settle: (code: number) => void = () => {};
    const exited = new Promise<number>((resolve) => (settle = resolve));
    await page.exposeFunction('codeAutomationExit', (c: number) => settle(c));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const line = util.format(...(args || []));
      (type === 'error' ? process.stderr : process.stdout).write(line + '\n');
    });
    const remote = (p: string) => `vscode-remote://127.0.0.1:${server?.port}${p}`;
    const payload = [
      ...a.dev.map((d) => ['extensionDevelopmentPath', remote(d)]),
      ['extensionTestsPath', remote(a.tests)],
      ['skipWelcome', 'true'],
    ];
    const folder = a.rest.find((r) => fs.existsSync(r) && fs.statSync(r).isDirectory());
    await page.goto(server.windowUrl(folder && path.resolve(folder), { payload: JSON.stringify(payload) }));
    const limitMs = Number(process.env.TEST_HOST_TIMEOUT_MS || 600_000);
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      exited,
      new Promise<number>((resolve) => {
        timer = setTimeout(() => {
          console.error(`code-server-test-host: no result after ${limitMs} ms`);
          resolve(124);
        }, limitMs);
      }),
    ]);
    clearTimeout(timer);
    if (process.env.TEST_HOST_SCREENSHOT)
      await page.screenshot({ path: process.env.TEST_HOST_SCREENSHOT }).catch(() => {});
    if (code !== 0 && process.env.TEST_HOST_SERVER_LOG !== '0')
      console.error('--- code-server log ---\n' + server.log());
    return code;
  } finally {
    await stopAll();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
