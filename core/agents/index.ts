/**
 * The agent catalogue: one entry per coding agent (core/agents/<agent>.ts), each with its product name, the
 * user-agent patterns that identify it, its persistent configuration (plan / apply / restore: `headroom configure`
 * and the extension's "Configure Agents") and its per-run wrap (`headroom wrap`). Adding an agent is one file and one
 * line in CATALOGUE. Pure Node, no `vscode`: the extension and the CLI only ask and show.
 *
 *   const plan = planRouting('continue', env, 'http://127.0.0.1:8787', backupDir);
 *   if ('error' in plan) showError(plan.error); else if (await confirm(plan)) applyChanges(plan, backupDir);
 *   …
 *   const undo = planRestore('continue', env, backupDir);   // same flow
 *
 * Nothing here writes except `applyChanges` (and the setting-record helpers, which write only in backupDir).
 */
import type { AgentEnv, AgentId, Detection, PlanResult } from './types.js';
import type { AgentEntry } from './entry.js';
import { claudeCode } from './claude-code.js';
import { codex } from './codex.js';
import { continueAgent } from './continue.js';
import { cline } from './cline.js';
import { copilot } from './copilot.js';
import { copilotSubscription } from './copilot-subscription.js';
import { gemini } from './gemini.js';
import { opencode } from './opencode.js';
import { aider } from './aider.js';
import { readManifest } from './edit/manifest.js';
import { planRestore as planRestoreFromManifest } from './edit/restore.js';

export type {
  AgentEnv,
  AgentId,
  AppliedFile,
  AppliedRecord,
  Detection,
  EditRecord,
  JsonValue,
  PlannedChange,
  PlanResult,
  Upstream,
} from './types.js';
export type { AgentEntry } from './entry.js';
export { applyChanges, ApplyRefusedError } from './edit/apply.js';
export {
  CLAUDE_CODE_SETTING,
  routeClaudeCodeEnvironment,
  restoreClaudeCodeEnvironment,
  type ClaudeCodeSettingRecord,
} from './claude-code-setting.js';
export { saveSettingRecord, readSettingRecord, clearSettingRecord } from './edit/manifest.js';
export { EXTENSION_IDS, defaultVscodeUserDir } from './locations.js';

/** Every agent, in the order lists show them. */
export const CATALOGUE: readonly AgentEntry[] = [
  claudeCode,
  codex,
  continueAgent,
  cline,
  copilot,
  copilotSubscription,
  gemini,
  opencode,
  aider,
];

/** The agents that have a persistent configuration, by id (what `headroom configure` accepts). */
export const AGENT_IDS: readonly AgentId[] = CATALOGUE.flatMap((e) => (e.configure ? [e.configure.id] : []));

export function isAgentId(id: string): id is AgentId {
  return (AGENT_IDS as readonly string[]).includes(id);
}

export function agentEntry(id: string): AgentEntry | undefined {
  return CATALOGUE.find((e) => e.id === id);
}

function configurePart(agent: AgentId) {
  const part = agentEntry(agent)?.configure;
  if (!part) throw new Error(`unknown agent ${agent}`);
  return part;
}

/**
 * The product behind a request, from its User-Agent (e.g. "claude-cli/1.0.3 (external, cli)" → "Claude Code",
 * "codex_exec/0.5" → "Codex"); SDK defaults and unknown clients keep the first word, so the panel still tells them
 * apart.
 */
export function agentNameFromUserAgent(ua: string | undefined): string | undefined {
  if (!ua) return undefined;
  for (const e of CATALOGUE) if (e.userAgents.some((re) => re.test(ua))) return e.displayName;
  return ua.split(/[\s/]/)[0]?.slice(0, 40) || undefined;
}

/** Every agent with a persistent configuration, installed or not, in catalogue order. */
export function detectAgents(env: AgentEnv): Detection[] {
  return AGENT_IDS.map((id) => configurePart(id).detect(env));
}

/** Values Headroom wrote for `agent` (its manifest's edits), so a value on an old port is known as ours. */
function ownValues(agent: AgentId, backupDir: string | undefined): string[] {
  if (!backupDir) return [];
  try {
    const m = readManifest(backupDir, agent);
    return (m?.files ?? [])
      .flatMap((f) => f.edits.map((e) => e.value))
      .filter((v): v is string => typeof v === 'string');
  } catch {
    return [];
  }
}

/**
 * The edits that route `agent` through the proxy at `proxyUrl` (e.g. `http://127.0.0.1:8787`). Reads files, never
 * writes (except Headroom's own Copilot route secret, made once). `[]` means it is already routed; `{ error }` says
 * in plain words why it cannot be (a file that does not parse is named and never rewritten). With `backupDir`, values
 * Headroom wrote before on another port are moved to this one.
 */
export function planRouting(agent: AgentId, env: AgentEnv, proxyUrl: string, backupDir?: string): PlanResult {
  try {
    const own = ownValues(agent, backupDir);
    return configurePart(agent).plan(
      own.length ? { ...env, ownValues: [...(env.ownValues ?? []), ...own] } : env,
      proxyUrl,
    );
  } catch (e) {
    // A config we did not expect must not take the command down; say what happened, change nothing.
    return { error: `Could not plan routing for ${agent}: ${(e as Error).message}` };
  }
}

/**
 * The exact undo of everything Headroom changed for `agent`, from the manifest in `backupDir`: our entries removed,
 * replaced values put back, the user's other edits kept. Reads files, never writes; apply it with `applyChanges`.
 */
export function planRestore(agent: AgentId, env: AgentEnv, backupDir: string): PlanResult {
  try {
    return planRestoreFromManifest(agent, env, backupDir);
  } catch (e) {
    return { error: `Could not plan the restore for ${agent}: ${(e as Error).message}` };
  }
}

/**
 * Agents Headroom routed before (a manifest exists) whose settings no longer match `proxyUrl` — typically after the
 * port changed. Re-planning them moves only the values Headroom wrote; the caller shows that plan and asks.
 */
export function agentsToMove(env: AgentEnv, proxyUrl: string, backupDir: string): AgentId[] {
  return AGENT_IDS.filter((agent) => {
    let m;
    try {
      m = readManifest(backupDir, agent);
    } catch {
      return false;
    }
    if (!m?.files.length) return false;
    const plan = planRouting(agent, env, proxyUrl, backupDir);
    return !('error' in plan) && plan.length > 0;
  });
}
