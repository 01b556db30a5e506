import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  AGENT_IDS,
  agentEntry,
  applyChanges,
  ApplyRefusedError,
  defaultVscodeUserDir,
  isAgentId,
  planRestore,
  planRouting,
  type AgentEnv,
  type AgentId,
  type PlannedChange,
} from '../agents/index.js';
import { lineDiff } from '../agents/edit/line-diff.js';
import { headroomHome } from '../config/home.js';
import { CliError } from './cli-error.js';
import type { CliIo } from './io.js';
import { usageLine } from './usage.js';

/** The Copilot route's secret path segment never reaches a terminal or a log. */
const maskSecret = (text: string) => text.replace(/\/copilot\/[A-Za-z0-9_-]{32,128}/g, '/copilot/<secret>');

interface AgentResult {
  agent: AgentId;
  name: string;
  changes: { file: string; action: 'create' | 'change' | 'delete' | 'none'; summary: string[]; diff: string }[];
  error?: string;
  applied?: { file: string; action: string; backup?: string }[];
}

function action(c: PlannedChange): AgentResult['changes'][number]['action'] {
  if (c.before === null) return c.after === null ? 'none' : 'create';
  return c.after === null ? 'delete' : 'change';
}

/**
 * `headroom configure AGENT… [--apply | --restore] [--port N] [--vscode-user-dir DIR] [--json]`: the agent
 * catalogue's persistent routing from the command line. Without a flag it prints the plan as a diff and writes nothing;
 * --apply writes it (each file backed up, written atomically, recorded); --restore undoes exactly what Headroom wrote.
 * Backups and records live in HEADROOM_HOME/agent-backups, shared with the extension's "Configure Agents".
 */
export async function configureCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      apply: { type: 'boolean', default: false },
      restore: { type: 'boolean', default: false },
      port: { type: 'string' },
      'vscode-user-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (!positionals.length)
    throw new CliError(`name at least one agent (${AGENT_IDS.join(', ')})\n${usageLine('configure')}`, 2);
  const unknown = positionals.filter((a) => !isAgentId(a));
  if (unknown.length)
    throw new CliError(
      `unknown agent ${unknown.map((a) => `"${a}"`).join(', ')}: choose from ${AGENT_IDS.join(', ')}`,
      2,
    );
  if (values.apply && values.restore) throw new CliError('--apply and --restore exclude each other', 2);
  const port = values.port === undefined ? 8787 : Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new CliError(`--port takes a port number 1–65535, not "${values.port}"`, 2);

  const home = io.env.HOME?.trim() || homedir();
  const store = headroomHome(io.env);
  const backupDir = join(store, 'agent-backups');
  const env: AgentEnv = {
    home,
    vscodeUserDirs: [
      values['vscode-user-dir']
        ? resolve(values['vscode-user-dir'])
        : defaultVscodeUserDir(home, process.platform, io.env),
    ],
    platform: process.platform,
    vars: io.env,
    headroomHome: store,
  };
  const proxyUrl = `http://127.0.0.1:${port}`;
  const results: AgentResult[] = [];
  for (const agent of [...new Set(positionals)] as AgentId[]) {
    const name = agentEntry(agent)?.displayName ?? agent;
    const r: AgentResult = { agent, name, changes: [] };
    results.push(r);
    const plan = values.restore ? planRestore(agent, env, backupDir) : planRouting(agent, env, proxyUrl, backupDir);
    if ('error' in plan) {
      // Nothing recorded is the normal answer to --restore for an agent Headroom never touched.
      if (!(values.restore && /no recorded changes/.test(plan.error))) r.error = plan.error;
      continue;
    }
    r.changes = plan.map((c) => ({
      file: c.file,
      action: action(c),
      summary: c.summary.map(maskSecret),
      diff: maskSecret(lineDiff(c.file, c.before, c.after)),
    }));
    if (!(values.apply || values.restore) || !plan.length) continue;
    try {
      const applied = applyChanges(plan, backupDir);
      r.applied = applied.files.map((f) => ({
        file: f.file,
        action: f.action,
        ...(f.backupPath ? { backup: f.backupPath } : {}),
      }));
    } catch (e) {
      r.error = e instanceof ApplyRefusedError ? e.message : `writing failed: ${(e as Error).message}`;
    }
  }

  if (values.json)
    io.out(
      JSON.stringify({
        proxy: proxyUrl,
        mode: values.apply ? 'apply' : values.restore ? 'restore' : 'plan',
        agents: results,
      }) + '\n',
    );
  else print(results, io, values.apply ? 'apply' : values.restore ? 'restore' : 'plan', proxyUrl);
  return results.some((r) => r.error) ? 1 : 0;
}

function print(results: AgentResult[], io: CliIo, mode: 'plan' | 'apply' | 'restore', proxyUrl: string): void {
  for (const r of results) {
    if (r.error) {
      io.err(`headroom configure: ${r.name}: ${maskSecret(r.error)}\n`);
      continue;
    }
    if (!r.changes.length) {
      io.out(
        mode === 'restore'
          ? `${r.name}: nothing of Headroom's to undo\n`
          : `${r.name}: already goes through ${proxyUrl}\n`,
      );
      continue;
    }
    io.out(`${r.name}:\n`);
    for (const c of r.changes) {
      io.out(`  ${c.file}\n${c.summary.map((l) => `    • ${l}\n`).join('')}`);
      if (mode === 'plan') io.out(c.diff);
    }
    if (r.applied)
      for (const f of r.applied) io.out(`  ${f.action} ${f.file}${f.backup ? ` (backup ${f.backup})` : ''}\n`);
  }
  if (mode === 'plan' && results.some((r) => !r.error && r.changes.length)) {
    io.out(
      `\nNothing was written. Run again with --apply to make these changes ` +
        `(each file is backed up; --restore undoes them).\n`,
    );
  }
}
