/**
 * aider (wrap only). It calls providers through litellm, which reads OPENAI_API_BASE (the base incl. `/v1`) and
 * ANTHROPIC_API_BASE (the bare origin; litellm appends `/v1/messages`). An `--openai-api-base` on aider's command line
 * still wins, and so does an `.env` in the git root or working folder (aider.chat/docs/config/dotenv.html).
 */
import type { AgentEntry } from './entry.js';
import type { AgentPlan, AgentSpec, Family, WrapEnv } from './wrap-types.js';
import { proxyBase, sdkUpstreamFrom, upstreamFrom } from './proxy-urls.js';

const wrap: AgentSpec = {
  name: 'aider',
  bin: 'aider',
  how: 'environment: OPENAI_API_BASE / OPENAI_BASE_URL=<proxy>/v1, ANTHROPIC_API_BASE / ANTHROPIC_BASE_URL=<proxy>',
  plan({ env, args }: WrapEnv): AgentPlan {
    const upstreams: Partial<Record<Family, string>> = {};
    const openai = upstreamFrom(env.OPENAI_API_BASE ?? env.OPENAI_BASE_URL, 'openai');
    const anthropic = sdkUpstreamFrom(env.ANTHROPIC_API_BASE ?? env.ANTHROPIC_BASE_URL, 'anthropic');
    if (openai) upstreams.openai = openai;
    if (anthropic) upstreams.anthropic = anthropic;
    const notes = args.some((a) => a.startsWith('--openai-api-base'))
      ? ['--openai-api-base on the command line overrides the proxy for OpenAI models']
      : [];
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

export const aider: AgentEntry = {
  id: 'aider',
  displayName: 'Aider',
  userAgents: [/aider/i],
  wrap: { names: ['aider'], spec: wrap },
  overriddenBy: 'an .env file in the git root or working folder, or --openai-api-base / --anthropic-api-base',
};
