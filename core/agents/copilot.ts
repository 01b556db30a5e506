/**
 * GitHub Copilot Chat's bring-your-own-key models live in `chatLanguageModels.json` (VS Code user folder, one per
 * profile): a JSON array of provider groups `{ name, vendor, apiKey, apiType?, models: [{ id, name, url, toolCalling,
 * vision, maxInputTokens, maxOutputTokens, apiType?, … }] }`. Vendor `customendpoint` (formerly `customoai`) sends
 * each model's requests to its `url`; a URL with an explicit `/chat/completions`, `/responses` or `/messages` path is
 * used as-is (VS Code docs "AI language models in VS Code", Custom Endpoint configuration reference).
 *
 * Routing adds, next to each such group, a copy named "<group> via Headroom" whose model URLs point at the proxy —
 * the user picks those models in the chat model picker; their own group stays untouched. Copilot's hosted models,
 * inline completions, and built-in BYOK providers (whose keys live in VS Code's secret storage) cannot be routed.
 */
import type { AgentEnv, Detection, EditRecord, JsonValue, PlannedChange, PlanResult } from './types.js';
import { existsSync } from 'node:fs';
import { copilotModelFiles, hasExtension } from './locations.js';
import { appendJsonArrayElement, jsonParseError, parseJsonValue, setJsonValue } from './edit/json-edit.js';
import { origin } from './proxy-urls.js';
import { readTextOrNull } from './edit/text.js';
import { cannotParse, change, isObject, withRoutes } from './edit/plan-helpers.js';
import type { AgentEntry } from './entry.js';
import { RoutePlanner } from './routes.js';

export const COPILOT_SUFFIX = ' via Headroom';
const CUSTOM_VENDORS = new Set(['customendpoint', 'customoai']);
const API_PATHS: Record<string, string> = {
  'chat-completions': '/chat/completions',
  responses: '/responses',
  messages: '/messages',
};
const NOT_ROUTABLE =
  'This entry routes bring-your-own-key Custom Endpoint models; ' +
  'Copilot\'s own subscription models are the separate "copilot-subscription" entry (experimental), ' +
  'and inline completions always go direct.';

/** The proxy URL for a model URL, and the upstream base it replaces (for the proxy's forwarding note). */
export function proxyModelUrl(
  url: string,
  apiType: string | undefined,
  proxyUrl: string,
): { url: string; upstream: string; protocol: 'openai' | 'anthropic' } | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  // Azure deployments use their own path shape (/openai/deployments/…?api-version=…), which the proxy does not
  // take.
  if (/\.azure\.com$|\.azure-api\.net$/.test(u.hostname)) return null;
  const path = u.pathname.replace(/\/+$/, '');
  const explicit = Object.values(API_PATHS).find((p) => path.endsWith(p));
  const suffix = explicit ?? API_PATHS[apiType ?? 'chat-completions'] ?? API_PATHS['chat-completions'];
  const basePath = explicit ? path.slice(0, -explicit.length) : /\/v\d+$/.test(path) ? path : path + '/v1';
  return {
    url: `${origin(proxyUrl)}/v1${suffix}${u.search}`,
    upstream: `${u.origin}${basePath}`,
    protocol: suffix === '/messages' ? 'anthropic' : 'openai',
  };
}

function groups(text: string): unknown[] | null {
  const v = text.trim() ? parseJsonValue(text) : [];
  return Array.isArray(v) ? v : null;
}

function routableGroups(list: unknown[]): Record<string, unknown>[] {
  return list.filter(
    (g): g is Record<string, unknown> =>
      isObject(g) &&
      typeof g.vendor === 'string' &&
      CUSTOM_VENDORS.has(g.vendor) &&
      typeof g.name === 'string' &&
      !g.name.endsWith(COPILOT_SUFFIX) &&
      Array.isArray(g.models),
  );
}

export function detectCopilot(env: AgentEnv): Detection {
  const files = copilotModelFiles(env).filter((f) => existsSync(f));
  const routable = files.some((f) => {
    const t = readTextOrNull(f);
    const list = t !== null && !jsonParseError(t) ? groups(t) : null;
    return !!list && routableGroups(list).length > 0;
  });
  return {
    agent: 'copilot',
    label: 'GitHub Copilot Chat',
    installed: hasExtension(env, 'copilot') || files.length > 0,
    configPaths: files,
    routable,
    note: routable
      ? NOT_ROUTABLE
      : `${NOT_ROUTABLE} No Custom Endpoint models found: add one with "Chat: Manage Language Models" first.`,
  };
}

function planFile(
  file: string,
  text: string,
  proxyUrl: string,
  routes: RoutePlanner,
): PlannedChange | null | { error: string } {
  const firstUpstream = routes.upstreams.length;
  const err = jsonParseError(text);
  if (err) return cannotParse(file, err);
  const list = groups(text);
  if (!list) return cannotParse(file, 'the top level is not a JSON array');
  let out = text;
  const edits: EditRecord[] = [];
  const summary: string[] = [];
  for (const g of routableGroups(list)) {
    const name = `${g.name as string}${COPILOT_SUFFIX}`;
    const models: Record<string, JsonValue>[] = [];
    for (const m of g.models as unknown[]) {
      if (!isObject(m) || typeof m.url !== 'string') continue;
      const apiType = typeof m.apiType === 'string' ? m.apiType : typeof g.apiType === 'string' ? g.apiType : undefined;
      const p = proxyModelUrl(m.url, apiType, proxyUrl);
      if (!p) {
        summary.push(
          `${g.name as string} / ${String(m.name ?? m.id)}: ${m.url} — not routed (Azure or unreadable URL)`,
        );
        continue;
      }
      // A custom endpoint gets this agent's own route (`<proxy>/u/<name>/v1/…`); the public APIs go to the proxy
      // itself.
      const via = routes.proxyFor(p.upstream, p.protocol, `${g.name as string} / ${String(m.name ?? m.id)}`);
      models.push({ ...(m as Record<string, JsonValue>), url: via + p.url.slice(origin(proxyUrl).length) });
    }
    if (!models.length) {
      summary.push(
        `${g.name as string}: no models with an explicit url — not routed ` +
          '(list the models in the group to route them)',
      );
      continue;
    }
    const existing = list.find((x) => isObject(x) && x.name === name && x.vendor === g.vendor);
    if (existing) {
      // Already routed: only follow a changed proxy address (e.g. a new port), model by model.
      for (const m of models) {
        const e = setJsonValue(
          out,
          [{ match: { name, vendor: g.vendor as string } }, 'models', { match: { id: String(m.id) } }, 'url'],
          m.url,
        );
        if (!e) continue;
        out = e.text;
        edits.push(e.record);
        summary.push(`${name} / ${String(m.name ?? m.id)}: url → ${String(m.url)}`);
      }
      continue;
    }
    const group: Record<string, JsonValue> = { name, vendor: g.vendor as string };
    for (const k of ['apiKey', 'apiType'] as const) if (g[k] !== undefined) group[k] = g[k] as JsonValue;
    group.models = models;
    const e = appendJsonArrayElement(out, group, { name, vendor: g.vendor as string }, name);
    out = e.text;
    edits.push(e.record);
    summary.push(
      `add "${name}": ${models.length} model${models.length === 1 ? '' : 's'} through ${origin(proxyUrl)} ` +
        '(pick them in the chat model picker)',
    );
  }
  return edits.length
    ? change('copilot', file, 'json', text, out, edits, summary, routes.upstreams.slice(firstUpstream))
    : null;
}

export function planCopilot(env: AgentEnv, proxyUrl: string): PlanResult {
  const changes: PlannedChange[] = [];
  const routes = new RoutePlanner('copilot', env, proxyUrl);
  let candidates = 0;
  for (const file of copilotModelFiles(env)) {
    const text = readTextOrNull(file);
    if (text === null) continue;
    const r = planFile(file, text, proxyUrl, routes);
    if (r && 'error' in r) return r;
    const list = groups(text) ?? [];
    candidates += routableGroups(list).length;
    if (r) changes.push(r);
  }
  if (!candidates) return { error: `No Custom Endpoint models to route. ${NOT_ROUTABLE}` };
  return withRoutes(routes, changes);
}

export const copilot: AgentEntry = {
  id: 'copilot',
  displayName: 'GitHub Copilot Chat',
  userAgents: [/copilot/i],
  configure: { id: 'copilot', detect: detectCopilot, plan: planCopilot },
  overriddenBy: 'nothing: its own groups stay beside ours; pick the "… via Headroom" models in the chat model picker',
};
