import { normalizeBase, type Family } from '../providers/upstream-url.js';

/** `http://127.0.0.1:8787/` → `http://127.0.0.1:8787`. */
export const origin = (url: string) => url.replace(/\/+$/, '');

const LOOPBACK_RE = /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/i;

/**
 * A base URL the agent was configured with, as the proxy's upstream for `family`; undefined when unset, not a URL,
 * or pointing at a Headroom proxy already (a loopback URL on `headroomPort`): forwarding to it would loop.
 */
export function upstreamFrom(value: unknown, family: Family, headroomPort = 8787): string | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  let base: string;
  try {
    base = normalizeBase(value.trim(), family);
  } catch {
    return undefined;
  }
  if (LOOPBACK_RE.test(base) && new URL(base).port === String(headroomPort)) return undefined;
  return base;
}

/** What each client appends to its base: most SDKs take `/v1` in the base, Anthropic's takes the bare origin. */
export const proxyBase = {
  openai: (proxy: string) => origin(proxy) + '/v1',
  anthropicSdk: (proxy: string) => origin(proxy),
  anthropicV1: (proxy: string) => origin(proxy) + '/v1',
  gemini: (proxy: string) => origin(proxy),
  geminiV1beta: (proxy: string) => origin(proxy) + '/v1beta',
};
