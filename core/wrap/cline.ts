/**
 * The `cline` CLI reads its providers from `~/.cline/data/settings/providers.json`, and from the file named by
 * CLINE_PROVIDER_SETTINGS_PATH when that is set (cline sets it itself for --data-dir sandboxes). wrap writes a
 * per-run copy with the Anthropic / OpenAI / OpenAI Compatible providers' `baseUrl` pointed at the proxy and sets
 * that variable; the user's file is never changed. Settings cline saves during the run go to the copy and are lost.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentPlan, AgentSpec, Family, WrapEnv } from './types.js';
import { proxyBase, upstreamFrom } from './urls.js';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Provider kind → family and base form (shared/agents/config/cline-providers-*.json: anthropic bare, OpenAI with /v1). */
const KINDS: Record<string, { family: Family; base: (proxy: string) => string }> = {
  anthropic: { family: 'anthropic', base: proxyBase.anthropicSdk },
  openai: { family: 'openai', base: proxyBase.openai },
  'openai-native': { family: 'openai', base: proxyBase.openai },
  'openai-compatible': { family: 'openai', base: proxyBase.openai },
};

export function clineProvidersFile(env: NodeJS.ProcessEnv, home: string): string {
  if (env.CLINE_PROVIDER_SETTINGS_PATH?.trim()) return env.CLINE_PROVIDER_SETTINGS_PATH.trim();
  const data = env.CLINE_DATA_DIR?.trim() || join(env.CLINE_DIR?.trim() || join(home, '.cline'), 'data');
  return join(data, 'settings', 'providers.json');
}

const unchanged = (note: string, args: readonly string[]): AgentPlan => ({ upstreams: {}, families: [], notes: [note], launch: () => ({ args: [...args], env: {}, files: [] }) });

export const cline: AgentSpec = {
  name: 'cline',
  bin: 'cline',
  how: 'per-run config: a temp copy of providers.json with baseUrl=<proxy>, named by CLINE_PROVIDER_SETTINGS_PATH',
  plan({ env, home, args }: WrapEnv): AgentPlan {
    const file = clineProvidersFile(env, home);
    if (!existsSync(file)) return unchanged(`no ${file} (choose a provider in cline first); running cline unchanged`, args);
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      return unchanged(`${file} is not valid JSON (${(e as Error).message}); running cline unchanged`, args);
    }
    const providers = isObj(doc) && isObj(doc.providers) ? doc.providers : {};
    const upstreams: Partial<Record<Family, string>> = {};
    const routed: { id: string; family: Family; base: (p: string) => string }[] = [];
    const notes: string[] = [];
    for (const [id, entry] of Object.entries(providers)) {
      const settings = isObj(entry) && isObj(entry.settings) ? entry.settings : undefined;
      const kind = KINDS[settings && typeof settings.provider === 'string' ? settings.provider : id];
      if (!settings || !kind) continue;
      const upstream = settings.baseUrl === undefined ? undefined : upstreamFrom(settings.baseUrl, kind.family);
      if (upstreams[kind.family] && upstream !== upstreams[kind.family]) {
        notes.push(`provider ${id} uses another ${kind.family} endpoint and goes direct`);
        continue;
      }
      if (upstream) upstreams[kind.family] = upstream;
      routed.push({ id, ...kind });
    }
    if (!routed.length) return unchanged(`no Anthropic or OpenAI provider in ${file}; running cline unchanged (other providers go direct)`, args);
    return {
      upstreams,
      families: [...new Set(routed.map((r) => r.family))],
      notes,
      launch: (proxy, tmpDir) => {
        const out = structuredClone(doc) as { providers: Record<string, { settings: Record<string, unknown> }> };
        for (const r of routed) out.providers[r.id].settings.baseUrl = r.base(proxy);
        const copy = join(tmpDir, 'cline-providers.json');
        writeFileSync(copy, JSON.stringify(out, null, 2) + '\n', { mode: 0o600 });
        return { args: [...args], env: { CLINE_PROVIDER_SETTINGS_PATH: copy }, files: [copy] };
      },
    };
  },
};
