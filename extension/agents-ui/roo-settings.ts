/**
 * Roo Code keeps its provider settings inside VS Code and exposes them through its extension API
 * (`getConfiguration()` / `setConfiguration(values)`, RooCodeAPI in @roo-code/types). The active profile's
 * `apiProvider` decides which base-URL field its requests use. Pure: computes the update and its exact undo.
 */
import type { Upstream } from '../agents/index.js';
import type { JsonValue } from '../agents/types.js';
import { anthropicBase, isDefaultBase, openAiBase, pointsAtProxy } from '../agents/proxy-urls.js';

/** Base-URL field per routable provider, and the protocol the proxy receives from it. */
const FIELDS: Record<string, { key: string; protocol: Upstream['protocol']; target: (proxy: string) => string }> = {
  anthropic: { key: 'anthropicBaseUrl', protocol: 'anthropic', target: anthropicBase },
  openai: { key: 'openAiBaseUrl', protocol: 'openai', target: openAiBase },
  'openai-native': { key: 'openAiNativeBaseUrl', protocol: 'openai', target: openAiBase },
};

export const ROO_SETTING_KEY = 'roo.configuration';

export interface RooRecord {
  [key: string]: JsonValue;
  key: string;
  /** The value we replaced; null when the field was empty (the provider's default endpoint). */
  previousValue: string | null;
  ourValue: string;
}

export interface RooRoute {
  update: Record<string, string>;
  record: RooRecord;
  summary: string;
  upstreams: Upstream[];
}

/** The update that sends the active Roo Code profile through the proxy; null when it already goes there. */
export function routeRoo(settings: Record<string, unknown>, proxyUrl: string): RooRoute | null | { error: string } {
  const provider = typeof settings.apiProvider === 'string' ? settings.apiProvider : 'anthropic';
  const f = FIELDS[provider];
  if (!f) return { error: `Roo Code's active provider "${provider}" cannot be routed; Anthropic, OpenAI and OpenAI Compatible can.` };
  const old = settings[f.key];
  const target = f.target(proxyUrl);
  if (old === target) return null;
  const previous = typeof old === 'string' && old.trim() ? old : null;
  const upstreams: Upstream[] =
    previous && !isDefaultBase(previous) && !pointsAtProxy(previous, proxyUrl) ? [{ protocol: f.protocol, url: previous, where: `Roo Code ${f.key}` }] : [];
  return {
    update: { [f.key]: target },
    record: { key: f.key, previousValue: previous, ourValue: target },
    summary: `Roo Code (${provider}) ${f.key}: ${previous ?? '(default)'} → ${target}`,
    upstreams,
  };
}

/** Puts the field back when it still holds our value; otherwise leaves the user's newer choice alone. */
export function restoreRoo(settings: Record<string, unknown>, rec: RooRecord): { update: Record<string, string | undefined>; summary: string } {
  if (settings[rec.key] !== rec.ourValue) return { update: {}, summary: `Roo Code ${rec.key} changed since Headroom set it — left as it is` };
  return {
    update: { [rec.key]: rec.previousValue ?? undefined },
    summary: `Roo Code ${rec.key}: ${rec.ourValue} → ${rec.previousValue ?? '(default)'}`,
  };
}

export function isRooRecord(v: unknown): v is RooRecord {
  return !!v && typeof v === 'object' && typeof (v as RooRecord).key === 'string' && typeof (v as RooRecord).ourValue === 'string';
}
