import { spawnSync } from 'node:child_process';

export interface CommandOutput {
  /** False when the command could not be started or timed out (then `note` says why). */
  ok: boolean;
  stdout: string;
  stderr: string;
  status: number | null;
  note?: string;
}

/**
 * Runs a command and returns what it printed. A non-zero exit is not a failure here: tsc and `node --test` exit 1
 * exactly when they print what the benchmark wants. Missing commands and time-outs come back as `ok: false`.
 */
export function runCommand(
  cmd: string,
  args: readonly string[],
  opts: { cwd: string; timeoutMs?: number; input?: string | Buffer; env?: NodeJS.ProcessEnv },
): CommandOutput {
  const r = spawnSync(cmd, args, {
    cwd: opts.cwd,
    input: opts.input,
    env: opts.env ?? process.env,
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 60_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      stdout: r.stdout ?? '',
      stderr: r.stderr ?? '',
      status: r.status,
      note: code === 'ENOENT' ? `${cmd} not found` : code === 'ETIMEDOUT' ? `${cmd} timed out` : r.error.message,
    };
  }
  return { ok: true, stdout: r.stdout, stderr: r.stderr, status: r.status };
}
