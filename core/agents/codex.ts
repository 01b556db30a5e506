/**
 * Codex reads `$CODEX_HOME/config.toml` (default `~/.codex`). A provider is a `[model_providers.<id>]` table (`name`,
 * `base_url` — Codex appends `/responses` —, `wire_api`, `env_key`, `query_params`, `http_headers`, `auth`,
 * `requires_openai_auth`) selected by the root key `model_provider`, or by the active `[profiles.<p>]`
 * (openai/codex codex-rs/core/src/model_provider_info.rs, codex-rs/core/src/config/mod.rs, docs/config.md).
 * Built-in ids (`openai`, `ollama`, `lmstudio`, …) cannot be redefined: the built-in wins over a user table of that
 * name (config/mod.rs merges with `entry(key).or_insert`), and the `openai` built-in ignores OPENAI_BASE_URL for its
 * WebSocket transport. So, persistent and per run alike:
 *  - a custom provider keeps every setting (its key, query_params, http_headers, auth) and only its `base_url` is
 *    pointed at the proxy, in place — its old endpoint becomes this agent's own route;
 *  - the built-in `openai` provider is replaced by a `headroom` provider with `requires_openai_auth = true`, so the
 *    same sign-in keeps working (an API key from OPENAI_API_KEY or auth.json, or a ChatGPT login, whose requests go
 *    to ChatGPT's Codex backend instead of api.openai.com).
 * Our agent recipe ran it so (shared/agents/config/codex-config.toml: base_url …/v1, wire_api "responses").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { AgentEnv, Detection, EditRecord, PlanResult } from './types.js';
import type { AgentEntry } from './entry.js';
import { unchangedPlan, type AgentPlan, type AgentSpec, type WrapEnv } from './wrap-types.js';
import { codexHome, hasExtension, isDir } from './locations.js';
import {
  appendTable,
  parseTomlValue,
  setRootString,
  setTableString,
  tomlParseError,
  TOML_TAG,
} from './edit/toml-edit.js';
import { proxyBase, upstreamFrom } from './proxy-urls.js';
import { readTextOrNull } from './edit/text.js';
import { arrow, cannotParse, change, isObject, withRoutes } from './edit/plan-helpers.js';
import { RoutePlanner } from './routes.js';

const ID = 'headroom';
/** ChatGPT-login Codex talks to this instead of api.openai.com (its token is not an API key). */
export const CHATGPT_CODEX_BASE = 'https://chatgpt.com/backend-api/codex';
/** Built-in provider ids a config table cannot redefine (model_provider_info.rs `built_in_model_providers`). */
const BUILT_IN = new Set(['openai', 'ollama', 'lmstudio', 'oss']);

export function codexConfigPath(env: AgentEnv): string {
  return join(codexHome(env), 'config.toml');
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Signed in with ChatGPT and no API key (env or auth.json): the built-in provider talks to ChatGPT's backend. */
function usesChatGpt(home: string, apiKeyVar: string | undefined): boolean {
  const auth = readJson(join(home, 'auth.json'));
  const apiKey =
    !!apiKeyVar || (isObject(auth) && typeof auth.OPENAI_API_KEY === 'string' && auth.OPENAI_API_KEY !== '');
  return !apiKey && isObject(auth) && isObject(auth.tokens);
}

/**
 * Profiles that pick a provider of their own (`[profiles.<p>] model_provider = …`): routing the root one misses them.
 */
function profileProviders(doc: Record<string, unknown>): string[] {
  const profiles = isObject(doc.profiles) ? doc.profiles : {};
  return Object.entries(profiles)
    .filter(([, p]) => isObject(p) && typeof p.model_provider === 'string')
    .map(([name, p]) => `${name} → ${String((p as Record<string, unknown>).model_provider)}`);
}

export function detectCodex(env: AgentEnv): Detection {
  return {
    agent: 'codex',
    label: 'Codex',
    installed: isDir(codexHome(env)) || hasExtension(env, 'codex'),
    configPaths: [codexConfigPath(env)],
    routable: true,
    note:
      "Points the current provider's base_url at the proxy " +
      '(a custom provider keeps its key, headers and query parameters); ' +
      'the built-in OpenAI provider becomes a "headroom" provider that keeps your sign-in (API key or ChatGPT).',
  };
}

export function planCodex(env: AgentEnv, proxyUrl: string): PlanResult {
  const file = codexConfigPath(env);
  const before = readTextOrNull(file);
  const text0 = before ?? '';
  const err = tomlParseError(text0);
  if (err) return cannotParse(file, err);
  const doc = parseTomlValue(text0);
  const providers = isObject(doc.model_providers) ? doc.model_providers : {};
  const selected = typeof doc.model_provider === 'string' ? doc.model_provider : 'openai';
  const routes = new RoutePlanner('codex', env, proxyUrl);
  const edits: EditRecord[] = [];
  const summary: string[] = [];
  let text = text0;
  const ours = isObject(providers[ID]);
  if (
    ours &&
    !text.includes(`${TOML_TAG}\n[model_providers.${ID}]`) &&
    !text.includes(`${TOML_TAG}\r\n[model_providers.${ID}]`)
  ) {
    return {
      error:
        `${file} already has a [model_providers.${ID}] that Headroom did not add; ` +
        'rename or remove it, then try again.',
    };
  }
  const custom = selected !== ID && !BUILT_IN.has(selected) ? providers[selected] : undefined;

  if (isObject(custom)) {
    // In place: every other setting of the user's provider (env_key, query_params, http_headers, auth) stays.
    if (typeof custom.base_url !== 'string')
      return {
        error: `${file}: provider "${selected}" has no base_url to point at the proxy; Headroom did not change it.`,
      };
    const target = proxyBase.openai(routes.proxyFor(custom.base_url, 'openai', `model_providers.${selected}.base_url`));
    let e;
    try {
      e = setTableString(text, ['model_providers', selected], 'base_url', target);
    } catch (x) {
      // e.g. an inline `model_providers = { … }`: its value cannot be replaced line-wise; refuse rather than guess.
      return {
        error:
          `${file}: could not point provider "${selected}" at the proxy without disturbing the file ` +
          `(${(x as Error).message}); nothing changed.`,
      };
    }
    if (e) {
      text = e.text;
      edits.push(e.record);
      summary.push(arrow(`model_providers.${selected}.base_url`, custom.base_url, target));
    }
  } else if (selected === 'openai' || selected === ID) {
    const old = ours
      ? (providers[ID] as Record<string, unknown>).base_url
      : usesChatGpt(codexHome(env), env.vars?.OPENAI_API_KEY)
        ? CHATGPT_CODEX_BASE
        : env.vars?.OPENAI_BASE_URL;
    const target = proxyBase.openai(
      routes.proxyFor(old, 'openai', ours ? `model_providers.${ID}.base_url` : 'the built-in OpenAI provider'),
    );
    if (ours) {
      const e = setTableString(text, ['model_providers', ID], 'base_url', target);
      if (e) {
        text = e.text;
        edits.push(e.record);
        summary.push(arrow(`model_providers.${ID}.base_url`, old, target));
      }
    } else {
      const entries: [string, string | boolean][] = [
        ['name', 'OpenAI through Headroom'],
        ['base_url', target],
        ['wire_api', 'responses'],
        ['requires_openai_auth', true],
      ];
      const e = appendTable(text, ['model_providers', ID], entries, TOML_TAG);
      const bad = tomlParseError(e.text);
      // e.g. an inline `model_providers = { … }` cannot be extended by a header: refuse rather than guess.
      if (bad)
        return {
          error: `${file}: could not add the Headroom provider without disturbing the file (${bad}); nothing changed.`,
        };
      text = e.text;
      edits.push(e.record);
      summary.push(
        `add [model_providers.${ID}]: base_url ${target}, wire_api responses, ` +
          'requires_openai_auth (your API key or ChatGPT sign-in)',
      );
    }
    const sel = setRootString(text, 'model_provider', ID);
    if (sel) {
      text = sel.text;
      edits.push(sel.record);
      summary.push(
        arrow('model_provider', typeof doc.model_provider === 'string' ? doc.model_provider : undefined, ID),
      );
    }
  } else {
    return {
      error: `${file}: the selected provider "${selected}" is built in (a local model server) and is not routed.`,
    };
  }
  if (!edits.length) return withRoutes(routes, []);
  const check = tomlParseError(text);
  if (check)
    return { error: `${file}: could not route Codex without disturbing the file (${check}); nothing changed.` };
  const profiles = profileProviders(doc);
  if (profiles.length)
    summary.push(
      `warning: these profiles select their own provider and are not routed when active: ${profiles.join(', ')}`,
    );
  if (before === null) summary.unshift(`create ${file}`);
  return withRoutes(routes, [change('codex', file, 'toml', before, text, edits, summary, routes.upstreams)]);
}

const tomlString = (s: string) => JSON.stringify(s);

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

/** Per run: `-c` overrides on the command line (nothing is written), the same rules as above. */
const wrap: AgentSpec = {
  name: 'codex',
  bin: 'codex',
  how: 'command line: -c model_provider / model_providers.<id>.base_url=<proxy>/v1 overrides (config.toml untouched)',
  plan({ env, home, args }: WrapEnv): AgentPlan {
    const dir = env.CODEX_HOME?.trim() || join(home, '.codex');
    const config = readConfig(join(dir, 'config.toml'));
    const id = providerFromArgs(args) ?? (typeof config.model_provider === 'string' ? config.model_provider : 'openai');
    const providers = isObject(config.model_providers) ? config.model_providers : {};
    const custom = !BUILT_IN.has(id) && isObject(providers[id]) ? providers[id] : undefined;
    if (custom) {
      const upstream = upstreamFrom(custom.base_url, 'openai');
      if (!upstream) return unchangedPlan(`Codex provider "${id}" has no usable base_url; running it unchanged`, args);
      return {
        upstreams: { openai: upstream },
        families: ['openai'],
        notes: [],
        launch: (proxy) => ({
          args: ['-c', `model_providers.${id}.base_url=${tomlString(proxyBase.openai(proxy))}`, ...args],
          env: {},
          files: [],
        }),
      };
    }
    if (id !== 'openai')
      return unchangedPlan(`Codex provider "${id}" is built in and not routed; running it unchanged`, args);
    const chatgpt = usesChatGpt(dir, env.OPENAI_API_KEY);
    return {
      upstreams: chatgpt ? { openai: CHATGPT_CODEX_BASE } : {},
      families: ['openai'],
      notes: chatgpt ? [`Codex is signed in with ChatGPT: the proxy forwards to ${CHATGPT_CODEX_BASE}`] : [],
      launch: (proxy) => ({
        args: [
          '-c',
          `model_provider=${tomlString(ID)}`,
          '-c',
          `model_providers.${ID}.name=${tomlString('OpenAI through Headroom')}`,
          '-c',
          `model_providers.${ID}.base_url=${tomlString(proxyBase.openai(proxy))}`,
          '-c',
          `model_providers.${ID}.wire_api=${tomlString('responses')}`,
          '-c',
          `model_providers.${ID}.requires_openai_auth=true`,
          ...args,
        ],
        env: {},
        files: [],
      }),
    };
  },
};

export const codex: AgentEntry = {
  id: 'codex',
  displayName: 'Codex',
  userAgents: [/codex[\w-]*/i],
  configure: { id: 'codex', detect: detectCodex, plan: planCodex },
  wrap: { names: ['codex'], spec: wrap },
  overriddenBy: 'an active [profiles.<p>] with its own model_provider, or -c overrides on the command line',
};
