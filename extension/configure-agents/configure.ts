/**
 * "Headroom: Configure Agents": pick the installed agents to route, see every change as a diff, agree, and only
 * then write (backed up, atomically, recorded for restore). Agents that cannot be routed say why.
 */
import * as vscode from 'vscode';
import { dirname } from 'node:path';
import {
  ApplyRefusedError,
  applyChanges,
  detectAgents,
  planRouting,
  type AgentId,
  type Detection,
  type PlannedChange,
} from '../../core/agents/index.js';
import type { HeadroomConfig } from '../config.js';
import type { PreviewDocuments } from '../documents.js';
import type { ProxyService } from '../proxy-service.js';
import { agentEnv } from './agent-env.js';
import { planClaudeSetting } from './claude-setting.js';
import { previewAndConfirm } from './preview.js';
import type { SettingChange } from './setting-change.js';

export interface AgentCommandDeps {
  context: vscode.ExtensionContext;
  service: ProxyService;
  docs: PreviewDocuments;
  /** Where backups and manifests go (`<store>/agent-backups`). */
  backupDir(): string;
  config(): HeadroomConfig;
  log: vscode.LogOutputChannel;
}

/**
 * Arguments for running the command from a keybinding or another extension: `agents` skips the quick pick; `yes`
 * is the caller's consent, so the dialog is skipped (the diffs still open).
 */
export interface AgentCommandArgs {
  agents?: AgentId[];
  yes?: boolean;
}

export interface AgentCommandResult {
  done: AgentId[];
  skipped: { agent: AgentId; reason: string }[];
}

interface Pick extends vscode.QuickPickItem {
  detection: Detection;
}

async function choose(detections: Detection[]): Promise<AgentId[]> {
  const installed = detections.filter((d) => d.installed);
  if (!installed.length) {
    const names = detections.map((d) => d.label).join(', ');
    void vscode.window.showInformationMessage(
      `Headroom found none of the agents it can route (${names}) on this machine.`,
    );
    return [];
  }
  const items: Pick[] = installed.map((d) => ({
    label: d.routable ? d.label : `$(circle-slash) ${d.label}`,
    description: d.routable ? (d.configPaths[0] ?? '') : 'cannot be routed',
    detail: d.note,
    detection: d,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: 'Headroom: route these agents through the local proxy',
    placeHolder: 'Pick agents; every change is shown as a diff and needs your OK before it is written',
    ignoreFocusOut: true,
  });
  if (!picked) return [];
  for (const p of picked.filter((x) => !x.detection.routable)) {
    void vscode.window.showWarningMessage(
      `${p.detection.label} cannot be routed: ${p.detection.note ?? 'no configuration Headroom can edit.'}`,
    );
  }
  return picked.filter((p) => p.detection.routable).map((p) => p.detection.agent);
}

async function settingChanges(
  agent: AgentId,
  deps: AgentCommandDeps,
  url: string,
  installed: readonly string[],
): Promise<SettingChange[] | { error: string }> {
  if (agent === 'claude-code' && installed.includes('anthropic.claude-code')) {
    const s = planClaudeSetting(deps.backupDir(), url);
    if (s && 'error' in s) return s;
    return s ? [s] : [];
  }
  return [];
}

export async function configureAgents(
  deps: AgentCommandDeps,
  args: AgentCommandArgs = {},
): Promise<AgentCommandResult> {
  const result: AgentCommandResult = { done: [], skipped: [] };
  const url = deps.service.url;
  if (!url) {
    void vscode.window.showErrorMessage(
      'The Headroom proxy is not running, so there is nothing to route agents to. Check "Headroom: Show Logs".',
    );
    return result;
  }
  const env = agentEnv(deps.context, dirname(deps.backupDir()));
  const detections = detectAgents(env);
  const agents = args.agents ?? (await choose(detections));
  for (const agent of agents) {
    const label = detections.find((d) => d.agent === agent)?.label ?? agent;
    const skip = (reason: string, show = true) => {
      result.skipped.push({ agent, reason });
      deps.log.info(`configure ${agent}: ${reason}`);
      if (show) void vscode.window.showWarningMessage(`${label}: ${reason}`);
    };
    const plan = planRouting(agent, env, url, deps.backupDir());
    if ('error' in plan) {
      skip(plan.error);
      continue;
    }
    const settings = await settingChanges(agent, deps, url, env.installedExtensions ?? []);
    if ('error' in settings) {
      skip(settings.error);
      continue;
    }
    if (!plan.length && !settings.length) {
      skip(`already routed through ${url}.`, false);
      void vscode.window.showInformationMessage(`${label} already goes through Headroom (${url}).`);
      continue;
    }
    const ok = await previewAndConfirm(deps.docs, {
      question: `Route ${label} through Headroom at ${url}?`,
      files: plan,
      settings,
      notes: [],
      action: 'Apply',
      assumeYes: args.yes,
    });
    if (!ok) {
      skip('cancelled; nothing was changed.', false);
      continue;
    }
    try {
      write(plan, deps);
      for (const s of settings) await s.apply();
    } catch (e) {
      skip(e instanceof ApplyRefusedError ? e.message : `writing failed: ${(e as Error).message}`);
      continue;
    }
    result.done.push(agent);
    deps.log.info(
      `configure ${agent}: routed through ${url} (${plan.map((c) => c.file).join(', ') || 'settings only'})`,
    );
  }
  if (result.done.length) {
    const names = result.done.map((a) => detections.find((d) => d.agent === a)?.label ?? a).join(', ');
    void vscode.window.showInformationMessage(
      `${names} now ${result.done.length === 1 ? 'goes' : 'go'} through Headroom. Restart running agent sessions to ` +
        `pick it up; "Headroom: Restore Agent Settings" undoes it.`,
    );
  }
  return result;
}

function write(plan: PlannedChange[], deps: AgentCommandDeps): void {
  if (!plan.length) return;
  const applied = applyChanges(plan, deps.backupDir());
  for (const f of applied.files)
    deps.log.info(`  ${f.action} ${f.file}${f.backupPath ? ` (backup ${f.backupPath})` : ''}`);
}
