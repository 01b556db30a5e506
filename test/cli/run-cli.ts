import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = join(__dirname, '..', '..');
export const cli = join(root, 'dist', 'cli.js');

export interface CliRun {
  code: number | null;
  stdout: Buffer;
  out: string;
  err: string;
  home: string;
}

/** Runs the built CLI as a child process with HEADROOM_HOME (a fresh temp folder unless given) and extra env. */
export function runCli(
  args: string[],
  opts: { input?: string | Buffer; home?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): CliRun {
  const home = opts.home ?? mkdtempSync(join(tmpdir(), 'hr-cli-'));
  const r = spawnSync(process.execPath, [cli, ...args], {
    input: opts.input ?? '',
    env: { ...process.env, HEADROOM_HOME: home, ...opts.env },
    maxBuffer: 512 * 1024 * 1024,
    timeout: opts.timeoutMs ?? 60_000,
  });
  return { code: r.status, stdout: r.stdout, out: r.stdout.toString('utf8'), err: r.stderr.toString('utf8'), home };
}

/** An access log of `n` lines with one failing request in the middle: compresses well, never passes through. */
export function accessLog(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++)
    lines.push(
      `10.0.${i % 7}.${i % 250} - - [01/May/2024:10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:` +
        `${String(i % 60).padStart(2, '0')} +0000] "GET /api/items/${i} HTTP/1.1" 200 ${500 + (i % 300)}`,
    );
  lines[n >> 1] =
    `10.0.0.9 - - [01/May/2024:10:20:00 +0000] "POST /api/checkout HTTP/1.1" 500 31 error="upstream timed out"`;
  return lines.join('\n') + '\n';
}

/** One line of stderr and no stack frames: what every failure should look like. */
export function oneLine(err: string): boolean {
  return err.trim().split('\n').length === 1 && !/\n\s+at /.test(err);
}
