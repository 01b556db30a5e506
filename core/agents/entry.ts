/**
 * One entry of the agent catalogue (core/agents/index.ts): everything Headroom knows about one coding agent, in its
 * own file — the product's name, how to recognise its requests, its persistent configuration (plan / apply / restore)
 * and its per-run wrap. Both parts share the entry's locations and the one set of proxy-URL rules (proxy-urls.ts).
 */
import type { AgentEnv, AgentId, Detection, PlanResult } from './types.js';
import type { AgentSpec } from './wrap-types.js';

export interface ConfigurePart {
  id: AgentId;
  detect(env: AgentEnv): Detection;
  /** The edits that route the agent through the proxy at `proxyUrl`; reads files, never writes. */
  plan(env: AgentEnv, proxyUrl: string): PlanResult;
}

export interface AgentEntry {
  /** The catalogue id (`headroom configure <id>`, or the wrap name for wrap-only agents). */
  id: string;
  /** The product's own name, as records and the panel show it. */
  displayName: string;
  /** User-Agent patterns that identify the product's requests (checked in catalogue order, first match wins). */
  userAgents: readonly RegExp[];
  configure?: ConfigurePart;
  /** `headroom wrap <name>`: the names accepted (first is the one listed) and the per-run plan. */
  wrap?: { names: readonly string[]; spec: AgentSpec };
  /**
   * What the product itself lets override Headroom's setting (a project file, an env file…), for the docs and notes.
   */
  overriddenBy?: string;
}
