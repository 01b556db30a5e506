import { rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { learn, learnPlan, unifiedDiff, type FilePlan } from '../learn/index.js';
import type { CliIo } from './io.js';
import { isFolder } from './is-folder.js';

/**
 * `headroom learn [--workspace DIR] [--apply] [--json] [--days N]`: mines the workspace's agent session logs and
 * proposes a managed block for AGENTS.md (and CLAUDE.md when Claude Code is used). Prints the block and the diff;
 * writes only with --apply. No logs is not an error: a clear message and exit 0.
 */
export async function learnCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      workspace: { type: 'string', short: 'w' },
      apply: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      days: { type: 'string' },
    },
  });
  const workspace = resolve(values.workspace ?? process.cwd());
  if (!(await isFolder(workspace))) {
    io.err(`headroom learn: ${workspace} is not a folder`);
    return 2;
  }
  const days = values.days === undefined ? 30 : Number(values.days);
  if (!Number.isInteger(days) || days < 1) {
    io.err(`headroom learn: --days takes a whole number of days ≥ 1, not "${values.days}"`);
    return 2;
  }
  const result = await learn({ workspace, home: io.env.HOME?.trim() || homedir(), env: io.env, days });
  // no logs in the window says nothing about the lessons already written: they expire by their own age, so a
  // narrow --days must not propose removing them
  const plans = result.sessionsRead === 0 ? [] : await learnPlan(result);
  const changed = plans.filter((p) => p.changed);
  const written: string[] = [];
  if (values.apply) for (const p of changed) written.push(await writeAtomic(p));
  const errors = plans.filter((p) => p.error);

  if (values.json) {
    const { lessons, block, summary, sessionsRead, filesRead, bySource, toolCalls, failures, linesSkipped, warnings } =
      result;
    const files = plans.map((p) => ({
      path: p.path,
      exists: p.exists,
      changed: p.changed,
      ...(p.error ? { error: p.error } : {}),
    }));
    io.out(
      JSON.stringify({
        workspace: result.workspace,
        summary,
        sessionsRead,
        filesRead,
        bySource,
        toolCalls,
        failures,
        linesSkipped,
        lessons,
        block,
        files,
        applied: written,
        warnings,
      }) + '\n',
    );
    return values.apply && errors.length ? 1 : 0;
  }

  io.out(result.summary + '\n');
  if (result.sessionsRead === 0) io.out(`Looked in:\n${result.searched.map((s) => `  ${s}`).join('\n')}\n`);
  for (const e of errors) io.err(`headroom learn: left ${basename(e.path)} alone: ${e.error}`);
  if (!changed.length) {
    io.out(
      result.sessionsRead > 0
        ? 'Nothing to change: the files already hold these lessons.\n'
        : 'Nothing to change: lessons already written are kept until they expire.\n',
    );
    return values.apply && errors.length ? 1 : 0;
  }
  if (result.block) io.out('\n' + result.block + '\n');
  for (const p of changed) io.out('\n' + unifiedDiff(basename(p.path), p.exists ? p.before : '', p.after));
  if (values.apply) io.out('\n' + written.map((w) => `wrote ${w}`).join('\n') + '\n');
  else io.out(`\nRun with --apply to write ${changed.map((p) => basename(p.path)).join(' and ')}.\n`);
  return values.apply && errors.length ? 1 : 0;
}

/** Writes next to the target and renames over it, so a crash never leaves half a file. */
async function writeAtomic(p: FilePlan): Promise<string> {
  const tmp = `${p.path}.headroom-${process.pid}.tmp`;
  await writeFile(tmp, p.after, 'utf8');
  await rename(tmp, p.path);
  return p.path;
}
