import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export type ProxyLatencyResult =
  | { ran: false; note: string }
  | { ran: true; status: number | null; stdout: string; stderrTail: string; json?: unknown; note?: string };

/** The run's stdout without the machine-readable JSON line (that one goes to results.json). */
export function readableOutput(r: Extract<ProxyLatencyResult, { ran: true }>): string {
  if (r.json === undefined) return r.stdout;
  const lines = r.stdout.split('\n');
  const i = lines.map((l) => l.trim()).lastIndexOf(JSON.stringify(r.json));
  return (i === -1 ? lines : [...lines.slice(0, i), ...lines.slice(i + 1)]).join('\n');
}

/**
 * bench/proxy-latency.ts belongs to the proxy's authors; when it exists, run it as its own process and carry its
 * output into the report (and its last JSON line, if it prints one, into results.json).
 */
export function runProxyLatency(root: string, timeoutMs: number): ProxyLatencyResult {
  const entry = join(root, 'bench', 'proxy-latency.ts');
  if (!existsSync(entry)) return { ran: false, note: 'bench/proxy-latency.ts does not exist yet' };
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', entry], {
    cwd: root,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 32 * 1024 * 1024,
  });
  const note = r.error
    ? (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT'
      ? `timed out after ${timeoutMs / 1000}s`
      : r.error.message
    : undefined;
  let json: unknown;
  const lines = (r.stdout ?? '').trim().split('\n');
  for (let i = lines.length - 1; i >= 0 && json === undefined; i--) {
    const l = lines[i].trim();
    if (!l.startsWith('{') && !l.startsWith('[')) continue;
    try {
      json = JSON.parse(l);
    } catch {
      /* not JSON: leave it in stdout */
    }
  }
  return {
    ran: true,
    status: r.status,
    stdout: r.stdout ?? '',
    stderrTail: (r.stderr ?? '').trim().split('\n').slice(-5).join('\n'),
    json,
    note,
  };
}
