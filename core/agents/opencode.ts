/**
 * opencode. Its built-in anthropic / openai / google providers take `provider.<id>.options.baseURL` (Vercel AI SDK
 * providers: the base includes `/v1`, Google's `/v1beta`) — opencode.ai/docs/providers and /docs/config.
 * Persistent: the global config `~/.config/opencode/opencode.json` (or `.jsonc`; XDG_CONFIG_HOME moves it). Config
 * layers merge over it: OPENCODE_CONFIG (a file), a project `opencode.json`, the project's `.opencode/` folder, and
 * OPENCODE_CONFIG_CONTENT — any of them setting the same baseURL wins (opencode.ai/docs/config "Precedence").
 * Per run: OPENCODE_CONFIG_CONTENT, the highest-priority layer (nothing is written); a baseURL the user already set
 * there becomes the upstream. Custom providers (`npm: …openai-compatible`) keep their own baseURL and go direct.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentEnv, Detection, EditRecord, PlanResult } from './types.js';
import type { AgentEntry } from './entry.js';
import type { AgentPlan, AgentSpec, Family, WrapEnv } from './wrap-types.js';
import { isDir, opencodeDir } from './locations.js';
import { jsonParseError, parseJsonValue, setJsonValue } from './edit/json-edit.js';
import { proxyBase, upstreamFrom } from './proxy-urls.js';
import { readTextOrNull } from './edit/text.js';
import { arrow, cannotParse, change, isObject as isObj, withRoutes } from './edit/plan-helpers.js';
import { RoutePlanner } from './routes.js';

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

const wrap: AgentSpec = {
  name: 'opencode',
  bin: 'opencode',
  how: 'environment: OPENCODE_CONFIG_CONTENT with provider.{anthropic,openai,google}.options.baseURL=<proxy>',
  plan({ env, args }: WrapEnv): AgentPlan {
    const inline = parseInline(env.OPENCODE_CONFIG_CONTENT);
    const given = isObj(inline.provider) ? inline.provider : {};
    const upstreams: Partial<Record<Family, string>> = {};
    for (const p of PROVIDERS) {
      const opts =
        isObj(given[p.id]) && isObj((given[p.id] as Record<string, unknown>).options)
          ? ((given[p.id] as Record<string, unknown>).options as Record<string, unknown>)
          : {};
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
        return {
          args: [...args],
          env: { OPENCODE_CONFIG_CONTENT: JSON.stringify({ ...inline, provider }) },
          files: [],
        };
      },
    };
  },
};

/** The global config file: `opencode.jsonc` when only that exists, else `opencode.json` (created if needed). */
export function opencodeConfigPath(env: AgentEnv): string {
  const dir = opencodeDir(env);
  const jsonc = join(dir, 'opencode.jsonc');
  return existsSync(jsonc) && !existsSync(join(dir, 'opencode.json')) ? jsonc : join(dir, 'opencode.json');
}

export function detectOpencode(env: AgentEnv): Detection {
  return {
    agent: 'opencode',
    label: 'opencode',
    installed: isDir(opencodeDir(env)),
    configPaths: [opencodeConfigPath(env)],
    routable: true,
    note:
      'Sets options.baseURL of the built-in anthropic, openai and google providers in the global opencode.json. ' +
      'A project opencode.json or .opencode/ setting the same wins.',
  };
}

export function planOpencode(env: AgentEnv, proxyUrl: string): PlanResult {
  const file = opencodeConfigPath(env);
  const before = readTextOrNull(file);
  if (before !== null && before.trim()) {
    const err = jsonParseError(before);
    if (err) return cannotParse(file, err);
    if (!isObj(parseJsonValue(before))) return cannotParse(file, 'the top level is not a JSON object');
  }
  const doc = before && before.trim() ? (parseJsonValue(before) as Record<string, unknown>) : {};
  const providers = isObj(doc.provider) ? doc.provider : {};
  const routes = new RoutePlanner('opencode', env, proxyUrl);
  let text = before ?? '';
  const edits: EditRecord[] = [];
  const summary: string[] = [];
  try {
    for (const p of PROVIDERS) {
      const entry = isObj(providers[p.id]) ? (providers[p.id] as Record<string, unknown>) : {};
      const old = isObj(entry.options) ? entry.options.baseURL : undefined;
      const label = `provider.${p.id}.options.baseURL`;
      const target = p.base(routes.proxyFor(old, p.family, label));
      const e = setJsonValue(text, ['provider', p.id, 'options', 'baseURL'], target);
      if (!e) continue;
      text = e.text;
      edits.push(e.record);
      summary.push(arrow(label, old, target));
    }
  } catch (e) {
    return { error: `${file}: ${(e as Error).message}; Headroom did not change it.` };
  }
  if (!edits.length) return withRoutes(routes, []);
  if (before === null) summary.unshift(`create ${file}`);
  summary.push(
    'a project opencode.json, .opencode/, OPENCODE_CONFIG or OPENCODE_CONFIG_CONTENT setting the same baseURL ' +
      'wins over this file',
  );
  return withRoutes(routes, [change('opencode', file, 'json', before, text, edits, summary, routes.upstreams)]);
}

export const opencode: AgentEntry = {
  id: 'opencode',
  displayName: 'opencode',
  userAgents: [/opencode/i],
  configure: { id: 'opencode', detect: detectOpencode, plan: planOpencode },
  wrap: { names: ['opencode'], spec: wrap },
  overriddenBy: 'a project opencode.json or .opencode/ folder, OPENCODE_CONFIG, or OPENCODE_CONFIG_CONTENT',
};
