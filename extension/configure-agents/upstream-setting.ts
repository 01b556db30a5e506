/**
 * Headroom's own `headroom.upstream.*` settings, when routing an agent replaces a custom endpoint: set with the
 * agent's other changes (shown, agreed, recorded in its manifest) and put back by its restore — unless the user has
 * changed the setting since.
 */
import * as vscode from 'vscode';
import { clearSettingRecord, readSettingRecord, saveSettingRecord, type AgentId } from '../../core/agents/index.js';
import type { JsonValue } from '../../core/agents/types.js';
import { readConfig, SECTION, SETTING_KEYS } from '../config.js';
import { pretty, type SettingChange } from './setting-change.js';
import type { UpstreamUpdate } from './upstreams.js';

interface UpstreamRecord {
  [key: string]: JsonValue;
  /** The user-settings value before (null: not set, the default applied). */
  previous: string | null;
  ours: string;
}

const FAMILIES = ['openai', 'anthropic'] as const;
const fullKey = (family: UpstreamUpdate['family']) => `${SECTION}.${SETTING_KEYS[family]}`;

function userValue(key: string): string | undefined {
  return vscode.workspace.getConfiguration().inspect<string>(key)?.globalValue;
}

/** The upstream the proxy uses now (read as the proxy reads it: never a workspace's value). */
function effective(family: UpstreamUpdate['family']): string {
  return readConfig(vscode.workspace.getConfiguration(SECTION)).upstream[family];
}

function isRecord(v: unknown): v is UpstreamRecord {
  return !!v && typeof v === 'object' && typeof (v as UpstreamRecord).ours === 'string';
}

async function write(key: string, value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration().update(key, value, vscode.ConfigurationTarget.Global);
}

export function upstreamSettingChanges(agent: AgentId, backupDir: string, updates: readonly UpstreamUpdate[]): SettingChange[] {
  return updates.map((u) => {
    const key = fullKey(u.family);
    const now = userValue(key);
    return {
      agent,
      label: `${key} (user settings)`,
      previewName: `${key}.json`,
      before: pretty({ [key]: now ?? effective(u.family) }),
      after: pretty({ [key]: u.url }),
      summary: [`${key}: ${now ?? `${effective(u.family)} (default)`} → ${u.url}, so the proxy forwards ${u.family} requests where this agent sent them`],
      upstreams: [],
      apply: async () => {
        await write(key, u.url);
        saveSettingRecord(backupDir, agent, key, { previous: now ?? null, ours: u.url });
      },
    };
  });
}

export function upstreamSettingRestores(agent: AgentId, backupDir: string): SettingChange[] {
  const out: SettingChange[] = [];
  for (const family of FAMILIES) {
    const key = fullKey(family);
    const rec = readSettingRecord(backupDir, agent, key);
    if (!isRecord(rec)) continue;
    const now = userValue(key);
    const ours = now === rec.ours;
    const back = rec.previous ?? undefined;
    out.push({
      agent,
      label: `${key} (user settings)`,
      previewName: `${key}.json`,
      before: pretty({ [key]: now ?? effective(family) }),
      after: pretty({ [key]: ours ? (back ?? '(default)') : now }),
      summary: [ours ? `${key}: ${rec.ours} → ${back ?? '(default)'}` : `${key} changed since Headroom set it — left as it is`],
      upstreams: [],
      apply: async () => {
        if (ours) await write(key, back);
        clearSettingRecord(backupDir, agent, key);
      },
    });
  }
  return out;
}
