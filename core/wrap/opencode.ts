/**
 * opencode merges OPENCODE_CONFIG_CONTENT (inline JSON) over every config file, as its highest-priority layer:
 * wrap sets the built-in anthropic / openai / google providers' `options.baseURL` there (nothing is written). A
 * baseURL the user already set there becomes the upstream. Custom providers (`npm: …openai-compatible`) in config
 * files keep their own baseURL and go direct.
 */
import type { AgentPlan, AgentSpec, Family, WrapEnv } from './types.js';
import { proxyBase, upstreamFrom } from './urls.js';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const PROVIDERS: { id: string; family: Family; base: (proxy: string) => string }[] = [
  { id: 'anthropic', family: 'anthropic', base: proxyBase.anthropicV1 },
  { id: 'openai', family: 'openai', base: proxyBase.openai },
  { id: 'google', family: 'gemini', base: proxyBase.geminiV1beta },
];

function parseInline(text: string | undefined): Record<string, unknown> {
  if (!text) return {};
  try {
    const v: unknown = JSON.parse(text);
    return isObj(v) ? v : {};
  } catch {
    return {};
  }
}

export const opencode: AgentSpec = {
  name: 'opencode',
  bin: 'opencode',
  how: 'environment: OPENCODE_CONFIG_CONTENT with provider.{anthropic,openai,google}.options.baseURL=<proxy>',
  plan({ env, args }: WrapEnv): AgentPlan {
    const inline = parseInline(env.OPENCODE_CONFIG_CONTENT);
    const given = isObj(inline.provider) ? inline.provider : {};
    const upstreams: Partial<Record<Family, string>> = {};
    for (const p of PROVIDERS) {
      const opts = isObj(given[p.id]) && isObj((given[p.id] as Record<string, unknown>).options) ? ((given[p.id] as Record<string, unknown>).options as Record<string, unknown>) : {};
      const u = upstreamFrom(opts.baseURL, p.family);
      if (u) upstreams[p.family] = u;
    }
    return {
      upstreams,
      families: PROVIDERS.map((p) => p.family),
      notes: ['custom providers in opencode.json keep their own baseURL and go direct'],
      launch: (proxy) => {
        const provider: Record<string, unknown> = { ...given };
        for (const p of PROVIDERS) {
          const old = isObj(given[p.id]) ? (given[p.id] as Record<string, unknown>) : {};
          const options = isObj(old.options) ? old.options : {};
          provider[p.id] = { ...old, options: { ...options, baseURL: p.base(proxy) } };
        }
        return { args: [...args], env: { OPENCODE_CONFIG_CONTENT: JSON.stringify({ ...inline, provider }) }, files: [] };
      },
    };
  },
};
