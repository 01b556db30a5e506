/** Small pieces every agent planner uses: the unparseable-file error, upstream notes, change assembly. */
import type { AgentId, EditRecord, FileFormat, PlannedChange, Upstream } from '../types.js';
import { isDefaultBase, pointsAtProxy } from '../proxy-urls.js';

/** The error for a config we cannot parse: it names the file and the problem, and says nothing was changed. */
export function cannotParse(file: string, problem: string): { error: string } {
  return {
    error: `${file} could not be parsed (${problem}). Headroom did not change it; fix the file, then try again.`,
  };
}

/** An upstream note when the value we replace is a custom endpoint the proxy must forward to. */
export function upstreamOf(old: unknown, protocol: Upstream['protocol'], where: string, proxyUrl: string): Upstream[] {
  if (typeof old !== 'string' || !old.trim() || isDefaultBase(old) || pointsAtProxy(old, proxyUrl)) return [];
  return [{ protocol, url: old, where }];
}

export function change(
  agent: AgentId,
  file: string,
  format: FileFormat,
  before: string | null,
  after: string,
  edits: EditRecord[],
  summary: string[],
  upstreams: Upstream[],
): PlannedChange {
  return { agent, file, before, after, summary, kind: 'route', format, edits, upstreams };
}

/** `x → y` wording for a replaced or newly set value. */
export function arrow(label: string, old: unknown, next: string): string {
  return typeof old === 'string' ? `${label}: ${old} → ${next}` : `${label}: (not set) → ${next}`;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** The agent's own changes plus, first, the change to upstreams.json its custom endpoints need (or its error). */
export function withRoutes(
  routes: { plan(): PlannedChange | null | { error: string } },
  changes: PlannedChange[],
): PlannedChange[] | { error: string } {
  const r = routes.plan();
  if (r && 'error' in r) return r;
  return r ? [r, ...changes] : changes;
}
