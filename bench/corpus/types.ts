import type { Fact } from '../workloads/types.js';

/**
 * One real tool output in the corpus: what an agent's tool call returned, the question the agent was answering, and
 * the strings it needs from the output to answer it. The output itself is `cases/<id>.txt` (exact bytes as the tool
 * printed them, stdout then stderr when both matter); this record is `cases/<id>.json`.
 */
export interface CorpusCase {
  /** File-name-safe id, unique in the corpus, e.g. `eslint-stylish-express`. */
  id: string;
  /** The tool that printed it (`eslint`, `git`, `pytest`, `ps` …): at least 25 distinct tools across the corpus. */
  tool: string;
  /** Report group: search, log, build, test, lint, vcs, diff, table, system, json, html, prose, code, trace. */
  family: string;
  /** The exact command line that produced it (for the report and for re-capture). */
  command: string;
  /** A natural question an agent would ask of this output; passed to compress() as `query`. */
  question: string;
  /** The strings (or `path:line` places) needed to answer the question; each must occur in the output. */
  facts: Fact[];
  /** The file name an agent's tool call would name (a saved report, a file read), when there is one. */
  fileName?: string;
}
