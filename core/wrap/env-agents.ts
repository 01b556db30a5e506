/**
 * Agents pointed at the proxy through environment variables alone (nothing is written anywhere).
 */
import type { AgentPlan, AgentSpec, Family, WrapEnv } from './types.js';
import { proxyBase, upstreamFrom } from './urls.js';

const truthy = (v: string | undefined) => !!v && !/^(0|false|no|off)$/i.test(v.trim());

/** Claude Code reads ANTHROPIC_BASE_URL and appends `/v1/messages` (shared/agents/RECIPE.md). */
export const claude: AgentSpec = {
  name: 'claude',
  bin: 'claude',
  how: 'environment: ANTHROPIC_BASE_URL=<proxy> (your ANTHROPIC_BASE_URL, if set, becomes the upstream)',
  plan({ env, args }: WrapEnv): AgentPlan {
    const cloud = ['CLAUDE_CODE_USE_BEDROCK', 'CLAUDE_CODE_USE_VERTEX', 'CLAUDE_CODE_USE_FOUNDRY'].find((k) => truthy(env[k]));
    if (cloud)
      return { upstreams: {}, families: [], notes: [`${cloud} is set: Claude Code talks to that cloud's API, which Headroom does not proxy; running it unchanged`], launch: () => ({ args: [...args], env: {}, files: [] }) };
    const upstream = upstreamFrom(env.ANTHROPIC_BASE_URL, 'anthropic');
    return {
      upstreams: upstream ? { anthropic: upstream } : {},
      families: ['anthropic'],
      notes: [],
      launch: (proxy) => ({ args: [...args], env: { ANTHROPIC_BASE_URL: proxyBase.anthropicSdk(proxy) }, files: [] }),
    };
  },
};

/**
 * Gemini CLI reads GOOGLE_GEMINI_BASE_URL and appends `/v1beta/models/…` (RECIPE.md). Only API-key auth uses it:
 * a Google-account login talks to Code Assist, and Vertex AI to its own endpoint, neither of which is proxied.
 */
export const gemini: AgentSpec = {
  name: 'gemini',
  bin: 'gemini',
  how: 'environment: GOOGLE_GEMINI_BASE_URL=<proxy> (API-key auth only)',
  plan({ env, args }: WrapEnv): AgentPlan {
    const upstream = upstreamFrom(env.GOOGLE_GEMINI_BASE_URL, 'gemini');
    const notes = truthy(env.GOOGLE_GENAI_USE_VERTEXAI) ? ['GOOGLE_GENAI_USE_VERTEXAI is set: Vertex AI requests go direct, not through Headroom'] : [];
    if (!env.GEMINI_API_KEY && !env.GOOGLE_API_KEY) notes.push('no GEMINI_API_KEY: with a Google-account login Gemini CLI uses Code Assist, which does not go through Headroom');
    return {
      upstreams: upstream ? { gemini: upstream } : {},
      families: ['gemini'],
      notes,
      launch: (proxy) => ({ args: [...args], env: { GOOGLE_GEMINI_BASE_URL: proxyBase.gemini(proxy) }, files: [] }),
    };
  },
};

/**
 * aider calls providers through litellm, which reads OPENAI_API_BASE (the base incl. `/v1`) and ANTHROPIC_API_BASE
 * (the bare origin; litellm appends `/v1/messages`). An `--openai-api-base` on aider's command line still wins.
 */
export const aider: AgentSpec = {
  name: 'aider',
  bin: 'aider',
  how: 'environment: OPENAI_API_BASE / OPENAI_BASE_URL=<proxy>/v1, ANTHROPIC_API_BASE / ANTHROPIC_BASE_URL=<proxy>',
  plan({ env, args }: WrapEnv): AgentPlan {
    const upstreams: Partial<Record<Family, string>> = {};
    const openai = upstreamFrom(env.OPENAI_API_BASE ?? env.OPENAI_BASE_URL, 'openai');
    const anthropic = upstreamFrom(env.ANTHROPIC_API_BASE ?? env.ANTHROPIC_BASE_URL, 'anthropic');
    if (openai) upstreams.openai = openai;
    if (anthropic) upstreams.anthropic = anthropic;
    const notes = args.some((a) => a.startsWith('--openai-api-base')) ? ['--openai-api-base on the command line overrides the proxy for OpenAI models'] : [];
    notes.push('Gemini and other litellm providers go direct');
    return {
      upstreams,
      families: ['openai', 'anthropic'],
      notes,
      launch: (proxy) => ({
        args: [...args],
        env: {
          OPENAI_API_BASE: proxyBase.openai(proxy),
          OPENAI_BASE_URL: proxyBase.openai(proxy),
          ANTHROPIC_API_BASE: proxyBase.anthropicSdk(proxy),
          ANTHROPIC_BASE_URL: proxyBase.anthropicSdk(proxy),
        },
        files: [],
      }),
    };
  },
};
