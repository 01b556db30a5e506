import { spawn } from 'node:child_process';
import { constants } from 'node:os';

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the child could not be started at all (e.g. ENOENT). */
  error?: NodeJS.ErrnoException;
}

/**
 * Runs the agent with the terminal handed over (stdio inherited) and forwards termination signals to it. SIGINT is
 * forwarded only when stdin is not a terminal: at a terminal, Ctrl-C already reaches the whole foreground process
 * group, and a second copy would count as a double Ctrl-C (which makes Claude Code quit).
 */
export function runChild(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd?: string,
): Promise<ChildExit> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env, cwd, shell: process.platform === 'win32' });
    const forwarded: NodeJS.Signals[] = process.stdin.isTTY ? ['SIGTERM', 'SIGHUP'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];
    const handlers = new Map<NodeJS.Signals, () => void>();
    for (const sig of forwarded) {
      const h = () => {
        if (child.exitCode === null && child.signalCode === null) child.kill(sig);
      };
      handlers.set(sig, h);
      process.on(sig, h);
    }
    // at a terminal the child handles Ctrl-C itself; wrap must stay alive to print the run's savings after it
    const ignoreInt = () => undefined;
    if (process.stdin.isTTY) process.on('SIGINT', ignoreInt);
    const done = (exit: ChildExit) => {
      for (const [sig, h] of handlers) process.off(sig, h);
      process.off('SIGINT', ignoreInt);
      resolve(exit);
    };
    child.once('error', (error: NodeJS.ErrnoException) => done({ code: null, signal: null, error }));
    child.once('exit', (code, signal) => done({ code, signal }));
  });
}

/** The exit code a shell reports for a child: its own code, or 128 + the signal number that ended it. */
export function exitCodeOf(exit: ChildExit): number {
  if (exit.error) return exit.error.code === 'ENOENT' ? 127 : 126;
  if (exit.code !== null) return exit.code;
  const n = exit.signal ? (constants.signals as Record<string, number>)[exit.signal] : undefined;
  return 128 + (n ?? 1);
}
