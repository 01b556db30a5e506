/**
 * Continue's `cn` reads one config file (`--config FILE`, default `~/.continue/config.yaml`). wrap writes a per-run
 * copy with each OpenAI / Anthropic / Gemini model's `apiBase` pointed at the proxy and passes `--config <copy>`;
 * the user's file is never changed. A model's previous apiBase becomes the proxy's upstream for its family (models of
 * the same family with a different apiBase keep theirs and go direct). Hub assistants (`--config owner/name`) are not
 * local files and run unchanged.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';
import type { AgentPlan, AgentSpec, Family, WrapEnv } from './types.js';
import { origin, upstreamFrom } from './urls.js';

const FAMILY: Record<string, Family> = { openai: 'openai', anthropic: 'anthropic', gemini: 'gemini' };
/** Continue resolves endpoints relative to apiBase with a trailing slash (extension/agents/proxy-urls.ts). */
const TARGET: Record<Family, (proxy: string) => string> = {
  openai: (p) => origin(p) + '/v1/',
  anthropic: (p) => origin(p) + '/v1/',
  gemini: (p) => origin(p) + '/v1beta/',
};

/** Index of the `--config` value in args (`--config X` or `--config=X`), and the value. */
function configArg(args: readonly string[]): { index: number; value: string; inline: boolean } | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--config' && i + 1 < args.length) return { index: i + 1, value: args[i + 1], inline: false };
    if (args[i].startsWith('--config=')) return { index: i, value: args[i].slice(9), inline: true };
  }
  return undefined;
}

const unchanged = (note: string, args: readonly string[]): AgentPlan => ({ upstreams: {}, families: [], notes: [note], launch: () => ({ args: [...args], env: {}, files: [] }) });

export const continueCli: AgentSpec = {
  name: 'continue',
  bin: 'cn',
  how: 'per-run config: a temp copy of config.yaml with apiBase=<proxy> for OpenAI/Anthropic/Gemini models, passed as --config',
  plan({ env, home, args }: WrapEnv): AgentPlan {
    const given = configArg(args);
    const globalDir = env.CONTINUE_GLOBAL_DIR && isAbsolute(env.CONTINUE_GLOBAL_DIR) ? env.CONTINUE_GLOBAL_DIR : join(home, '.continue');
    const file = given ? resolve(given.value) : join(globalDir, 'config.yaml');
    if (!existsSync(file) || !statSync(file).isFile()) return unchanged(given ? `--config ${given.value} is not a local file (a hub assistant?); running cn unchanged` : `no ${file}; running cn unchanged`, args);

    const doc = parseDocument(readFileSync(file, 'utf8'));
    const models = doc.get('models');
    if (doc.errors.length || !isSeq(models)) return unchanged(`${file} has no models list Headroom can read; running cn unchanged`, args);
    const upstreams: Partial<Record<Family, string>> = {};
    const routed: { index: number; family: Family }[] = [];
    const notes: string[] = [];
    models.items.forEach((m, index) => {
      if (!isMap(m)) return;
      const family = FAMILY[String(m.get('provider'))];
      if (!family) return;
      const base = m.get('apiBase');
      const upstream = base === undefined ? undefined : upstreamFrom(base, family);
      if (base !== undefined && !upstream) return; // already pointing at a Headroom proxy, or not a URL
      const want = upstream ?? 'default';
      const have = upstreams[family] ?? (routed.some((r) => r.family === family) ? 'default' : undefined);
      if (have !== undefined && have !== want) {
        notes.push(`model ${String(m.get('name') ?? index)} uses another ${family} endpoint (${String(base ?? 'default')}) and goes direct`);
        return;
      }
      if (upstream) upstreams[family] = upstream;
      routed.push({ index, family });
    });
    if (!routed.length) return unchanged(`no OpenAI, Anthropic or Gemini model in ${file}; running cn unchanged`, args);
    notes.push(`using a per-run copy of ${file} (relative paths inside it resolve from the copy's folder)`);
    return {
      upstreams,
      families: [...new Set(routed.map((r) => r.family))],
      notes,
      launch: (proxy, tmpDir) => {
        for (const r of routed) doc.setIn(['models', r.index, 'apiBase'], TARGET[r.family](proxy));
        const copy = join(tmpDir, 'continue-config.yaml');
        writeFileSync(copy, doc.toString(), { mode: 0o600 });
        const out = [...args];
        if (!given) out.unshift('--config', copy);
        else out[given.index] = given.inline ? `--config=${copy}` : copy;
        return { args: out, env: {}, files: [copy] };
      },
    };
  },
};
