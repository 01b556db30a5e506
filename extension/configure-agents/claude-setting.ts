/**
 * The Claude Code extension's `claudeCode.environmentVariables` user setting. Only touched when that extension is
 * installed: VS Code refuses to write a setting no installed extension declares.
 */
import * as vscode from 'vscode';
import {
  CLAUDE_CODE_SETTING,
  clearSettingRecord,
  readSettingRecord,
  restoreClaudeCodeEnvironment,
  routeClaudeCodeEnvironment,
  saveSettingRecord,
  type ClaudeCodeSettingRecord,
} from '../../core/agents/index.js';
import { pretty, type SettingChange } from './setting-change.js';

const LABEL = `${CLAUDE_CODE_SETTING} (user settings)`;
const PREVIEW = `${CLAUDE_CODE_SETTING}.json`;

function current(): unknown {
  return vscode.workspace.getConfiguration().inspect(CLAUDE_CODE_SETTING)?.globalValue;
}

function isRecord(v: unknown): v is ClaudeCodeSettingRecord {
  return !!v && typeof v === 'object' && typeof (v as ClaudeCodeSettingRecord).ourValue === 'string';
}

async function write(value: unknown[] | undefined): Promise<void> {
  await vscode.workspace.getConfiguration().update(CLAUDE_CODE_SETTING, value, vscode.ConfigurationTarget.Global);
}

/** The setting change that points Claude Code's extension at the proxy; undefined when there is nothing to do. */
export function planClaudeSetting(backupDir: string, proxyUrl: string): SettingChange | undefined | { error: string } {
  const now = current();
  const prev = readSettingRecord(backupDir, 'claude-code', CLAUDE_CODE_SETTING);
  const r = routeClaudeCodeEnvironment(now, proxyUrl, isRecord(prev) ? prev : undefined);
  if (r === null) return undefined;
  if ('error' in r) return r;
  return {
    agent: 'claude-code',
    label: LABEL,
    previewName: PREVIEW,
    before: pretty(now),
    after: pretty(r.value),
    summary: [r.summary],
    upstreams: [],
    apply: async () => {
      await write(r.value);
      saveSettingRecord(backupDir, 'claude-code', CLAUDE_CODE_SETTING, r.record);
    },
  };
}

/** Undoes our entry in the setting (and only ours); undefined when nothing of Headroom's is recorded. */
export function planClaudeSettingRestore(backupDir: string): SettingChange | undefined {
  const rec = readSettingRecord(backupDir, 'claude-code', CLAUDE_CODE_SETTING);
  if (!isRecord(rec)) return undefined;
  const now = current();
  const r = restoreClaudeCodeEnvironment(now, rec);
  return {
    agent: 'claude-code',
    label: LABEL,
    previewName: PREVIEW,
    before: pretty(now),
    after: pretty(r.value),
    summary: [r.summary],
    upstreams: [],
    apply: async () => {
      await write(r.value);
      clearSettingRecord(backupDir, 'claude-code', CLAUDE_CODE_SETTING);
    },
  };
}
