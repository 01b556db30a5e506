/**
 * Cline keeps its settings in `~/.cline/data`:
 *  - `globalState.json` — the VS Code extension's (and older CLI's) key/value state. The selected provider is
 *    `planModeApiProvider` / `actModeApiProvider`; the base URLs are `anthropicBaseUrl` (handed to the Anthropic SDK
 *    as `baseURL`, which appends `/v1/messages`) and `openAiBaseUrl` (the "OpenAI Compatible" provider, handed to the
 *    OpenAI SDK, which appends `/chat/completions`) — cline/cline src/core/storage/state-keys.ts,
 *    provider-field-mappings.ts and src/core/api/providers/anthropic.ts.
 *  - `settings/providers.json` — the newer SDK-based `cline` CLI: `providers.<id>.settings.baseUrl` per provider, the
 *    format our agent recipe ran (shared/agents/config/cline-providers-*.json: anthropic without `/v1`,
 *    openai-compatible with `/v1`).
 * Both are routed when present. Cline reads them when it starts: reload VS Code or restart `cline` afterwards.
 */
import { join } from 'node:path';
import type { AgentEnv, Detection, EditRecord, PlannedChange, PlanResult, Upstream } from './types.js';
import { existsSync } from 'node:fs';
import { clineDataDir, hasExtension, isDir } from './locations.js';
import { jsonParseError, parseJsonValue, setJsonValue } from './json-edit.js';
import { anthropicBase, openAiBase } from './proxy-urls.js';
import { readTextOrNull } from './text.js';
import { arrow, cannotParse, change, isObject, upstreamOf } from './plan-helpers.js';

/** globalState.json: provider id → the base-URL key that provider reads. */
const STATE_KEYS: Record<string, { key: string; protocol: 'openai' | 'anthropic' }> = {
  anthropic: { key: 'anthropicBaseUrl', protocol: 'anthropic' },
  openai: { key: 'openAiBaseUrl', protocol: 'openai' },
  'openai-compatible': { key: 'openAiBaseUrl', protocol: 'openai' },
};
/** providers.json: provider id → protocol. */
const PROVIDER_PROTOCOL: Record<string, 'openai' | 'anthropic'> = { anthropic: 'anthropic', 'openai-compatible': 'openai' };

const baseFor = (protocol: 'openai' | 'anthropic', proxyUrl: string) => (protocol === 'anthropic' ? anthropicBase(proxyUrl) : openAiBase(proxyUrl));

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
    installed: isDir(join(env.home, '.cline')) || hasExtension(env, 'cline'),
    configPaths: files,
    routable: files.length > 0,
    note: files.length
      ? 'Routes the Anthropic and OpenAI Compatible providers; others (OpenRouter, Bedrock, your Cline account…) go direct. Reload VS Code or restart cline afterwards.'
      : 'No Cline settings yet: choose a provider in Cline first.',
  };
}

function planState(file: string, text: string, proxyUrl: string): PlannedChange | null | { error: string; skipped?: string } {
  const err = jsonParseError(text);
  if (err) return cannotParse(file, err);
  const doc = parseJsonValue(text);
  if (!isObject(doc)) return cannotParse(file, 'the top level is not a JSON object');
  const active = [...new Set(['planModeApiProvider', 'actModeApiProvider', 'apiProvider'].map((k) => doc[k]).filter((v): v is string => typeof v === 'string'))];
  const routed = active.filter((p) => STATE_KEYS[p]);
  if (!routed.length) return { error: '', skipped: `${file}: current provider ${active.join(', ') || '(none)'} — not routed` };
  let out = text;
  const edits: EditRecord[] = [];
  const summary: string[] = [];
  const upstreams: Upstream[] = [];
  for (const { key, protocol } of [...new Map(routed.map((p) => [STATE_KEYS[p].key, STATE_KEYS[p]])).values()]) {
    const target = baseFor(protocol, proxyUrl);
    const e = setJsonValue(out, [key], target);
    if (!e) continue;
    out = e.text;
    edits.push(e.record);
    summary.push(arrow(key, doc[key], target));
    upstreams.push(...upstreamOf(doc[key], protocol, key, proxyUrl));
  }
  return edits.length ? change('cline', file, 'json', text, out, edits, summary, upstreams) : null;
}

function planProviders(file: string, text: string, proxyUrl: string): PlannedChange | null | { error: string; skipped?: string } {
  const err = jsonParseError(text);
  if (err) return cannotParse(file, err);
  const doc = parseJsonValue(text);
  const providers = isObject(doc) && isObject(doc.providers) ? doc.providers : undefined;
  if (!providers) return cannotParse(file, 'no "providers" object');
  let out = text;
  const edits: EditRecord[] = [];
  const summary: string[] = [];
  const upstreams: Upstream[] = [];
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
    const target = baseFor(protocol, proxyUrl);
    const e = setJsonValue(out, ['providers', id, 'settings', 'baseUrl'], target);
    if (!e) continue;
    out = e.text;
    edits.push(e.record);
    summary.push(arrow(`providers.${id}.settings.baseUrl`, settings.baseUrl, target));
    upstreams.push(...upstreamOf(settings.baseUrl, protocol, `providers.${id}.settings.baseUrl`, proxyUrl));
  }
  if (!routable) return { error: '', skipped: `${file}: no Anthropic or OpenAI Compatible provider — not routed` };
  return edits.length ? change('cline', file, 'json', text, out, edits, summary, upstreams) : null;
}

export function planCline(env: AgentEnv, proxyUrl: string): PlanResult {
  const { state, providers } = clinePaths(env);
  const changes: PlannedChange[] = [];
  const skipped: string[] = [];
  let found = 0;
  for (const [file, plan] of [[state, planState], [providers, planProviders]] as const) {
    const text = readTextOrNull(file);
    if (text === null) continue;
    found++;
    const r = plan(file, text, proxyUrl);
    if (r === null) continue;
    if ('error' in r) {
      if (r.skipped) skipped.push(r.skipped);
      else return { error: r.error };
      continue;
    }
    changes.push(r);
  }
  if (!found) return { error: `No Cline settings found in ${clineDataDir(env)}; choose a provider in Cline first.` };
  if (skipped.length === found) return { error: `Nothing in Cline to route: ${skipped.join('; ')}. Headroom routes the Anthropic and OpenAI Compatible providers.` };
  if (changes.length) changes[0].summary.push(...skipped);
  return changes;
}
