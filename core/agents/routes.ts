/**
 * Per-agent routes for custom endpoints (issue 14: one agent's gateway must never become every agent's upstream).
 * A value the agent had that is the provider's public API (or unset) is routed to the proxy itself; a custom endpoint
 * (OpenRouter, a company gateway, a local server) gets a route of its own, `<proxy>/u/<name>`, and an entry in
 * `<HEADROOM_HOME>/upstreams.json` (core/config/named-upstreams.ts) naming where that route forwards. The entry is a
 * planned change like any other: shown in the diff, backed up, recorded in the agent's manifest, undone by restore.
 */
import { join } from 'node:path';
import { NAMED_UPSTREAMS_FILE, type NamedUpstream, type UpstreamFamily } from '../config/named-upstreams.js';
import type { AgentEnv, AgentId, EditRecord, PlannedChange, Upstream } from './types.js';
import {
  isDefaultBase,
  namedRoute,
  origin,
  pointsAtProxy,
  sdkUpstreamFrom,
  upstreamFrom,
  upstreamName,
} from './proxy-urls.js';
import { jsonParseError, parseJsonValue, setJsonValue } from './edit/json-edit.js';
import { readTextOrNull } from './edit/text.js';
import { cannotParse, isObject } from './edit/plan-helpers.js';

const ROUTE_RE = /^https?:\/\/[^/]+\/u\/([a-z0-9][a-z0-9-]{0,39})(\/|$)/;

export class RoutePlanner {
  /** Named routes this plan needs, by name. */
  readonly routes = new Map<string, NamedUpstream>();
  readonly upstreams: Upstream[] = [];

  constructor(
    private readonly agent: AgentId,
    private readonly env: AgentEnv,
    private readonly proxyUrl: string,
  ) {}

  /**
   * The proxy origin to configure in place of `old` (the agent's current base for `family`): the proxy itself when
   * `old` is unset, the public API, or already this proxy; `<proxy>/u/<name>` for a custom endpoint. A value
   * Headroom wrote earlier (on this or an old port) keeps its route name, so a new port only moves the origin.
   * `clientAddsPrefix`: the client appends `/v1` (`/v1beta`) to this base itself (Anthropic SDK, Gemini CLI).
   */
  proxyFor(old: unknown, family: UpstreamFamily, where: string, clientAddsPrefix = false): string {
    if (typeof old !== 'string' || !old.trim() || isDefaultBase(old)) return origin(this.proxyUrl);
    const ours = pointsAtProxy(old, this.proxyUrl) || this.env.ownValues?.includes(old);
    if (ours) {
      const m = ROUTE_RE.exec(old);
      return m ? namedRoute(this.proxyUrl, m[1]) : origin(this.proxyUrl);
    }
    const base = (clientAddsPrefix ? sdkUpstreamFrom : upstreamFrom)(old, family, portOf(this.proxyUrl));
    if (!base) return origin(this.proxyUrl);
    const name = upstreamName(this.agent, base);
    this.routes.set(name, { family, base, owner: this.agent });
    this.upstreams.push({ protocol: family, url: base, where, route: name });
    return namedRoute(this.proxyUrl, name);
  }

  /** The change to upstreams.json that adds this plan's routes (null when none are new), or an error. */
  plan(): PlannedChange | null | { error: string } {
    if (!this.routes.size) return null;
    if (!this.env.headroomHome)
      return { error: 'custom endpoints need HEADROOM_HOME to record their routes; none was given' };
    const file = join(this.env.headroomHome, NAMED_UPSTREAMS_FILE);
    const before = readTextOrNull(file);
    if (before !== null && before.trim()) {
      const err = jsonParseError(before);
      if (err) return cannotParse(file, err);
    }
    const doc = before && before.trim() ? parseJsonValue(before) : {};
    if (!isObject(doc)) return cannotParse(file, 'the top level is not a JSON object');
    let text = before ?? '';
    const edits: EditRecord[] = [];
    const summary: string[] = [];
    for (const [name, route] of [...this.routes].sort(([a], [b]) => a.localeCompare(b))) {
      const have = doc[name];
      if (isObject(have) && have.base === route.base && have.family === route.family) continue;
      if (isObject(have) && have.owner !== this.agent)
        return { error: `${file}: route "${name}" belongs to ${String(have.owner)}; Headroom did not change it` };
      const e = setJsonValue(text, [name], { family: route.family, base: route.base, owner: route.owner });
      if (!e) continue;
      text = e.text;
      edits.push({ ...e.record, owned: true });
      summary.push(
        `route ${namedRoute(this.proxyUrl, name)}/… → ${route.base} (${route.family}, only for ${this.agent})`,
      );
    }
    if (!edits.length) return null;
    return {
      agent: this.agent,
      file,
      before,
      after: text,
      summary,
      kind: 'route',
      format: 'json',
      edits,
      upstreams: [],
      mode: 0o600,
    };
  }
}

function portOf(proxyUrl: string): number {
  try {
    const u = new URL(proxyUrl);
    return Number(u.port || (u.protocol === 'https:' ? 443 : 80));
  } catch {
    return 8787;
  }
}
