/**
 * Continue (VS Code extension and `cn` CLI). Persistent: `~/.continue/config.yaml` — `models:` entries with
 * `provider`, `model`, `apiBase`, `apiKey`, `roles` (docs.continue.dev reference; our agent recipe ran `cn` with
 * shared/agents/config/continue-config*.yaml) — or the legacy `config.json` when there is no config.yaml, plus the
 * local agent files `~/.continue/{agents,assistants,configs}/*.yaml` that the extension loads beside it
 * (continuedev/continue core/config/ConfigHandler.ts, core/config/loadLocalAssistants.ts). We route `openai` models to
 * proxy + `/v1`, `anthropic` models to proxy + `/v1/` (Continue's Anthropic default is `https://api.anthropic.com/v1/`
 * and it resolves `messages` against it, core/llm/llms/Anthropic.ts) and `gemini` models to proxy + `/v1beta/`
 * (core/llm/llms/Gemini.ts), and `ollama` models to a route of their own, proxy + `/u/<name>/` (see `ROUTED`). Other
 * providers and Hub blocks (`uses:`) go direct; Hub profiles are online, and a workspace's own `.continue/` files are
 * the workspace's: both are listed, not routed.
 * `cn`'s Gemini adapter ignores apiBase (packages/openai-adapters/src/apis/Gemini.ts builds `GoogleGenAI` with the key
 * only, which reads GOOGLE_GEMINI_BASE_URL), so `headroom wrap continue` sets that variable for Gemini models.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';
import type { AgentEnv, Detection, EditRecord, PathSeg, PlannedChange, PlanResult } from './types.js';
import type { AgentEntry } from './entry.js';
import { unchangedPlan, type AgentPlan, type AgentSpec, type Family, type WrapEnv } from './wrap-types.js';
import { continueDir, hasExtension, isDir } from './locations.js';
import { parseYamlValue, setYamlString, yamlParseError } from './edit/yaml-edit.js';
import { jsonParseError, parseJsonValue, setJsonValue } from './edit/json-edit.js';
import { proxyBase, upstreamFrom } from './proxy-urls.js';
import { readTextOrNull } from './edit/text.js';
import { arrow, cannotParse, change, isObject, withRoutes } from './edit/plan-helpers.js';
import { RoutePlanner } from './routes.js';

interface Rule {
  family: Family;
  /** The apiBase to write, from the proxy (or the model's route on it). */
  base: (proxy: string) => string;
  /**
   * The endpoint the provider uses when apiBase is unset, when it is not a public API the proxy forwards to by
   * default: such a model is routed like one with that custom endpoint, through a route of its own.
   */
  implicit?: string;
}

/** The default Ollama server of Continue's Ollama provider (core/llm/llms/Ollama.ts). */
const OLLAMA_DEFAULT = 'http://localhost:11434/';

/** Provider → family and base form (with the trailing slash Continue resolves against). */
const ROUTED: Record<string, Rule> = {
  openai: { family: 'openai', base: proxyBase.openai },
  anthropic: { family: 'anthropic', base: proxyBase.continueV1 },
  gemini: { family: 'gemini', base: proxyBase.continueGemini },
  // The extension calls the server's own API (`api/chat`, compressed; `api/show`, `api/tags`, … passed through) and
  // `cn` the same server's OpenAI-compatible `v1/`; a `/u/<name>` route with an Ollama upstream forwards both there
  // (`/v1/…` keeps its path on the upstream's origin), so it is always a route of its own, never the proxy's
  // default OpenAI upstream.
  ollama: { family: 'ollama', base: proxyBase.continueOllama, implicit: OLLAMA_DEFAULT },
};

/**
 * `cn` alone (`headroom wrap continue`): its per-run proxy has one upstream per family, and `cn` sends an Ollama
 * model's requests as OpenAI chat to apiBase + `v1/`, so such a model takes the run's OpenAI upstream, pointed at
 * the Ollama server's `/v1`.
 */
const CN_OLLAMA: Rule & { origin: true } = {
  family: 'openai',
  base: proxyBase.continueOllama,
  implicit: OLLAMA_DEFAULT,
  origin: true,
};
const ROUTED_NAMES = 'openai, anthropic, gemini and ollama';
/** Sub-folders of the Continue folder whose YAML files are local agents (loadLocalAssistants.ts). */
const AGENT_DIRS = ['agents', 'assistants', 'configs'];

export function continueConfigPaths(env: AgentEnv): { yaml: string; json: string } {
  const dir = continueDir(env);
  return { yaml: join(dir, 'config.yaml'), json: join(dir, 'config.json') };
}

/** `~/.continue/{agents,assistants,configs}/*.yaml|yml`, sorted (deterministic plans). */
export function continueAgentFiles(env: AgentEnv): string[] {
  const out: string[] = [];
  for (const sub of AGENT_DIRS) {
    const dir = join(continueDir(env), sub);
    if (!isDir(dir)) continue;
    for (const name of readdirSync(dir).sort())
      if (/\.ya?ml$/.test(name) && statSync(join(dir, name)).isFile()) out.push(join(dir, name));
  }
  return out;
}

export function detectContinue(env: AgentEnv): Detection {
  const { yaml, json } = continueConfigPaths(env);
  const file = existsSync(yaml) ? yaml : existsSync(json) ? json : null;
  const files = [...(file ? [file] : []), ...continueAgentFiles(env)];
  return {
    agent: 'continue',
    label: 'Continue',
    installed: isDir(continueDir(env)) || hasExtension(env, 'continue'),
    configPaths: files,
    routable: files.length > 0,
    note: files.length
      ? 'Points apiBase of your OpenAI, Anthropic, Gemini and Ollama models (config.yaml and local agent files) ' +
        "at the proxy. Hub models (uses: …) and a workspace's .continue/ files go direct."
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

function planFile(
  file: string,
  before: string,
  isYaml: boolean,
  routes: RoutePlanner,
): PlannedChange | null | { error: string; skipped?: string } {
  const err = isYaml ? yamlParseError(before) : jsonParseError(before);
  if (err) return cannotParse(file, err);
  const doc = isYaml ? parseYamlValue(before) : parseJsonValue(before);
  const models = isObject(doc) && Array.isArray(doc.models) ? doc.models : [];
  const nameKey = isYaml ? 'name' : 'title';
  let text = before;
  const edits: EditRecord[] = [];
  const summary: string[] = [];
  let routable = 0;
  const failed: string[] = [];
  models.forEach((m, i) => {
    if (!isObject(m)) return;
    const label = `models[${typeof m[nameKey] === 'string' ? m[nameKey] : i}]`;
    const provider = typeof m.provider === 'string' ? m.provider : undefined;
    const rule = provider ? ROUTED[provider] : undefined;
    if (!rule) {
      if (provider || m.uses)
        summary.push(
          `${label}: ${provider ? `provider ${provider}` : `Hub block ${String(m.uses)}`} — not routed (goes direct)`,
        );
      return;
    }
    routable++;
    const target = rule.base(routes.proxyFor(m.apiBase ?? rule.implicit, rule.family, `${label}.apiBase`));
    const seg = modelSeg(models, i, nameKey);
    try {
      const e = isYaml
        ? setYamlString(text, ['models', seg], 'apiBase', target, 'provider')
        : setJsonValue(text, ['models', seg, 'apiBase'], target);
      if (!e) return;
      text = e.text;
      edits.push(e.record);
      summary.push(arrow(`${label}.apiBase`, m.apiBase, target));
      if (rule.family === 'gemini')
        summary.push(`${label}: the cn CLI ignores apiBase for Gemini; run it as \`headroom wrap continue\``);
    } catch (e) {
      failed.push(`${label}: ${(e as Error).message}`);
      summary.push(`${label}: ${(e as Error).message} — not routed`);
    }
  });
  if (!routable) return { error: '', skipped: `${file}: no OpenAI, Anthropic, Gemini or Ollama models — not routed` };
  if (!edits.length) return failed.length ? { error: `${file}: ${failed.join('; ')}` } : null;
  return change('continue', file, isYaml ? 'yaml' : 'json', before, text, edits, summary, []);
}

export function planContinue(env: AgentEnv, proxyUrl: string): PlanResult {
  const { yaml, json } = continueConfigPaths(env);
  const main = existsSync(yaml) ? yaml : existsSync(json) ? json : undefined;
  const files = [...(main ? [main] : []), ...continueAgentFiles(env)];
  if (!files.length) return { error: `No Continue config found (${yaml}); add a model in Continue first.` };
  const routes = new RoutePlanner('continue', env, proxyUrl);
  const changes: PlannedChange[] = [];
  const skipped: string[] = [];
  for (const file of files) {
    const text = readTextOrNull(file);
    if (text === null) continue;
    const r = planFile(file, text, file !== json, routes);
    if (r === null) continue;
    if ('error' in r) {
      if (r.skipped === undefined) return { error: r.error };
      skipped.push(r.skipped);
      continue;
    }
    changes.push(r);
  }
  if (!changes.length && skipped.length === files.length) {
    return { error: `${skipped.join('; ')} (Headroom routes provider: ${ROUTED_NAMES}).` };
  }
  const notes = [
    "Hub profiles (signed in to Continue) and a workspace's own .continue/ files are not routed: they go direct",
  ];
  if (changes.length) changes[0].summary.push(...skipped, ...notes);
  routes.upstreams.forEach((u) => changes.find((c) => c.summary.some((l) => l.includes(u.where)))?.upstreams.push(u));
  return withRoutes(routes, changes);
}

/** `http://host:11434/anything` → `http://host:11434` (undefined when not a URL: the model then goes direct). */
function originOf(base: unknown): string | undefined {
  try {
    return new URL(String(base)).origin;
  } catch {
    return undefined;
  }
}

/** Index of the `--config` value in args (`--config X` or `--config=X`), and the value. */
function configArg(args: readonly string[]): { index: number; value: string; inline: boolean } | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--config' && i + 1 < args.length) return { index: i + 1, value: args[i + 1], inline: false };
    if (args[i].startsWith('--config=')) return { index: i, value: args[i].slice(9), inline: true };
  }
  return undefined;
}

const wrap: AgentSpec = {
  name: 'continue',
  bin: 'cn',
  how:
    'per-run config: a temp copy of config.yaml with apiBase=<proxy> for OpenAI/Anthropic/Ollama models, ' +
    'passed as --config; GOOGLE_GEMINI_BASE_URL for Gemini',
  plan({ env, home, args }: WrapEnv): AgentPlan {
    const given = configArg(args);
    const globalDir =
      env.CONTINUE_GLOBAL_DIR && isAbsolute(env.CONTINUE_GLOBAL_DIR)
        ? env.CONTINUE_GLOBAL_DIR
        : join(home, '.continue');
    const file = given ? resolve(given.value) : join(globalDir, 'config.yaml');
    if (!existsSync(file) || !statSync(file).isFile())
      return unchangedPlan(
        given
          ? `--config ${given.value} is not a local file (a hub assistant?); running cn unchanged`
          : `no ${file}; running cn unchanged`,
        args,
      );

    const doc = parseDocument(readFileSync(file, 'utf8'));
    const models = doc.get('models');
    if (doc.errors.length || !isSeq(models))
      return unchangedPlan(`${file} has no models list Headroom can read; running cn unchanged`, args);
    const upstreams: Partial<Record<Family, string>> = {};
    const routed: { index: number; family: Family; base: (proxy: string) => string }[] = [];
    const notes: string[] = [];
    models.items.forEach((m, index) => {
      if (!isMap(m)) return;
      const provider = String(m.get('provider'));
      const rule: (Rule & { origin?: true }) | undefined = provider === 'ollama' ? CN_OLLAMA : ROUTED[provider];
      if (!rule) return;
      const family = rule.family;
      const base = m.get('apiBase') ?? rule.implicit;
      const upstream = base === undefined ? undefined : upstreamFrom(rule.origin ? originOf(base) : base, family);
      if (base !== undefined && !upstream) return; // already pointing at a Headroom proxy, or not a URL
      const want = upstream ?? 'default';
      const have = upstreams[family] ?? (routed.some((r) => r.family === family) ? 'default' : undefined);
      if (have !== undefined && have !== want) {
        notes.push(
          `model ${String(m.get('name') ?? index)} uses another ${family} endpoint ` +
            `(${String(base ?? 'default')}) and goes direct`,
        );
        return;
      }
      if (upstream) upstreams[family] = upstream;
      routed.push({ index, family, base: rule.base });
    });
    if (!routed.length)
      return unchangedPlan(`no OpenAI, Anthropic, Gemini or Ollama model in ${file}; running cn unchanged`, args);
    notes.push(`using a per-run copy of ${file} (relative paths inside it resolve from the copy's folder)`);
    return {
      upstreams,
      families: [...new Set(routed.map((r) => r.family))],
      notes,
      launch: (proxy, tmpDir) => {
        for (const r of routed) doc.setIn(['models', r.index, 'apiBase'], r.base(proxy));
        const copy = join(tmpDir, 'continue-config.yaml');
        writeFileSync(copy, doc.toString(), { mode: 0o600 });
        const out = [...args];
        if (!given) out.unshift('--config', copy);
        else out[given.index] = given.inline ? `--config=${copy}` : copy;
        // Gemini models: cn's adapter ignores apiBase and reads GOOGLE_GEMINI_BASE_URL (see the top of this file).
        const env = routed.some((r) => r.family === 'gemini')
          ? { GOOGLE_GEMINI_BASE_URL: proxyBase.gemini(proxy) }
          : {};
        return { args: out, env, files: [copy] };
      },
    };
  },
};

export const continueAgent: AgentEntry = {
  id: 'continue',
  displayName: 'Continue',
  // Continue's CLI sends its requests with a user-agent naming no product ("ls"), so records show it by that too.
  userAgents: [/continue/i, /^ls(\/|$)/],
  configure: { id: 'continue', detect: detectContinue, plan: planContinue },
  wrap: { names: ['continue', 'cn'], spec: wrap },
  overriddenBy: "a workspace's .continue/ files and Hub profiles (listed, not routed), or cn --config",
};
