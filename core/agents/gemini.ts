/**
 * Gemini CLI. It reads GOOGLE_GEMINI_BASE_URL and appends `/v1beta/models/…` (RECIPE.md). Only API-key auth uses it:
 * a Google-account login talks to Code Assist, and Vertex AI to its own endpoint, neither of which is proxied.
 * Persistent: `~/.gemini/.env`, which Gemini CLI loads when no project `.env` is found walking up from the working
 * folder (google-gemini/gemini-cli packages/cli/src/config/settings.ts `findEnvFile`/`loadEnvironment`): a project
 * `.gemini/.env` or `.env`, or the variable in the shell, wins over it. Per run: the variable in the child's
 * environment.
 */
import { join } from 'node:path';
import type { AgentEnv, Detection, PlanResult } from './types.js';
import type { AgentEntry } from './entry.js';
import type { AgentPlan, AgentSpec, WrapEnv } from './wrap-types.js';
import { geminiDir, isDir } from './locations.js';
import { parseDotenv, setDotenvValue } from './edit/dotenv-edit.js';
import { proxyBase, sdkUpstreamFrom } from './proxy-urls.js';
import { readTextOrNull } from './edit/text.js';
import { arrow, change, withRoutes } from './edit/plan-helpers.js';
import { RoutePlanner } from './routes.js';

const VAR = 'GOOGLE_GEMINI_BASE_URL';
const truthy = (v: string | undefined) => !!v && !/^(0|false|no|off)$/i.test(v.trim());

export function geminiEnvPath(env: AgentEnv): string {
  return join(geminiDir(env), '.env');
}

export function detectGemini(env: AgentEnv): Detection {
  return {
    agent: 'gemini',
    label: 'Gemini CLI',
    installed: isDir(geminiDir(env)),
    configPaths: [geminiEnvPath(env)],
    routable: true,
    note: `Sets ${VAR} in ~/.gemini/.env (API-key auth only; a project .env or the shell variable wins over it).`,
  };
}

export function planGemini(env: AgentEnv, proxyUrl: string): PlanResult {
  const file = geminiEnvPath(env);
  const before = readTextOrNull(file);
  const old = parseDotenv(before ?? '')[VAR];
  const routes = new RoutePlanner('gemini', env, proxyUrl);
  const target = proxyBase.gemini(routes.proxyFor(old, 'gemini', VAR, true));
  const edit = setDotenvValue(before ?? '', VAR, target);
  if (!edit) return [];
  const summary = [arrow(VAR, old, target)];
  if (before === null) summary.unshift(`create ${file}`);
  if (env.vars?.[VAR]) summary.push(`${VAR} is set in your shell (${env.vars[VAR]}): it wins over ~/.gemini/.env`);
  summary.push('a project .gemini/.env or .env found from the working folder is read instead of ~/.gemini/.env');
  return withRoutes(routes, [
    change('gemini', file, 'dotenv', before, edit.text, [edit.record], summary, routes.upstreams),
  ]);
}

const wrap: AgentSpec = {
  name: 'gemini',
  bin: 'gemini',
  how: `environment: ${VAR}=<proxy> (API-key auth only)`,
  plan({ env, args }: WrapEnv): AgentPlan {
    const upstream = sdkUpstreamFrom(env[VAR], 'gemini');
    const notes = truthy(env.GOOGLE_GENAI_USE_VERTEXAI)
      ? ['GOOGLE_GENAI_USE_VERTEXAI is set: Vertex AI requests go direct, not through Headroom']
      : [];
    if (!env.GEMINI_API_KEY && !env.GOOGLE_API_KEY)
      notes.push(
        'no GEMINI_API_KEY: with a Google-account login Gemini CLI uses Code Assist, ' +
          'which does not go through Headroom',
      );
    return {
      upstreams: upstream ? { gemini: upstream } : {},
      families: ['gemini'],
      notes,
      launch: (proxy) => ({ args: [...args], env: { [VAR]: proxyBase.gemini(proxy) }, files: [] }),
    };
  },
};

export const gemini: AgentEntry = {
  id: 'gemini',
  displayName: 'Gemini CLI',
  userAgents: [/gemini-cli|GeminiCLI/i],
  configure: { id: 'gemini', detect: detectGemini, plan: planGemini },
  wrap: { names: ['gemini'], spec: wrap },
  overriddenBy: `the shell's ${VAR}, or a project .gemini/.env or .env`,
};
