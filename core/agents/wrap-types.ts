import type { Family } from '../providers/upstream-url.js';

export type { Family };

/** What an agent plan sees of the caller's world. */
export interface WrapEnv {
  /** The caller's environment (never modified: the child gets a copy). */
  env: NodeJS.ProcessEnv;
  /** The user's home folder (where agents keep their settings). */
  home: string;
  /** The agent's own arguments (after `--`). */
  args: readonly string[];
}

/** How the child is started once the proxy URL is known. */
export interface Launch {
  /** The child's whole argument list (the user's arguments, plus whatever the agent needs to reach the proxy). */
  args: string[];
  /** Variables to set (a value of undefined removes the variable) on top of the caller's environment. */
  env: Record<string, string | undefined>;
  /** Per-run files written for this launch (all inside the run's temp folder, removed at exit). */
  files: string[];
}

/** One agent's routing, decided before the proxy starts (its upstreams pick or start the proxy). */
export interface AgentPlan {
  /**
   * Where this agent's traffic went before wrap, per family it uses (normalized bases; absent → provider default).
   */
  upstreams: Partial<Record<Family, string>>;
  /** Families whose requests will go through the proxy. Empty: nothing to route (the agent runs unchanged). */
  families: Family[];
  /** What the user should know (printed to stderr before the agent starts). */
  notes: string[];
  launch(proxyUrl: string, tmpDir: string): Launch;
}

export interface AgentSpec {
  name: string;
  /** The command on PATH. */
  bin: string;
  /** How the child is pointed at the proxy, in one line (docs and `--help`). */
  how: string;
  plan(w: WrapEnv): AgentPlan;
}

/** A plan that runs the agent as it is, with a note saying why Headroom could not route it. */
export const unchangedPlan = (note: string, args: readonly string[]): AgentPlan => ({
  upstreams: {},
  families: [],
  notes: [note],
  launch: () => ({ args: [...args], env: {}, files: [] }),
});
