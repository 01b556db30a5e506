import { createRng } from '../lib/prng.js';
import type { Workload } from './types.js';
import { INCIDENT, sreLogs } from './sre-logs.js';
import { METRIC_FACTS, sreMetrics } from './sre-metrics.js';
import { K8S_FACTS, sreDescribePod, sreEvents } from './sre-k8s.js';

/**
 * "SRE incident investigation" (Headroom: 65,694 → 5,118 tokens). Four tool outputs an on-call agent gathers:
 * the killed container's log, a Prometheus range query, the namespace's events and `kubectl describe pod`.
 * Answer: a config refresh at 14:27:41 enabled ledger batch writes that hold connections; from 14:32:07 the
 * Hikari pool times out (Postgres out of connection slots), latency and 5xx spike, memory climbs to the 1 GiB
 * limit, the kernel OOM-kills the JVM at 14:41:22 and the pod crash-loops.
 */
export function sreIncidentWorkload(seed = 65694): Workload {
  const rng = createRng(seed);
  return {
    id: 'sre-incident',
    title: 'SRE incident investigation',
    question:
      'Checkout has been returning 500s since this afternoon. What failed in payments-api, when did it start, and why?',
    source: 'generated',
    claim: { before: 65694, after: 5118, reduction: 0.92 },
    units: [
      {
        name: 'kubectl logs --previous (app log)',
        text: sreLogs(rng),
        facts: [
          INCIDENT.flag,
          INCIDENT.firstError,
          INCIDENT.firstTrace,
          INCIDENT.timeoutMessage,
          INCIDENT.rootCause,
          INCIDENT.appFrame,
        ],
      },
      {
        name: 'prometheus query_range (JSON)',
        text: sreMetrics(rng),
        facts: [
          METRIC_FACTS.onset,
          METRIC_FACTS.p99Peak,
          METRIC_FACTS.errorRatePeak,
          METRIC_FACTS.pendingPeak,
          METRIC_FACTS.memoryPeak,
          METRIC_FACTS.memoryPeakAt,
        ],
      },
      {
        name: 'kubectl get events -o json',
        text: sreEvents(rng),
        facts: [K8S_FACTS.oomReason, K8S_FACTS.oomMessage, K8S_FACTS.oomAt, K8S_FACTS.backoff],
      },
      {
        name: 'kubectl describe pod',
        text: sreDescribePod(),
        facts: ['CrashLoopBackOff', 'OOMKilled', 'Exit Code:    137', 'memory:  1Gi'],
      },
    ],
  };
}
