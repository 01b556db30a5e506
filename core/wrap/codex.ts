/**
 * Codex reads providers from `$CODEX_HOME/config.toml` and ignores OPENAI_BASE_URL (RECIPE.md), so wrap passes
 * `-c` overrides on the command line (nothing is written): for the built-in `openai` provider a `headroom` provider
 * with the proxy's base URL is defined and selected; a custom provider keeps its settings and only its `base_url`
 * is overridden (its old base URL becomes the proxy's upstream).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { AgentPlan, AgentSpec, WrapEnv } from './types.js';
import { proxyBase, upstreamFrom } from './urls.js';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const tomlString = (s: string) => JSON.stringify(s);
/** ChatGPT-login Codex talks to this instead of api.openai.com (its token is not an API key). */
export const CHATGPT_CODEX_BASE = 'https://chatgpt.com/backend-api/codex';

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function readConfig(file: string): Record<string, unknown> {
  try {
    return parseToml(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** `-c model_provider=x` / `--config model_provider="x"` given by the user wins over config.toml. */
function providerFromArgs(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const v = a === '-c' || a === '--config' ? args[i + 1] : a.startsWith('--config=') ? a.slice(9) : undefined;
    const m = v && /^model_provider\s*=\s*"?([\w.-]+)"?$/.exec(v);
    if (m) return m[1];
  }
  return undefined;
}

export const codex: AgentSpec = {
  name: 'codex',
  bin: 'codex',
  how: 'command line: -c model_provider / model_providers.<id>.base_url=<proxy>/v1 overrides (config.toml untouched)',
  plan({ env, home, args }: WrapEnv): AgentPlan {
    const codexHome = env.CODEX_HOME?.trim() || join(home, '.codex');
    const config = readConfig(join(codexHome, 'config.toml'));
    const id = providerFromArgs(args) ?? (typeof config.model_provider === 'string' ? config.model_provider : 'openai');
    const providers = isObj(config.model_providers) ? config.model_providers : {};
    const custom = isObj(providers[id]) ? providers[id] : undefined;

    if (custom) {
      const upstream = upstreamFrom(custom.base_url, 'openai');
      if (!upstream)
        return { upstreams: {}, families: [], notes: [`Codex provider "${id}" has no usable base_url; running it unchanged`], launch: () => ({ args: [...args], env: {}, files: [] }) };
      return {
        upstreams: { openai: upstream },
        families: ['openai'],
        notes: [],
        launch: (proxy) => ({ args: ['-c', `model_providers.${id}.base_url=${tomlString(proxyBase.openai(proxy))}`, ...args], env: {}, files: [] }),
      };
    }
    if (id !== 'openai')
      return { upstreams: {}, families: [], notes: [`Codex provider "${id}" is built in and not routed; running it unchanged`], launch: () => ({ args: [...args], env: {}, files: [] }) };

    const auth = readJson(join(codexHome, 'auth.json'));
    const apiKey = !!env.OPENAI_API_KEY || (isObj(auth) && typeof auth.OPENAI_API_KEY === 'string' && auth.OPENAI_API_KEY !== '');
    const chatgpt = !apiKey && isObj(auth) && isObj(auth.tokens);
    return {
      upstreams: chatgpt ? { openai: CHATGPT_CODEX_BASE } : {},
      families: ['openai'],
      notes: chatgpt ? [`Codex is signed in with ChatGPT: the proxy forwards to ${CHATGPT_CODEX_BASE}`] : [],
      launch: (proxy) => ({
        args: [
          '-c', `model_provider=${tomlString('headroom')}`,
          '-c', `model_providers.headroom.name=${tomlString('OpenAI through Headroom')}`,
          '-c', `model_providers.headroom.base_url=${tomlString(proxyBase.openai(proxy))}`,
          '-c', `model_providers.headroom.wire_api=${tomlString('responses')}`,
          '-c', 'model_providers.headroom.requires_openai_auth=true',
          ...args,
        ],
        env: {},
        files: [],
      }),
    };
  },
};
