/**
 * Continue (VS Code extension and `cn` CLI) reads `~/.continue/config.yaml` — `models:` entries with `provider`,
 * `model`, `apiBase`, `apiKey`, `roles` (docs.continue.dev reference; our agent recipe ran `cn` with
 * shared/agents/config/continue-config*.yaml) — and falls back to the legacy `config.json` (`models: [{ title,
 * provider, model, apiBase }]`) when there is no config.yaml. We route `openai` models to proxy + `/v1` (what the recipe
 * ran) and `anthropic` models to proxy + `/v1/` (Continue's Anthropic default is `https://api.anthropic.com/v1/` and
 * it resolves `messages` against it, core/llm/llms/Anthropic.ts). Other providers and Hub blocks (`uses:`) go direct.
 */
import { join } from 'node:path';
import type { AgentEnv, Detection, EditRecord, PathSeg, PlanResult, Upstream } from './types.js';
import { existsSync } from 'node:fs';
import { continueDir, hasExtension, isDir } from './locations.js';
import { parseYamlValue, setYamlString, yamlParseError } from './yaml-edit.js';
import { jsonParseError, parseJsonValue, setJsonValue } from './json-edit.js';
import { continueAnthropicBase, openAiBase } from './proxy-urls.js';
import { readTextOrNull } from './text.js';
import { arrow, cannotParse, change, isObject, upstreamOf } from './plan-helpers.js';

const ROUTED: Record<string, (proxyUrl: string) => string> = { openai: openAiBase, anthropic: continueAnthropicBase };

export function continueConfigPaths(env: AgentEnv): { yaml: string; json: string } {
  const dir = continueDir(env);
  return { yaml: join(dir, 'config.yaml'), json: join(dir, 'config.json') };
}

export function detectContinue(env: AgentEnv): Detection {
  const { yaml, json } = continueConfigPaths(env);
  const file = existsSync(yaml) ? yaml : existsSync(json) ? json : null;
  return {
    agent: 'continue',
    label: 'Continue',
    installed: isDir(continueDir(env)) || hasExtension(env, 'continue'),
    configPaths: file ? [file] : [],
    routable: !!file,
    note: file
      ? 'Points apiBase of your OpenAI and Anthropic models at the proxy. Models from the Continue Hub (uses: …) are configured online and go direct.'
      : `No ${yaml} yet: add a model in Continue first.`,
  };
}

/** How to find a model again after the user edits the list: by name (title) and provider when unique, else by index. */
function modelSeg(models: unknown[], i: number, nameKey: 'name' | 'title'): PathSeg {
  const m = models[i] as Record<string, unknown>;
  const name = m[nameKey];
  if (typeof name !== 'string' || typeof m.provider !== 'string') return i;
  const match = { [nameKey]: name, provider: m.provider };
  const same = models.filter((x) => isObject(x) && x[nameKey] === name && x.provider === m.provider).length;
  return same === 1 ? { match } : i;
}

export function planContinue(env: AgentEnv, proxyUrl: string): PlanResult {
  const { yaml, json } = continueConfigPaths(env);
  const isYaml = existsSync(yaml);
  const file = isYaml ? yaml : json;
  const before = readTextOrNull(file);
  if (before === null) return { error: `No Continue config found (${yaml}); add a model in Continue first.` };
  const err = isYaml ? yamlParseError(before) : jsonParseError(before);
  if (err) return cannotParse(file, err);
  const doc = isYaml ? parseYamlValue(before) : parseJsonValue(before);
  const models = isObject(doc) && Array.isArray(doc.models) ? doc.models : [];
  const nameKey = isYaml ? 'name' : 'title';

  let text = before;
  const edits: EditRecord[] = [];
  const summary: string[] = [];
  const upstreams: Upstream[] = [];
  let routable = 0;
  const failed: string[] = [];
  models.forEach((m, i) => {
    if (!isObject(m)) return;
    const label = `models[${typeof m[nameKey] === 'string' ? m[nameKey] : i}]`;
    const provider = typeof m.provider === 'string' ? m.provider : undefined;
    const base = provider ? ROUTED[provider] : undefined;
    if (!base) {
      if (provider || m.uses) summary.push(`${label}: ${provider ? `provider ${provider}` : `Hub block ${String(m.uses)}`} — not routed (goes direct)`);
      return;
    }
    routable++;
    const target = base(proxyUrl);
    const seg = modelSeg(models, i, nameKey);
    try {
      const e = isYaml ? setYamlString(text, ['models', seg], 'apiBase', target, 'provider') : setJsonValue(text, ['models', seg, 'apiBase'], target);
      if (!e) return;
      text = e.text;
      edits.push(e.record);
      summary.push(arrow(`${label}.apiBase`, m.apiBase, target));
      upstreams.push(...upstreamOf(m.apiBase, provider === 'anthropic' ? 'anthropic' : 'openai', `${label}.apiBase`, proxyUrl));
    } catch (e) {
      failed.push(`${label}: ${(e as Error).message}`);
      summary.push(`${label}: ${(e as Error).message} — not routed`);
    }
  });
  if (!routable) return { error: `${file} has no OpenAI or Anthropic models to route (Headroom routes provider: openai and provider: anthropic).` };
  if (!edits.length) return failed.length ? { error: `${file}: ${failed.join('; ')}` } : [];
  return [change('continue', file, isYaml ? 'yaml' : 'json', before, text, edits, summary, upstreams)];
}
