// The one code-server launcher of the e2e suites (run.sh's integration host, the panel UI script, the start-up
// script): writes the settings a run starts from, starts code-server on a loopback port with its own user-data and
// extensions folders, resolves when the server says it listens, and stops the whole process tree. The browser side
// (Chromium, a window on the workbench) is browser.ts.
// No login step: the server runs with `--auth none`, bound to 127.0.0.1 only.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { once } from 'node:events';
import { E2E } from './paths';

/** What every window starts from: a quiet workbench that never goes online. */
export const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'chat.commandCenter.enabled': false,
};

export interface CodeServerOptions {
  /** The code-server executable (default $CODE_SERVER_BIN, else test/e2e/node_modules/.bin/code-server). */
  bin?: string;
  /** `--user-data-dir`; settings go to <it>/User/settings.json and <it>/Machine/settings.json. */
  userDataDir: string;
  extensionsDir: string;
  /** Environment of the server and its extension host (HOME, XDG_*, HEADROOM_HOME…). */
  env: NodeJS.ProcessEnv;
  /** Port to bind on 127.0.0.1; a free one when not given. */
  port?: number;
  /** Written as the user settings (over QUIET_SETTINGS) unless the file exists and this is not given. */
  userSettings?: Record<string, unknown>;
  /**
   * Machine settings: code-server is a remote window, so machine-scoped settings (headroom.port, upstream.*,
   * storeDir, proseModel) are read from the remote side's <user-data-dir>/Machine/settings.json.
   */
  machineSettings?: Record<string, unknown>;
  /** More code-server flags, e.g. `--disable-getting-started-override`. */
  args?: string[];
  /** How long the server may take to listen (default 60 s). */
  startLimitMs?: number;
}

export interface CodeServer {
  port: number;
  /** http://127.0.0.1:<port> */
  url: string;
  /** The URL of a window on `folder`, with more query parameters if given. */
  windowUrl(folder: string | undefined, query?: Record<string, string>): string;
  /** Everything the server printed so far. */
  log(): string;
  /** Stops the server and every process it started; resolves when the server process has exited. */
  stop(): Promise<void>;
}

const anyFreePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });

/** A free loopback port, never one of `avoid` (ports a test reserved for itself). */
export async function freePort(...avoid: (number | undefined)[]): Promise<number> {
  for (;;) {
    const p = await anyFreePort();
    if (!avoid.includes(p)) return p;
  }
}

function writeJson(file: string, data: Record<string, unknown>): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(data, null, 1));
}

export async function startCodeServer(o: CodeServerOptions): Promise<CodeServer> {
  const userFile = path.join(o.userDataDir, 'User', 'settings.json');
  if (o.userSettings || !fs.existsSync(userFile)) writeJson(userFile, { ...QUIET_SETTINGS, ...o.userSettings });
  if (o.machineSettings) writeJson(path.join(o.userDataDir, 'Machine', 'settings.json'), o.machineSettings);
  const port = o.port ?? (await freePort());
  const bin = o.bin || process.env.CODE_SERVER_BIN || path.join(E2E, 'node_modules', '.bin', 'code-server');
  const args = [
    ...['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none'],
    ...['--user-data-dir', o.userDataDir, '--extensions-dir', o.extensionsDir],
    ...['--disable-telemetry', '--disable-update-check', '--disable-workspace-trust'],
    ...(o.args ?? []),
  ];
  // its own process group, so stop() reaches the extension host and every other child with one signal
  const cs = spawn(bin, args, { env: o.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  const exited = new Promise<number | null>((resolve) => cs.once('exit', (code) => resolve(code)));
  // the server's children inherit its output pipes: once both have closed, no process of the tree is left
  const outputClosed = Promise.all([once(cs.stdout, 'close'), once(cs.stderr, 'close')]);
  const listening = new Promise<void>((resolve, reject) => {
    // code-server's out/node/main.js logs "HTTP server listening on http://127.0.0.1:<port>/" once it accepts
    for (const stream of [cs.stdout, cs.stderr]) {
      readline.createInterface({ input: stream }).on('line', (line) => {
        log += line + '\n';
        if (/HTTP server listening on /.test(line)) resolve();
      });
    }
    cs.once('error', reject);
    void exited.then((code) => reject(new Error(`code-server exited (${code}) before it listened:\n${log}`)));
  });
  const kill = (sig: NodeJS.Signals) => {
    try {
      process.kill(-(cs.pid as number), sig);
    } catch {
      // the group is gone already
    }
  };
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      kill('SIGTERM');
      // a graceful stop takes 1–2 s; past 10 s the tree is killed outright (then nothing can hold the ports)
      const hard = setTimeout(() => kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(hard);
      kill('SIGKILL'); // children that outlived the server's own shutdown
      // bounded: a process that left the group (setsid) could hold the pipes; the group itself is gone by then
      let bound: NodeJS.Timeout | undefined;
      await Promise.race([outputClosed, new Promise((r) => (bound = setTimeout(r, 10_000)))]);
      clearTimeout(bound);
    })());
  const limit = o.startLimitMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      listening,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`code-server did not listen within ${limit} ms:\n${log}`)), limit);
      }),
    ]);
  } catch (e) {
    await stop();
    throw e;
  } finally {
    clearTimeout(timer);
  }
  const url = `http://127.0.0.1:${port}`;
  return {
    port,
    url,
    windowUrl: (folder, query = {}) => {
      const q = new URLSearchParams({ ...(folder ? { folder } : {}), ...query });
      return `${url}/?${q.toString()}`;
    },
    log: () => log,
    stop,
  };
}

/** HOME and XDG_* in `home`: code-server and the extension host write into the home folder. */
export function homeEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    ...extra,
  };
}
