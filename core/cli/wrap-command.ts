import { parseArgs } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { HeadroomStore, RequestRecord } from '../ccr/store-types.js';
import { readBaseFlags } from './base-flags.js';
import { resolveWorkspace } from '../memory/workspace.js';
import { AGENTS } from '../agents/wrap-agents.js';
import { findExecutable } from '../wrap/find-executable.js';
import { pickProxy, type PickedProxy } from '../wrap/proxy-pick.js';
import { PROSE_FLAGS, proseFromFlags } from './prose-model-flag.js';
import { exitCodeOf, runChild } from '../wrap/run-child.js';
import { formatRun, noteRunOutputs, sumRequests } from '../wrap/report.js';
import { collectShared } from '../wrap/shared-records.js';
import { openCliStore } from './cli-store.js';
import type { CliIo } from './io.js';
import { usageLine } from './usage.js';
import { initCodeForCli } from './assets.js';

const USAGE = usageLine('wrap');

/**
 * `headroom wrap <agent> [options] [-- args]`: runs a coding agent with its LLM traffic routed through Headroom.
 * Uses the proxy on 127.0.0.1:8787 when one is running and forwards where the agent's traffic went, else starts one
 * for this run; points the agent at it through its environment or a per-run config copy (never a permanent edit);
 * forwards SIGINT/SIGTERM/SIGHUP and the agent's exit code; prints the run's savings to stderr when it ends.
 */
export async function wrapCommand(argv: string[], io: CliIo): Promise<number> {
  const dash = argv.indexOf('--');
  const ours = dash < 0 ? argv : argv.slice(0, dash);
  const agentArgs = dash < 0 ? [] : argv.slice(dash + 1);
  let parsed;
  try {
    parsed = parseArgs({
      args: ours,
      allowPositionals: true,
      options: {
        port: { type: 'string' },
        'new-proxy': { type: 'boolean', default: false },
        bin: { type: 'string' },
        'anthropic-base': { type: 'string' },
        'openai-base': { type: 'string' },
        'gemini-base': { type: 'string' },
        ...PROSE_FLAGS,
      },
    });
  } catch (e) {
    io.err(`headroom wrap: ${(e as Error).message}\n(the agent's own arguments go after --)\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const spec = positionals[0] ? AGENTS[positionals[0]] : undefined;
  if (!spec || positionals.length > 1) {
    io.err(
      positionals[0] && !spec
        ? `headroom wrap: unknown agent "${positionals[0]}"\n${USAGE}`
        : `${USAGE}\n(the agent's own arguments go after --)`,
    );
    return 2;
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!/^\d+$/.test(values.port!) || port > 65535)) {
    io.err(`headroom wrap: --port must be a number from 0 to 65535, got "${values.port}"`);
    return 2;
  }

  // before any proxy starts or model loads: a missing agent should cost nothing
  const bin = values.bin ?? spec.bin;
  const found = findExecutable(bin, io.env);
  if (!found.ok) {
    const fix = values.bin ? 'give --bin the path of an executable' : `install it, or give --bin PATH`;
    io.err(`headroom wrap: cannot run ${spec.name}: ${found.message} (${fix})`);
    return 127;
  }

  const flags = await proseFromFlags(values, io, 'wrap');
  if (!flags) return 2;
  const { prose } = flags;

  const env = io.env;
  const plan = spec.plan({ env, home: env.HOME || homedir(), args: agentArgs });
  const given = readBaseFlags(values, 'wrap', io, ['anthropic', 'openai', 'gemini']);
  if (!given) return 2;
  const upstreams = { ...plan.upstreams, ...given };
  for (const n of plan.notes) io.err(`headroom: ${n}`);

  let store: HeadroomStore | undefined;
  const getStore = async () => (store ??= await openCliStore(io));
  let picked: (PickedProxy & { reason: string }) | undefined;
  if (plan.families.length) {
    try {
      picked = await pickProxy({
        store: getStore,
        upstreams,
        families: plan.families,
        port,
        fresh: values['new-proxy'],
        prose,
        beforeStart: () => initCodeForCli(),
      });
    } catch (e) {
      await prose?.model.close();
      await store?.close();
      io.err(`headroom wrap: cannot start the proxy: ${(e as Error).message}`);
      return 1;
    }
    io.err(`headroom: ${picked.reason}`);
  }

  const records: RequestRecord[] = [];
  let retrievals = 0;
  if (picked?.kind === 'own') {
    picked.proxy.events.on('request', (r) => records.push(r));
    picked.proxy.events.on('retrieval', () => retrievals++);
    picked.proxy.events.on('warning', (w) => io.debug(`proxy: ${w.message}`));
  }

  const tmpDir = mkdtempSync(join(tmpdir(), 'headroom-wrap-'));
  const started = Date.now();
  let exit;
  try {
    const launch = picked ? plan.launch(picked.url, tmpDir) : { args: agentArgs, env: {}, files: [] };
    const childEnv: NodeJS.ProcessEnv = { ...env };
    for (const [k, v] of Object.entries(launch.env)) {
      if (v === undefined) delete childEnv[k];
      else childEnv[k] = v;
    }
    exit = await runChild(bin, launch.args, childEnv);
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }
  if (exit.error)
    io.err(
      `headroom wrap: cannot run ${bin}: ` +
        (exit.error.code === 'ENOENT' ? 'not found on PATH (install it, or give --bin PATH)' : exit.error.message),
    );

  if (picked) {
    try {
      await report(io, spec.name, picked, records, retrievals, started, getStore);
    } catch (e) {
      io.err(`headroom: could not sum up this run: ${(e as Error).message}`);
    }
    if (picked.kind === 'own') await picked.proxy.close();
    await prose?.model.close();
  }
  await store?.close();
  return exitCodeOf(exit);
}

async function report(
  io: CliIo,
  agent: string,
  picked: PickedProxy,
  ownRecords: RequestRecord[],
  ownRetrievals: number,
  started: number,
  getStore: () => Promise<HeadroomStore>,
): Promise<void> {
  let records = ownRecords;
  let retrievals = ownRetrievals;
  let where = `own proxy ${picked.url}`;
  if (picked.kind === 'own') {
    // token counting happens just after forwarding: let the last request's record land
    await new Promise((r) => setTimeout(r, 50));
  } else {
    const shared = await collectShared(picked.url, started, Date.now() + 1, getStore);
    records = shared.records;
    retrievals = shared.retrievals;
    where = `shared proxy ${picked.url} (counts every client of it during this run)`;
  }
  const savings = sumRequests(records, retrievals);
  const store = await getStore();
  noteRunOutputs(store, resolveWorkspace(process.cwd()), `wrap-${randomUUID()}`, agent, records, savings);
  io.err(formatRun(agent, savings, where));
}
