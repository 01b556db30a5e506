/** Routing Roo Code through its extension API (it has no config file we could edit). */
import * as vscode from 'vscode';
import { clearSettingRecord, EXTENSION_IDS, readSettingRecord, saveSettingRecord } from '../agents/index.js';
import { isRooRecord, restoreRoo, ROO_SETTING_KEY, routeRoo } from './roo-settings.js';
import { pretty, type SettingChange } from './setting-change.js';

interface RooApi {
  getConfiguration(): Record<string, unknown>;
  setConfiguration(values: Record<string, unknown>): Promise<void>;
}

function isRooApi(v: unknown): v is RooApi {
  const o = v as Partial<RooApi> | undefined;
  return typeof o?.getConfiguration === 'function' && typeof o.setConfiguration === 'function';
}

async function rooApi(): Promise<RooApi | { error: string }> {
  const ext = vscode.extensions.getExtension(EXTENSION_IDS.roo);
  if (!ext) return { error: 'Roo Code is not installed in this VS Code.' };
  const api: unknown = ext.isActive ? ext.exports : await ext.activate();
  return isRooApi(api) ? api : { error: 'Roo Code did not expose its configuration API (an older version?). Set its base URL by hand.' };
}

/** Only the fields we show: Roo's configuration also holds API keys, which must never reach a preview. */
function shown(settings: Record<string, unknown>, key: string): Record<string, unknown> {
  return { apiProvider: settings.apiProvider, [key]: settings[key] };
}

export async function planRooSetting(backupDir: string, proxyUrl: string): Promise<SettingChange | undefined | { error: string }> {
  const api = await rooApi();
  if ('error' in api) return api;
  const settings = api.getConfiguration();
  const r = routeRoo(settings, proxyUrl);
  if (r === null || 'error' in r) return r ?? undefined;
  return {
    agent: 'roo',
    label: 'Roo Code configuration (through its API)',
    previewName: 'roo-code-configuration.json',
    before: pretty(shown(settings, r.record.key)),
    after: pretty(shown({ ...settings, ...r.update }, r.record.key)),
    summary: [r.summary],
    upstreams: r.upstreams,
    apply: async () => {
      await api.setConfiguration({ ...api.getConfiguration(), ...r.update });
      saveSettingRecord(backupDir, 'roo', ROO_SETTING_KEY, r.record);
    },
  };
}

export async function planRooRestore(backupDir: string): Promise<SettingChange | undefined | { error: string }> {
  const rec = readSettingRecord(backupDir, 'roo', ROO_SETTING_KEY);
  if (!isRooRecord(rec)) return undefined;
  const api = await rooApi();
  if ('error' in api) return api;
  const settings = api.getConfiguration();
  const r = restoreRoo(settings, rec);
  return {
    agent: 'roo',
    label: 'Roo Code configuration (through its API)',
    previewName: 'roo-code-configuration.json',
    before: pretty(shown(settings, rec.key)),
    after: pretty(shown({ ...settings, ...r.update }, rec.key)),
    summary: [r.summary],
    upstreams: [],
    apply: async () => {
      await api.setConfiguration({ ...api.getConfiguration(), ...r.update });
      clearSettingRecord(backupDir, 'roo', ROO_SETTING_KEY);
    },
  };
}
