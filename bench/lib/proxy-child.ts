import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A `headroom proxy` in a process of its own, as users run it (the CLI, or the extension host). */
export interface ChildProxy {
  url: string;
  pid: number;
  /** What ran: `dist/cli.js` (built), `core/cli.ts` under tsx, or the bare relay. */
  command: string;
  /** CPU time of the whole process (main thread and workers) so far, ms; NaN where /proc is not there. */
  cpuMs(): number;
  /** CPU time of its main thread alone (the one that serves requests), ms; NaN without /proc. */
  mainCpuMs(): number;
  /** Resident memory now and at its peak (VmRSS, VmHWM), MB; NaN without /proc. */
  rssMb(): { now: number; peak: number };
  close(): Promise<void>;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime + stime (fields 14 and 15 of /proc/…/stat), in ms. */
function cpuOf(stat: string | undefined): number {
  if (!stat) return Number.NaN;
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK_MS;
}

/** Starts `headroom proxy --port 0 --anthropic-base <provider> [args]` with a fresh HEADROOM_HOME. */
export function startChildProxy(root: string, provider: string, args: string[] = []): Promise<ChildProxy> {
  const cli = join(root, 'dist', 'cli.js');
  const entry = existsSync(cli) ? [cli] : ['--import', 'tsx', join(root, 'core', 'cli.ts')];
  const what = `${entry.includes(cli) ? 'node dist/cli.js' : 'tsx core/cli.ts'} proxy ${args.join(' ')}`.trim();
  return startChild(root, [...entry, 'proxy', '--port', '0', '--anthropic-base', provider, ...args], what);
}

/** Starts bench/lib/bare-relay.mjs in front of `provider`: the floor any Node proxy has (see that file). */
export function startBareRelay(root: string, provider: string): Promise<ChildProxy> {
  return startChild(root, [join(root, 'bench', 'lib', 'bare-relay.mjs'), provider], 'node bench/lib/bare-relay.mjs');
}

/** A Node process that prints `listening on URL` when ready, with a fresh HEADROOM_HOME. */
async function startChild(root: string, argv: string[], command: string): Promise<ChildProxy> {
  const home = mkdtempSync(join(tmpdir(), 'hr-bench-child-'));
  const child: ChildProcess = spawn(process.execPath, argv, {
    cwd: root,
    env: { ...process.env, HEADROOM_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (d) => (err = (err + d).slice(-2000)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`${command} exited (${code}): ${err}`)));
  });
  const pid = child.pid as number;
  const proc = (file: string) => {
    try {
      return readFileSync(`/proc/${pid}/${file}`, 'utf8');
    } catch {
      return undefined;
    }
  };
  return {
    url,
    pid,
    command,
    cpuMs: () => cpuOf(proc('stat')),
    mainCpuMs: () => cpuOf(proc(`task/${pid}/stat`)),
    rssMb() {
      const status = proc('status') ?? '';
      const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
      return { now: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
    },
    async close() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}
