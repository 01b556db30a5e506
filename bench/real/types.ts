import type { Workload } from '../workloads/types.js';

/** A real tool run: the workload it produced, or why it was skipped on this machine. */
export type RealRun = { workload: Workload } | { skipped: string; command: string };

export interface RealContext {
  /** The repository root (where `npm ls` runs and `node_modules` lives). */
  root: string;
  /** A scratch folder this run may fill and delete. */
  scratch: string;
}
