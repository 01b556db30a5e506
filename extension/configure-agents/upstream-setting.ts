/**
 * Restore of Headroom's own `headroom.upstream.*` settings that earlier versions set when routing an agent replaced a
 * custom endpoint (one upstream per protocol, shared by every agent — issue 14). Routing now gives each custom endpoint
 * a per-agent route instead (core/agents/routes.ts); only the undo of those old records is left here: put back unless
 * the user has changed the setting since.
 */
import * as vscode from 'vscode';
import { clearSettingRecord, readSettingRecord, type AgentId } from '../../core/agents/index.js';
import type { JsonValue } from '../../core/agents/types.js';
import { readConfig, SECTION, SETTING_KEYS } from '../config.js';
import { pretty, type SettingChange } from './setting-change.js';

interface UpstreamRecord {
  [key: string]: JsonValue;
  /** The user-settings value before (null: not set, the default applied). */
  previous: string | null;
  ours: string;
}

const FAMILIES = ['openai', 'anthropic'] as const;
type Family = (typeof FAMILIES)[number];
const fullKey = (family: Family) => `${SECTION}.${SETTING_KEYS[family]}`;

function userValue(key: string): string | undefined {
  return vscode.workspace.getConfiguration().inspect<string>(key)?.globalValue;
}

/** The upstream the proxy uses now (read as the proxy reads it: never a workspace's value). */
function effective(family: Family): string {
  return readConfig(vscode.workspace.getConfiguration(SECTION)).upstream[family];
}

function isRecord(v: unknown): v is UpstreamRecord {
  return !!v && typeof v === 'object' && typeof (v as UpstreamRecord).ours === 'string';
}

async function write(key: string, value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration().update(key, value, vscode.ConfigurationTarget.Global);
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
      summary: [
        ours ? `${key}: ${rec.ours} → ${back ?? '(default)'}` : `${key} changed since Headroom set it — left as it is`,
      ],
      upstreams: [],
      apply: async () => {
        if (ours) await write(key, back);
        clearSettingRecord(backupDir, agent, key);
      },
    });
  }
  return out;
}
