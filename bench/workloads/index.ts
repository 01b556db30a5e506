import type { Workload } from './types.js';
import { codeSearchWorkload } from './code-search.js';
import { sreIncidentWorkload } from './sre-incident.js';
import { issueTriageWorkload } from './issue-triage.js';

/** The generated workloads, modelled on Headroom's three published scenarios. Each call builds fresh (seeded) data. */
export function generatedWorkloads(): Workload[] {
  return [codeSearchWorkload(), sreIncidentWorkload(), issueTriageWorkload()];
}
