/**
 * Codex reads `$CODEX_HOME/config.toml` (default `~/.codex`). A custom provider is a `[model_providers.<id>]` table
 * with `name`, `base_url` (Codex appends `/responses`), `wire_api` and `env_key` (the variable holding the API key),
 * selected by the root key `model_provider` (openai/codex codex-rs/core/src/model_provider_info.rs and docs/config.md).
 * Codex ignores OPENAI_BASE_URL for its WebSocket transport and the ids `openai`, `ollama`, `lmstudio` are reserved,
 * hence our own id `headroom`. `wire_api = "responses"` is what current Codex accepts and what our agent recipe ran
 * (shared/agents/config/codex-config.toml: base_url …/v1, wire_api "responses").
 */
import { join } from 'node:path';
import type { AgentEnv, Detection, EditRecord, PlanResult, Upstream } from './types.js';
import { codexHome, hasExtension, isDir } from './locations.js';
import { appendTable, parseTomlValue, setRootString, setTableString, tomlParseError, TOML_TAG } from './toml-edit.js';
import { openAiBase } from './proxy-urls.js';
import { readTextOrNull } from './text.js';
import { arrow, cannotParse, change, isObject, upstreamOf } from './plan-helpers.js';

const ID = 'headroom';

export function codexConfigPath(env: AgentEnv): string {
  return join(codexHome(env), 'config.toml');
}

export function detectCodex(env: AgentEnv): Detection {
  return {
    agent: 'codex',
    label: 'Codex',
    installed: isDir(codexHome(env)) || hasExtension(env, 'codex'),
    configPaths: [codexConfigPath(env)],
    routable: true,
    note:
      'Adds a "headroom" model provider to config.toml and selects it. It uses an API key from OPENAI_API_KEY (or your ' +
      "current provider's key variable); Codex signed in with a ChatGPT account talks to ChatGPT's own backend, which the proxy cannot route.",
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
  const target = openAiBase(proxyUrl);
  const edits: EditRecord[] = [];
  const summary: string[] = [];
  const upstreams: Upstream[] = [];
  let text = text0;

  const ours = providers[ID];
  if (ours !== undefined) {
    // Only a table we added (tagged) is ours to change.
    if (!text.includes(`${TOML_TAG}\n[model_providers.${ID}]`) && !text.includes(`${TOML_TAG}\r\n[model_providers.${ID}]`)) {
      return { error: `${file} already has a [model_providers.${ID}] that Headroom did not add; rename or remove it, then try again.` };
    }
    const e = setTableString(text, ['model_providers', ID], 'base_url', target);
    if (e) {
      text = e.text;
      edits.push(e.record);
      summary.push(arrow(`model_providers.${ID}.base_url`, (ours as Record<string, unknown>).base_url, target));
    }
  } else {
    // Keep the key variable of the provider the user has now, so the same key keeps working through the proxy.
    const current = providers[selected];
    const envKey = isObject(current) && typeof current.env_key === 'string' ? current.env_key : 'OPENAI_API_KEY';
    if (isObject(current)) upstreams.push(...upstreamOf(current.base_url, 'openai', `model_providers.${selected}.base_url`, proxyUrl));
    const e = appendTable(text, ['model_providers', ID], [['name', 'Headroom'], ['base_url', target], ['wire_api', 'responses'], ['env_key', envKey]], TOML_TAG);
    // e.g. an inline `model_providers = { … }` cannot be extended by a header: refuse rather than guess.
    const bad = tomlParseError(e.text);
    if (bad) return { error: `${file}: could not add the Headroom provider without disturbing the file (${bad}); nothing changed.` };
    text = e.text;
    edits.push(e.record);
    summary.push(`add [model_providers.${ID}]: base_url ${target}, wire_api responses, key from ${envKey}`);
  }
  const sel = setRootString(text, 'model_provider', ID);
  if (sel) {
    text = sel.text;
    edits.push(sel.record);
    summary.push(arrow('model_provider', typeof doc.model_provider === 'string' ? doc.model_provider : undefined, ID));
  }
  if (!edits.length) return [];

  // The edit must read back as meant (e.g. an inline `model_providers = {…}` table cannot be extended by a header).
  const check = tomlParseError(text);
  const after = check ? null : parseTomlValue(text);
  const prov = after && isObject(after.model_providers) ? after.model_providers[ID] : undefined;
  if (!after || after.model_provider !== ID || !isObject(prov) || prov.base_url !== target) {
    return { error: `${file}: could not add the Headroom provider without disturbing the file${check ? ` (${check})` : ''}; nothing changed.` };
  }
  if (before === null) summary.unshift(`create ${file}`);
  return [change('codex', file, 'toml', before, text, edits, summary, upstreams)];
}
