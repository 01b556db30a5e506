/**
 * "Headroom: Restore Agent Settings": for each agent Headroom changed, undo exactly its own edits (files and
 * settings), shown as diffs and confirmed first. Edits the user made since are kept; a file that no longer parses
 * is not touched.
 */
import * as vscode from 'vscode';
import { dirname } from 'node:path';
import {
  AGENT_IDS,
  agentEntry,
  ApplyRefusedError,
  applyChanges,
  planRestore,
  type AgentId,
  type PlannedChange,
} from '../../core/agents/index.js';
import { agentEnv } from './agent-env.js';
import { planClaudeSettingRestore } from './claude-setting.js';
import type { AgentCommandArgs, AgentCommandDeps, AgentCommandResult } from './configure.js';
import { previewAndConfirm } from './preview.js';
import { upstreamSettingRestores } from './upstream-setting.js';
import type { SettingChange } from './setting-change.js';

const label = (agent: AgentId) => agentEntry(agent)?.displayName ?? agent;

interface Candidate {
  agent: AgentId;
  files: PlannedChange[];
  settings: SettingChange[];
  errors: string[];
}

async function candidates(deps: AgentCommandDeps, only?: readonly AgentId[]): Promise<Candidate[]> {
  const env = agentEnv(deps.context, dirname(deps.backupDir()));
  const out: Candidate[] = [];
  for (const agent of only ?? AGENT_IDS) {
    const c: Candidate = { agent, files: [], settings: [], errors: [] };
    const plan = planRestore(agent, env, deps.backupDir());
    // "no recorded changes" is the normal case for an agent we never touched; any other error is worth showing
    if ('error' in plan) {
      if (!/no recorded changes/.test(plan.error)) c.errors.push(plan.error);
    } else c.files = plan;
    const setting = agent === 'claude-code' ? planClaudeSettingRestore(deps.backupDir()) : undefined;
    if (setting) c.settings.push(setting);
    c.settings.push(...upstreamSettingRestores(agent, deps.backupDir()));
    if (c.files.length || c.settings.length || c.errors.length) out.push(c);
  }
  return out;
}

export async function restoreAgents(deps: AgentCommandDeps, args: AgentCommandArgs = {}): Promise<AgentCommandResult> {
  const result: AgentCommandResult = { done: [], skipped: [] };
  const found = await candidates(deps, args.agents);
  if (!found.length) {
    void vscode.window.showInformationMessage(
      'Headroom has not changed any agent settings; there is nothing to restore.',
    );
    return result;
  }
  let chosen = found;
  if (!args.agents) {
    const picked = await vscode.window.showQuickPick(
      found.map((c) => ({
        label: label(c.agent),
        description: [...c.files.map((f) => f.file), ...c.settings.map((s) => s.label)].join(', '),
        detail: c.errors.join(' ') || undefined,
        picked: true,
        candidate: c,
      })),
      { canPickMany: true, title: 'Headroom: undo its changes to these agents', ignoreFocusOut: true },
    );
    if (!picked) return result;
    chosen = picked.map((p) => p.candidate);
  }
  for (const c of chosen) {
    const name = label(c.agent);
    if (c.errors.length) {
      result.skipped.push({ agent: c.agent, reason: c.errors.join(' ') });
      void vscode.window.showErrorMessage(`${name}: ${c.errors.join(' ')}`);
      if (!c.files.length && !c.settings.length) continue;
    }
    const ok = await previewAndConfirm(deps.docs, {
      question: `Undo Headroom's changes to ${name}?`,
      files: c.files,
      settings: c.settings,
      notes: [],
      action: 'Restore',
      assumeYes: args.yes,
    });
    if (!ok) {
      result.skipped.push({ agent: c.agent, reason: 'cancelled; nothing was changed.' });
      continue;
    }
    try {
      if (c.files.length) {
        const applied = applyChanges(c.files, deps.backupDir());
        for (const f of applied.files) deps.log.info(`restore ${c.agent}: ${f.action} ${f.file}`);
      }
      for (const s of c.settings) await s.apply();
    } catch (e) {
      const reason = e instanceof ApplyRefusedError ? e.message : `writing failed: ${(e as Error).message}`;
      result.skipped.push({ agent: c.agent, reason });
      void vscode.window.showErrorMessage(`${name}: ${reason}`);
      continue;
    }
    result.done.push(c.agent);
  }
  if (result.done.length) {
    void vscode.window.showInformationMessage(
      `Restored ${result.done.map((a) => label(a)).join(', ')}. Restart running agent sessions to pick it up.`,
    );
  }
  return result;
}
