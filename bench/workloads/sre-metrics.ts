import type { Rng } from '../lib/prng.js';
import { INCIDENT, WINDOW_START } from './sre-logs.js';

/**
 * A Prometheus `query_range` answer (13:00–15:00, 60 s step) as a metrics tool returns it, pretty-printed: latency,
 * error rate, pool and memory series for payments-api. The incident shows as a p99 spike from 14:32, a 5xx spike,
 * pending connections climbing, and the x2kqp pod's memory reaching its 1 GiB limit at 14:41 before it restarts.
 */
export const METRIC_FACTS = {
  /** First sample where p99 latency leaves its ~0.2 s baseline (14:32:00). */
  onset: String(WINDOW_START + 5520),
  p99Peak: '30.412',
  errorRatePeak: '41.73',
  pendingPeak: '187',
  memoryPeak: '1071644672',
  memoryPeakAt: String(WINDOW_START + 6060),
};

const STEP = 60;
const SAMPLES = 121;
const ONSET = WINDOW_START + 5520;
const KILL = WINDOW_START + 6082;

interface Series {
  metric: Record<string, string>;
  values: [number, string][];
}

function series(metric: Record<string, string>, value: (t: number, i: number) => string | null): Series {
  const values: [number, string][] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t = WINDOW_START + i * STEP;
    const v = value(t, i);
    if (v !== null) values.push([t, v]);
  }
  return { metric, values };
}

export function sreMetrics(rng: Rng): string {
  const pods = [INCIDENT.pod, 'payments-api-7d9f8b6c4-9hw4z', 'payments-api-7d9f8b6c4-qm5tr'];
  const base = { namespace: 'prod', service: 'payments-api', job: 'kubernetes-pods' };
  const result: Series[] = [];
  const peakIdx = Math.round((ONSET + 120 - WINDOW_START) / STEP);
  for (const pod of pods.slice(0, 2)) {
    const failing = pod === INCIDENT.pod;
    result.push(
      series({ __name__: 'http_server_requests_seconds:p99', ...base, pod, uri: '/v1/payments' }, (t, i) => {
        if (failing && t > KILL) return null; // the container is gone; the series stops
        if (failing && t >= ONSET) return i === peakIdx ? METRIC_FACTS.p99Peak : (29.6 + rng.next() * 0.7).toFixed(3);
        return (0.16 + rng.next() * 0.09 + (t >= ONSET ? 0.35 : 0)).toFixed(3);
      }),
    );
  }
  result.push(
    series({ __name__: 'http_server_requests:5xx_rate_percent', ...base, uri: '/v1/payments' }, (t, i) => {
      if (t >= ONSET && t <= KILL + 120)
        return i === peakIdx + 2 ? METRIC_FACTS.errorRatePeak : (31 + rng.next() * 9).toFixed(2);
      return (rng.next() * 0.08).toFixed(2);
    }),
  );
  let pending = 0;
  result.push(
    series({ __name__: 'hikaricp_connections_pending', ...base, pod: INCIDENT.pod, pool: 'HikariPool-1' }, (t) => {
      if (t > KILL) return null;
      if (t < ONSET) return '0';
      pending = Math.min(187, pending + 15 + rng.int(0, 8));
      return String(pending);
    }),
  );
  result.push(
    series({ __name__: 'hikaricp_connections_active', ...base, pod: INCIDENT.pod, pool: 'HikariPool-1' }, (t) => {
      if (t > KILL) return null;
      return t >= ONSET - 300 ? '20' : String(rng.int(1, 6));
    }),
  );
  const memIdx = Math.round((Number(METRIC_FACTS.memoryPeakAt) - WINDOW_START) / STEP);
  for (const pod of pods) {
    const failing = pod === INCIDENT.pod;
    result.push(
      series(
        { __name__: 'container_memory_working_set_bytes', namespace: 'prod', pod, container: 'payments-api' },
        (t, i) => {
          if (failing && i === memIdx) return METRIC_FACTS.memoryPeak;
          if (failing && t > KILL) return String(318767104 + rng.int(0, 40) * 1048576); // restarted, crash-looping
          if (failing && t >= ONSET)
            return String(Math.min(1069547520, 640000000 + (t - ONSET) * 780000 + rng.int(0, 30) * 1048576));
          return String(540000000 + rng.int(0, 60) * 1048576);
        },
      ),
    );
  }
  return JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } }, null, 2);
}
