/**
 * Agent-configuration writers: find the coding agents a user has, plan the edits that send their traffic through the
 * Headroom proxy, apply them (backed up, atomic, recorded), and plan the exact undo. Pure Node, no `vscode`: the
 * extension's commands show each plan's `before`/`after` as a diff, ask, then call `applyChanges`.
 *
 *   const plan = planRouting('continue', env, 'http://127.0.0.1:8787');
 *   if ('error' in plan) showError(plan.error); else if (await confirm(plan)) applyChanges(plan, backupDir);
 *   …
 *   const undo = planRestore('continue', env, backupDir);   // same flow
 *
 * Nothing here writes except `applyChanges` (and the setting-record helpers, which write only in backupDir).
 */
import type { AgentEnv, AgentId, Detection, PlanResult } from './types.js';
import { detectClaudeCode, planClaudeCode } from './claude-code.js';
import { detectCodex, planCodex } from './codex.js';
import { detectContinue, planContinue } from './continue.js';
import { detectCline, planCline } from './cline.js';
import { detectCopilot, planCopilot } from './copilot.js';
import { detectRoo, planRoo } from './roo.js';
import { planRestore as planRestoreFromManifest } from './restore.js';

export type {
  AgentEnv,
  AgentId,
  AppliedFile,
  AppliedRecord,
  Detection,
  EditRecord,
  PlannedChange,
  PlanResult,
  Upstream,
} from './types.js';
export { applyChanges, ApplyRefusedError } from './apply.js';
export {
  CLAUDE_CODE_SETTING,
  routeClaudeCodeEnvironment,
  restoreClaudeCodeEnvironment,
  type ClaudeCodeSettingRecord,
} from './claude-code-setting.js';
export { saveSettingRecord, readSettingRecord, clearSettingRecord } from './manifest.js';
export { EXTENSION_IDS } from './locations.js';
export { ROO_NOTE } from './roo.js';

export const AGENT_IDS: readonly AgentId[] = ['copilot', 'continue', 'cline', 'roo', 'claude-code', 'codex'];

const DETECT: Record<AgentId, (env: AgentEnv) => Detection> = {
  copilot: detectCopilot,
  continue: detectContinue,
  cline: detectCline,
  roo: detectRoo,
  'claude-code': detectClaudeCode,
  codex: detectCodex,
};

const PLAN: Record<AgentId, (env: AgentEnv, proxyUrl: string) => PlanResult> = {
  copilot: planCopilot,
  continue: planContinue,
  cline: planCline,
  roo: planRoo,
  'claude-code': planClaudeCode,
  codex: planCodex,
};

/** Every supported agent, installed or not, in a fixed order (the quick pick shows the installed ones). */
export function detectAgents(env: AgentEnv): Detection[] {
  return AGENT_IDS.map((id) => DETECT[id](env));
}

/**
 * The edits that route `agent` through the proxy at `proxyUrl` (e.g. `http://127.0.0.1:8787`). Reads files, never
 * writes. `[]` means it is already routed; `{ error }` says in plain words why it cannot be (a file that does not
 * parse is named and never rewritten).
 */
export function planRouting(agent: AgentId, env: AgentEnv, proxyUrl: string): PlanResult {
  try {
    return PLAN[agent](env, proxyUrl);
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
