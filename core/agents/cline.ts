/**
 * Cline keeps its settings in `~/.cline/data`:
 *  - `globalState.json` — the VS Code extension's (and older CLI's) key/value state. The selected provider is
 *    `planModeApiProvider` / `actModeApiProvider`; the base URLs are `anthropicBaseUrl` (handed to the Anthropic SDK
 *    as `baseURL`, which appends `/v1/messages`) and `openAiBaseUrl` (the "OpenAI Compatible" provider, handed to the
 *    OpenAI SDK, which appends `/chat/completions`) — cline/cline src/core/storage/state-keys.ts,
 *    provider-field-mappings.ts and src/core/api/providers/anthropic.ts.
 *  - `settings/providers.json` — the SDK's provider settings (the `cline` CLI reads them; the extension migrates
 *    globalState into them): `providers.<id>.settings.baseUrl` per provider.
 * The folder is CLINE_DATA_DIR, else CLINE_DIR/data, else ~/.cline/data (locations.ts).
 * Anthropic's base is `<proxy>/v1`: the SDK's Anthropic client appends `/messages` to it (a bare origin made the CLI
 * POST `/messages`, issue 14), and the extension's `normalizeSdkBaseUrl` gives a pathless URL the provider's default
 * path, so `/v1` is right for both (cline/cline apps/vscode/src/sdk/cline-session-factory.ts).
 * Both files are routed when present. Cline keeps globalState.json in memory and writes the whole file back, so an
 * edit made while Cline runs can be lost: quit it first, and `headroom configure cline` afterwards plans nothing if the
 * edit held. Per run (`headroom wrap cline`): a copy of providers.json named by CLINE_PROVIDER_SETTINGS_PATH.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AgentEnv, Detection, EditRecord, PlannedChange, PlanResult } from './types.js';
import type { AgentEntry } from './entry.js';
import { unchangedPlan, type AgentPlan, type AgentSpec, type Family, type WrapEnv } from './wrap-types.js';
import { clineDataDir, hasExtension, isDir } from './locations.js';
import { jsonParseError, parseJsonValue, setJsonValue } from './edit/json-edit.js';
import { proxyBase, upstreamFrom } from './proxy-urls.js';
import { readTextOrNull } from './edit/text.js';
import { arrow, cannotParse, change, isObject, withRoutes } from './edit/plan-helpers.js';
import { RoutePlanner } from './routes.js';

const RUNNING_NOTE =
  'Cline rewrites globalState.json from memory: quit cline and close VS Code windows running Cline before applying, ' +
  'then run `headroom configure cline` again — it plans nothing if the edit held.';

/** globalState.json: provider id → the base-URL key that provider reads. */
const STATE_KEYS: Record<string, { key: string; protocol: 'openai' | 'anthropic' }> = {
  anthropic: { key: 'anthropicBaseUrl', protocol: 'anthropic' },
  openai: { key: 'openAiBaseUrl', protocol: 'openai' },
  'openai-compatible': { key: 'openAiBaseUrl', protocol: 'openai' },
};
/** providers.json: provider id → protocol. */
const PROVIDER_PROTOCOL: Record<string, 'openai' | 'anthropic'> = {
  anthropic: 'anthropic',
  'openai-compatible': 'openai',
};

const baseFor = (protocol: 'openai' | 'anthropic', proxy: string) =>
  protocol === 'anthropic' ? proxyBase.anthropicV1(proxy) : proxyBase.openai(proxy);

export function clinePaths(env: AgentEnv): { state: string; providers: string } {
  const dir = clineDataDir(env);
  return { state: join(dir, 'globalState.json'), providers: join(dir, 'settings', 'providers.json') };
}

export function detectCline(env: AgentEnv): Detection {
  const { state, providers } = clinePaths(env);
  const files = [state, providers].filter((f) => existsSync(f));
  return {
    agent: 'cline',
    label: 'Cline',
    installed: isDir(dirname(clineDataDir(env))) || hasExtension(env, 'cline'),
    configPaths: files,
    routable: files.length > 0,
    note: files.length
      ? 'Routes the Anthropic and OpenAI Compatible providers; ' +
        `others (OpenRouter, Bedrock, your Cline account…) go direct. ${RUNNING_NOTE}`
      : 'No Cline settings yet: choose a provider in Cline first.',
  };
}

function planState(
  file: string,
  text: string,
  routes: RoutePlanner,
): PlannedChange | null | { error: string; skipped?: string } {
  const firstUpstream = routes.upstreams.length;
  const err = jsonParseError(text);
  if (err) return cannotParse(file, err);
  const doc = parseJsonValue(text);
  if (!isObject(doc)) return cannotParse(file, 'the top level is not a JSON object');
  const active = [
    ...new Set(
      ['planModeApiProvider', 'actModeApiProvider', 'apiProvider']
        .map((k) => doc[k])
        .filter((v): v is string => typeof v === 'string'),
    ),
  ];
  const routed = active.filter((p) => STATE_KEYS[p]);
  if (!routed.length)
    return { error: '', skipped: `${file}: current provider ${active.join(', ') || '(none)'} — not routed` };
  let out = text;
  const edits: EditRecord[] = [];
  const summary: string[] = [];
  for (const { key, protocol } of [...new Map(routed.map((p) => [STATE_KEYS[p].key, STATE_KEYS[p]])).values()]) {
    const target = baseFor(protocol, routes.proxyFor(doc[key], protocol, key));
    const e = setJsonValue(out, [key], target);
    if (!e) continue;
    out = e.text;
    edits.push(e.record);
    summary.push(arrow(key, doc[key], target));
  }
  return edits.length
    ? change('cline', file, 'json', text, out, edits, summary, routes.upstreams.slice(firstUpstream))
    : null;
}

function planProviders(
  file: string,
  text: string,
  routes: RoutePlanner,
): PlannedChange | null | { error: string; skipped?: string } {
  const firstUpstream = routes.upstreams.length;
  const err = jsonParseError(text);
  if (err) return cannotParse(file, err);
  const doc = parseJsonValue(text);
  const providers = isObject(doc) && isObject(doc.providers) ? doc.providers : undefined;
  if (!providers) return cannotParse(file, 'no "providers" object');
  let out = text;
  const edits: EditRecord[] = [];
  const summary: string[] = [];
  let routable = 0;
  for (const [id, entry] of Object.entries(providers)) {
    const settings = isObject(entry) && isObject(entry.settings) ? entry.settings : undefined;
    const kind = settings && typeof settings.provider === 'string' ? settings.provider : id;
    const protocol = PROVIDER_PROTOCOL[kind];
    if (!protocol || !settings) {
      summary.push(`providers.${id}: provider ${kind} — not routed (goes direct)`);
      continue;
    }
    routable++;
    const target = baseFor(protocol, routes.proxyFor(settings.baseUrl, protocol, `providers.${id}.settings.baseUrl`));
    const e = setJsonValue(out, ['providers', id, 'settings', 'baseUrl'], target);
    if (!e) continue;
    out = e.text;
    edits.push(e.record);
    summary.push(arrow(`providers.${id}.settings.baseUrl`, settings.baseUrl, target));
  }
  if (!routable) return { error: '', skipped: `${file}: no Anthropic or OpenAI Compatible provider — not routed` };
  return edits.length
    ? change('cline', file, 'json', text, out, edits, summary, routes.upstreams.slice(firstUpstream))
    : null;
}

export function planCline(env: AgentEnv, proxyUrl: string): PlanResult {
  const { state, providers } = clinePaths(env);
  const changes: PlannedChange[] = [];
  const skipped: string[] = [];
  const routes = new RoutePlanner('cline', env, proxyUrl);
  let found = 0;
  for (const [file, plan] of [
    [state, planState],
    [providers, planProviders],
  ] as const) {
    const text = readTextOrNull(file);
    if (text === null) continue;
    found++;
    const r = plan(file, text, routes);
    if (r === null) continue;
    if ('error' in r) {
      if (r.skipped) skipped.push(r.skipped);
      else return { error: r.error };
      continue;
    }
    changes.push(r);
  }
  if (!found) return { error: `No Cline settings found in ${clineDataDir(env)}; choose a provider in Cline first.` };
  if (skipped.length === found)
    return {
      error:
        `Nothing in Cline to route: ${skipped.join('; ')}. ` +
        'Headroom routes the Anthropic and OpenAI Compatible providers.',
    };
  if (changes.length) changes[0].summary.push(...skipped, RUNNING_NOTE);
  return withRoutes(routes, changes);
}

/** Provider kind → family and base form (both `/v1`: see the top of this file). */
const KINDS: Record<string, { family: Family; base: (proxy: string) => string }> = {
  anthropic: { family: 'anthropic', base: proxyBase.anthropicV1 },
  openai: { family: 'openai', base: proxyBase.openai },
  'openai-native': { family: 'openai', base: proxyBase.openai },
  'openai-compatible': { family: 'openai', base: proxyBase.openai },
};

export function clineProvidersFile(env: NodeJS.ProcessEnv, home: string): string {
  if (env.CLINE_PROVIDER_SETTINGS_PATH?.trim()) return env.CLINE_PROVIDER_SETTINGS_PATH.trim();
  return join(
    clineDataDir({ home, vscodeUserDirs: [], platform: process.platform, vars: env }),
    'settings',
    'providers.json',
  );
}

const wrap: AgentSpec = {
  name: 'cline',
  bin: 'cline',
  how: 'per-run config: a temp copy of providers.json with baseUrl=<proxy>, named by CLINE_PROVIDER_SETTINGS_PATH',
  plan({ env, home, args }: WrapEnv): AgentPlan {
    const file = clineProvidersFile(env, home);
    if (!existsSync(file))
      return unchangedPlan(`no ${file} (choose a provider in cline first); running cline unchanged`, args);
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      return unchangedPlan(`${file} is not valid JSON (${(e as Error).message}); running cline unchanged`, args);
    }
    const providers = isObject(doc) && isObject(doc.providers) ? doc.providers : {};
    const upstreams: Partial<Record<Family, string>> = {};
    const routed: { id: string; family: Family; base: (p: string) => string }[] = [];
    const notes: string[] = [];
    for (const [id, entry] of Object.entries(providers)) {
      const settings = isObject(entry) && isObject(entry.settings) ? entry.settings : undefined;
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
    if (!routed.length)
      return unchangedPlan(
        `no Anthropic or OpenAI provider in ${file}; running cline unchanged (other providers go direct)`,
        args,
      );
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

export const cline: AgentEntry = {
  id: 'cline',
  displayName: 'Cline',
  userAgents: [/cline/i],
  configure: { id: 'cline', detect: detectCline, plan: planCline },
  wrap: { names: ['cline'], spec: wrap },
  overriddenBy: 'CLINE_PROVIDER_SETTINGS_PATH (the CLI reads that file instead), or a provider chosen in its UI',
};
