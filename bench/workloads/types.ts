/**
 * A string the answer needs, or a place in a file (`path:line`). A place counts as kept when the output still says
 * `path:line`, or — as search compressors print results grouped under a file heading — when the path is followed
 * by a `line:` entry in its group.
 */
export type Fact = string | { path: string; line: number };

/** One tool output inside a workload: what an agent would get back from one tool call. */
export interface BenchUnit {
  /** Short name, e.g. `app-logs` or `npm ls --all --json`. */
  name: string;
  text: string;
  /**
   * The exact strings a model needs from this unit to answer the workload's question (ids, timestamps, error
   * messages, numbers, paths). Generated alongside the data, so every one is known to be in `text`.
   */
  facts: Fact[];
  /** File name an agent's tool call would name, when there is one (helps detection, as in the proxy). */
  fileName?: string;
}

/** A public Headroom figure this workload is modelled on. */
export interface HeadroomClaim {
  before: number;
  after: number;
  reduction: number;
}

export interface Workload {
  id: string;
  title: string;
  /** The question the agent is answering; passed to compress() as `query`. */
  question: string;
  units: BenchUnit[];
  /** `generated` (seeded, synthetic) or `real` (output of a real tool run on this machine at bench time). */
  source: 'generated' | 'real';
  claim?: HeadroomClaim;
  /** Command that produced a real unit, for the report. */
  command?: string;
}
