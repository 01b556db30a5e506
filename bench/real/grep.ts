import { runCommand } from './run-command.js';
import type { RealContext, RealRun } from './types.js';
import type { Fact } from '../workloads/types.js';

/**
 * `grep -rn handleError` over express and sql.js in node_modules: ~200 hits in 20 files, most of them in sql.js's
 * dist builds, some of them minified lines hundreds of characters long. Facts: where `handleError` is defined
 * (`Database.prototype.handleError = function`, file:line) and every file that mentions it.
 */
export function grepRun(ctx: RealContext): RealRun {
  const args = ['-rn', 'handleError', 'node_modules/express', 'node_modules/sql.js'];
  const command = `grep ${args.join(' ')}`;
  const r = runCommand('grep', args, { cwd: ctx.root, timeoutMs: 30_000 });
  if (!r.ok) return { skipped: r.note ?? 'grep did not run', command };
  if (r.stdout.trim() === '') return { skipped: 'grep found nothing (are express and sql.js installed?)', command };
  const facts: Fact[] = [];
  const files = new Set<string>();
  for (const line of r.stdout.split('\n')) {
    const m = /^([^:]+):(\d+):(.*)$/.exec(line);
    if (!m) continue;
    files.add(m[1]);
    if (/prototype\.handleError = function/.test(m[3])) facts.push({ path: m[1], line: Number(m[2]) });
  }
  facts.push(...[...files].sort());
  return {
    workload: {
      id: 'grep',
      title: 'grep -rn handleError (express + sql.js)',
      command,
      question: 'Where is handleError defined, and which files call it?',
      source: 'real',
      units: [{ name: command, text: r.stdout, facts }],
    },
  };
}
