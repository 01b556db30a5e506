import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Upstreams named per routed agent (issue 14: one agent's custom endpoint must never become every agent's upstream).
 * An agent configured to `<proxy>/u/<name>/v1` reaches the base stored here under `<name>`; the proxy maps
 * `/u/<name>/<rest>` onto that base exactly as it maps `<rest>` onto a family's default base.
 * Kept at `<HEADROOM_HOME>/upstreams.json` (0600) so the CLI proxy and the extension's proxy read the same routes.
 */
export const NAMED_UPSTREAMS_FILE = 'upstreams.json';
export const UPSTREAM_NAME_RE = /^[a-z0-9][a-z0-9-]{0,39}$/;

export type UpstreamFamily = 'anthropic' | 'openai' | 'gemini' | 'ollama';

export interface NamedUpstream {
  family: UpstreamFamily;
  /** The base the family prefix stands for, e.g. `https://openrouter.ai/api/v1`. */
  base: string;
  /** Who asked for it (an agent id), so restore removes only its own. */
  owner: string;
}

export type NamedUpstreams = Record<string, NamedUpstream>;

export function readNamedUpstreams(home: string): NamedUpstreams {
  let text: string;
  try {
    text = readFileSync(join(home, NAMED_UPSTREAMS_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw e;
  }
  const parsed: unknown = JSON.parse(text);
  const out: NamedUpstreams = {};
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return out;
  for (const [name, v] of Object.entries(parsed as Record<string, unknown>)) {
    if (!UPSTREAM_NAME_RE.test(name) || !v || typeof v !== 'object') continue;
    const { family, base, owner } = v as Record<string, unknown>;
    if (
      (family === 'anthropic' || family === 'openai' || family === 'gemini' || family === 'ollama') &&
      typeof base === 'string' &&
      /^https?:\/\//.test(base)
    ) {
      out[name] = { family, base, owner: typeof owner === 'string' ? owner : '' };
    }
  }
  return out;
}

export function writeNamedUpstreams(home: string, upstreams: NamedUpstreams): void {
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const file = join(home, NAMED_UPSTREAMS_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(upstreams, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}

export function setNamedUpstream(home: string, name: string, upstream: NamedUpstream): void {
  if (!UPSTREAM_NAME_RE.test(name)) throw new Error(`upstream name "${name}" must match ${UPSTREAM_NAME_RE}`);
  writeNamedUpstreams(home, { ...readNamedUpstreams(home), [name]: upstream });
}

export function removeNamedUpstream(home: string, name: string): void {
  const all = readNamedUpstreams(home);
  if (!(name in all)) return;
  delete all[name];
  writeNamedUpstreams(home, all);
}
