import type { Rng } from '../lib/prng.js';
import { INCIDENT, WINDOW_START, isoAt } from './sre-logs.js';

/**
 * `kubectl get events -n prod -o json` for the same two hours: routine rollouts, HPA rescales and CronJobs, the
 * checkout pods' readiness failing as a symptom, and the cause: the node's OOM kill of the payments JVM, then the pod
 * crash-looping. Plus `kubectl describe pod` of that pod (state, last state, exit code, restarts).
 */
export const K8S_FACTS = {
  oomReason: 'OOMKilling',
  oomMessage: 'Killed process 28114 (java)',
  oomAt: '2024-03-12T14:41:22Z',
  backoff: `Back-off restarting failed container payments-api in pod ${INCIDENT.pod}_prod`,
};

const NODE = 'ip-10-0-3-17.ec2.internal';
const sec = (epoch: number): string => isoAt(epoch, 0).replace('.000Z', 'Z');

interface EventSpec {
  at: number;
  last?: number;
  count?: number;
  kind: string;
  name: string;
  reason: string;
  message: string;
  type?: 'Normal' | 'Warning';
  component?: string;
  fieldPath?: string;
}

function event(rng: Rng, e: EventSpec, rv: number): Record<string, unknown> {
  const uid = (): string => `${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`;
  const component = e.component ?? 'kubelet';
  const involved: Record<string, unknown> = {
    apiVersion:
      e.kind === 'Pod' || e.kind === 'Node'
        ? 'v1'
        : e.kind === 'HorizontalPodAutoscaler'
          ? 'autoscaling/v2'
          : e.kind === 'CronJob' || e.kind === 'Job'
            ? 'batch/v1'
            : 'apps/v1',
    kind: e.kind,
    name: e.name,
  };
  if (e.kind !== 'Node') involved.namespace = 'prod';
  if (e.fieldPath) involved.fieldPath = e.fieldPath;
  involved.resourceVersion = String(rv - rng.int(5, 400));
  involved.uid = uid();
  return {
    apiVersion: 'v1',
    count: e.count ?? 1,
    eventTime: null,
    firstTimestamp: sec(e.at),
    involvedObject: involved,
    kind: 'Event',
    lastTimestamp: sec(e.last ?? e.at),
    message: e.message,
    metadata: {
      creationTimestamp: sec(e.at),
      name: `${e.name}.${rng.hex(16)}`,
      namespace: e.kind === 'Node' ? 'default' : 'prod',
      resourceVersion: String(rv),
      uid: uid(),
    },
    reason: e.reason,
    reportingComponent: component === 'kubelet' ? 'kubelet' : component,
    reportingInstance: component === 'kubelet' ? NODE : '',
    source: component === 'kubelet' ? { component, host: NODE } : { component },
    type: e.type ?? 'Normal',
  };
}

export function sreEvents(rng: Rng): string {
  const T = (hhmmss: string): number => {
    const [h, m, s] = hhmmss.split(':').map(Number);
    return WINDOW_START + (h - 13) * 3600 + m * 60 + s;
  };
  const specs: EventSpec[] = [];
  // routine: cart-service rollout at 13:40
  const cartOld = 'cart-service-6f9c7d8b5-tl4vw';
  const cartNew = 'cart-service-84b6d9c7f-2wxkq';
  specs.push({
    at: T('13:40:02'),
    kind: 'Deployment',
    name: 'cart-service',
    reason: 'ScalingReplicaSet',
    message: 'Scaled up replica set cart-service-84b6d9c7f to 1',
    component: 'deployment-controller',
  });
  specs.push({
    at: T('13:40:02'),
    kind: 'Pod',
    name: cartNew,
    reason: 'Scheduled',
    message: `Successfully assigned prod/${cartNew} to ${NODE}`,
    component: 'default-scheduler',
  });
  specs.push({
    at: T('13:40:03'),
    kind: 'Pod',
    name: cartNew,
    reason: 'Pulling',
    message: 'Pulling image "registry.acme.io/cart-service:4.8.1"',
    fieldPath: 'spec.containers{cart-service}',
  });
  specs.push({
    at: T('13:40:09'),
    kind: 'Pod',
    name: cartNew,
    reason: 'Pulled',
    message:
      'Successfully pulled image "registry.acme.io/cart-service:4.8.1" in 5.912s (5.912s including waiting). Image ' +
      'size: 187341203 bytes.',
    fieldPath: 'spec.containers{cart-service}',
  });
  specs.push({
    at: T('13:40:09'),
    kind: 'Pod',
    name: cartNew,
    reason: 'Created',
    message: 'Created container cart-service',
    fieldPath: 'spec.containers{cart-service}',
  });
  specs.push({
    at: T('13:40:10'),
    kind: 'Pod',
    name: cartNew,
    reason: 'Started',
    message: 'Started container cart-service',
    fieldPath: 'spec.containers{cart-service}',
  });
  specs.push({
    at: T('13:40:41'),
    kind: 'Deployment',
    name: 'cart-service',
    reason: 'ScalingReplicaSet',
    message: 'Scaled down replica set cart-service-6f9c7d8b5 to 0 from 1',
    component: 'deployment-controller',
  });
  specs.push({
    at: T('13:40:41'),
    kind: 'Pod',
    name: cartOld,
    reason: 'Killing',
    message: 'Stopping container cart-service',
    fieldPath: 'spec.containers{cart-service}',
  });
  // routine: cronjobs and autoscaling
  for (const hhmm of ['13:15', '13:45', '14:15', '14:45']) {
    const job = `ledger-reconcile-${28520000 + rng.int(0, 9999)}`;
    specs.push({
      at: T(`${hhmm}:00`),
      kind: 'CronJob',
      name: 'ledger-reconcile',
      reason: 'SuccessfulCreate',
      message: `Created job ${job}`,
      component: 'cronjob-controller',
    });
    specs.push({
      at: T(`${hhmm}:${String(rng.int(20, 50))}`),
      kind: 'Job',
      name: job,
      reason: 'Completed',
      message: 'Job completed',
      component: 'job-controller',
    });
  }
  specs.push({
    at: T('13:52:30'),
    kind: 'HorizontalPodAutoscaler',
    name: 'checkout-web',
    reason: 'SuccessfulRescale',
    message: 'New size: 4; reason: cpu resource utilization (percentage of request) above target',
    component: 'horizontal-pod-autoscaler',
  });
  specs.push({
    at: T('14:10:30'),
    kind: 'HorizontalPodAutoscaler',
    name: 'checkout-web',
    reason: 'SuccessfulRescale',
    message: 'New size: 3; reason: All metrics below target',
    component: 'horizontal-pod-autoscaler',
  });
  // symptom: checkout pods fail readiness while payments hangs
  for (const pod of ['checkout-web-5c8d7b9f6-k2m8n', 'checkout-web-5c8d7b9f6-p7r4d', 'checkout-web-5c8d7b9f6-zz9xb']) {
    specs.push({
      at: T(`14:33:${String(rng.int(10, 59))}`),
      last: T(`14:4${rng.int(2, 9)}:${String(rng.int(10, 59))}`),
      count: rng.int(12, 31),
      kind: 'Pod',
      name: pod,
      reason: 'Unhealthy',
      type: 'Warning',
      message:
        `Readiness probe failed: Get "http://10.42.3.${rng.int(10, 90)}:8080/ready": context deadline ` +
        `exceeded (Client.Timeout exceeded while awaiting headers)`,
      fieldPath: 'spec.containers{checkout-web}',
    });
  }
  // cause: OOM kill, restart, crash loop
  specs.push({
    at: T('14:41:22'),
    kind: 'Node',
    name: NODE,
    reason: K8S_FACTS.oomReason,
    type: 'Warning',
    component: 'kernel-monitor',
    message:
      `Memory cgroup out of memory: ${K8S_FACTS.oomMessage} total-vm:5823412kB, anon-rss:1046312kB, ` +
      `file-rss:18420kB, shmem-rss:0kB, UID:1000 pgtables:2612kB oom_score_adj:985`,
  });
  specs.push({
    at: T('14:41:24'),
    last: T('14:52:40'),
    count: 4,
    kind: 'Pod',
    name: INCIDENT.pod,
    reason: 'Pulled',
    message: 'Container image "registry.acme.io/payments-api:2.13.4" already present on machine',
    fieldPath: 'spec.containers{payments-api}',
  });
  specs.push({
    at: T('14:41:24'),
    last: T('14:52:40'),
    count: 4,
    kind: 'Pod',
    name: INCIDENT.pod,
    reason: 'Created',
    message: 'Created container payments-api',
    fieldPath: 'spec.containers{payments-api}',
  });
  specs.push({
    at: T('14:41:25'),
    last: T('14:52:41'),
    count: 4,
    kind: 'Pod',
    name: INCIDENT.pod,
    reason: 'Started',
    message: 'Started container payments-api',
    fieldPath: 'spec.containers{payments-api}',
  });
  specs.push({
    at: T('14:42:31'),
    last: T('14:53:02'),
    count: 7,
    kind: 'Pod',
    name: INCIDENT.pod,
    reason: 'Unhealthy',
    type: 'Warning',
    message:
      'Liveness probe failed: Get "http://10.42.3.17:8081/actuator/health/liveness": dial tcp 10.42.3.17:8081: ' +
      'connect: connection refused',
    fieldPath: 'spec.containers{payments-api}',
  });
  specs.push({
    at: T('14:44:10'),
    last: T('14:58:37'),
    count: 9,
    kind: 'Pod',
    name: INCIDENT.pod,
    reason: 'BackOff',
    type: 'Warning',
    message: `${K8S_FACTS.backoff}(3f1c8a2e-5b7d-4c19-9e0a-6d2f4b8c1a7e)`,
    fieldPath: 'spec.containers{payments-api}',
  });
  specs.sort((a, b) => a.at - b.at || (a.name < b.name ? -1 : 1));
  let rv = 48211900;
  const items = specs.map((s) => event(rng, s, (rv += rng.int(3, 90))));
  return JSON.stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } }, null, 2);
}

/** `kubectl describe pod` of the crash-looping pod, as printed (aligned columns, events table at the end). */
export function sreDescribePod(): string {
  return (
    `Name:             ${INCIDENT.pod}
Namespace:        prod
Priority:         0
Service Account:  payments-api
Node:             ${NODE}/10.0.3.17
Start Time:       Tue, 12 Mar 2024 09:12:44 +0000
Labels:           app.kubernetes.io/name=payments-api
                  app.kubernetes.io/version=2.13.4
                  pod-template-hash=7d9f8b6c4
Annotations:      prometheus.io/port: 8081
                  prometheus.io/scrape: true
Status:           Running
IP:               10.42.3.17
Controlled By:    ReplicaSet/payments-api-7d9f8b6c4
Containers:
  payments-api:
    Container ID:   containerd://9b1f2e7c4d3a8b6e5f0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a
    Image:          registry.acme.io/payments-api:2.13.4
    Image ID:       registry.acme.io/payments-api@sha256:` +
    `5e2b7c1d9a8f6e4b3c2d1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d
    Ports:          8080/TCP, 8081/TCP
    Host Ports:     0/TCP, 0/TCP
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       OOMKilled
      Exit Code:    137
      Started:      Tue, 12 Mar 2024 14:52:41 +0000
      Finished:     Tue, 12 Mar 2024 14:53:47 +0000
    Ready:          False
    Restart Count:  4
    Limits:
      cpu:     2
      memory:  1Gi
    Requests:
      cpu:      500m
      memory:   768Mi
    Liveness:   http-get http://:8081/actuator/health/liveness delay=60s timeout=2s period=10s #success=1 #failure=3
    Readiness:  http-get http://:8081/actuator/health/readiness delay=20s timeout=2s period=5s #success=1 #failure=3
    Environment:
      JAVA_TOOL_OPTIONS:        -XX:MaxRAMPercentage=90 -XX:+ExitOnOutOfMemoryError
      SPRING_PROFILES_ACTIVE:   prod
      SPRING_DATASOURCE_URL:    <set to the key 'url' in secret 'payments-db'>
      HIKARI_MAXIMUM_POOL_SIZE: 20
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-8x2lm (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True
  Initialized                 True
  Ready                       False
  ContainersReady             False
  PodScheduled                True
Volumes:
  kube-api-access-8x2lm:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    DownwardAPI:             true
QoS Class:                   Burstable
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type     Reason     Age                  From     Message
  ----     ------     ----                 ----     -------
  Normal   Pulled     6m20s (x5 over 17m)  kubelet  Container image "registry.acme.io/payments-api:2.13.4" already ` +
    `present on machine
  Normal   Created    6m20s (x5 over 17m)  kubelet  Created container payments-api
  Normal   Started    6m19s (x5 over 17m)  kubelet  Started container payments-api
  Warning  Unhealthy  5m58s (x8 over 16m)  kubelet  Liveness probe failed: Get ` +
    `"http://10.42.3.17:8081/actuator/health/liveness": dial tcp 10.42.3.17:8081: connect: connection refused
  Warning  BackOff    23s (x10 over 15m)   kubelet  ${K8S_FACTS.backoff}(3f1c8a2e-5b7d-4c19-9e0a-6d2f4b8c1a7e)
`
  );
}
