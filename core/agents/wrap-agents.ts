import type { AgentSpec } from './wrap-types.js';
import { CATALOGUE } from './index.js';

/** Every agent `headroom wrap` knows, by the name the user types (and a few aliases), from the catalogue. */
export const AGENTS: Readonly<Record<string, AgentSpec>> = Object.fromEntries(
  CATALOGUE.flatMap((e) => (e.wrap ? e.wrap.names.map((n) => [n, e.wrap!.spec] as const) : [])),
);

/** The names `headroom wrap` lists (the first name of each wrap-able entry). */
export const AGENT_NAMES: readonly string[] = CATALOGUE.flatMap((e) => (e.wrap ? [e.wrap.names[0]] : []));
