// Clients for bench/proxy-latency.ts: one request, alternating direct/proxied latency, concurrent bursts.
import * as http from 'node:http';
import { median, percentile } from '../lib/stats.js';
import { body, STREAM_EVENTS } from './wire.js';

export const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** One request; resolves with the time to the first body byte and to the end (ms). */
export function send(base: string, payload: string): Promise<{ first: number; total: number; bytes: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}/v1/messages`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-api-key': 'bench' } },
      (res) => {
        let first = 0;
        let bytes = 0;
        res.on('data', (c: Buffer) => {
          if (!first) first = performance.now() - t0;
          bytes += c.length;
        });
        res.on('end', () =>
          res.statusCode === 200
            ? resolve({ first, total: performance.now() - t0, bytes })
            : reject(new Error(`status ${res.statusCode}`)),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

type Sent = Awaited<ReturnType<typeof send>>;

/** The sends that succeeded. */
function fulfilled(results: PromiseSettledResult<Sent>[]): Sent[] {
  return results.filter((r): r is PromiseFulfilledResult<Sent> => r.status === 'fulfilled').map((r) => r.value);
}

export const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * Alternates direct and proxied sends of the same body. Besides wall-clock percentiles it reports the CPU time the
 * proxy adds per request (client, proxy and provider share this process): a figure that a busy machine does not skew.
 */
export async function latency(direct: string, proxy: string, bodies: (i: number) => string, n: number) {
  const d: number[] = [];
  const p: number[] = [];
  let cpuDirect = 0;
  let cpuProxy = 0;
  for (let i = 0; i < n; i++) {
    const b = bodies(i);
    let c = cpuMs();
    d.push((await send(direct, b)).total);
    cpuDirect += cpuMs() - c;
    c = cpuMs();
    p.push((await send(proxy, b)).total);
    // the record (token counts) is written just after forwarding: count it here
    await new Promise((r) => setImmediate(r));
    cpuProxy += cpuMs() - c;
  }
  const added = (q: number) => percentile(p, q) - percentile(d, q);
  return {
    n,
    directP50: percentile(d, 50),
    directP99: percentile(d, 99),
    proxyP50: percentile(p, 50),
    proxyP99: percentile(p, 99),
    addedP50: added(50),
    addedP99: added(99),
    addedCpuMs: (cpuProxy - cpuDirect) / n,
  };
}

export async function concurrentStreams(base: string, clients: number) {
  const t0 = performance.now();
  const payload = body(0, true); // seen before: this measures streaming, not the engine
  const cpu0 = cpuMs();
  const results = await Promise.allSettled(Array.from({ length: clients }, () => send(base, payload)));
  const wall = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 20)); // records are written just after forwarding
  const cpuPerStream = (cpuMs() - cpu0) / clients;
  const ok = fulfilled(results);
  const firsts = ok.map((r) => r.first);
  const totals = ok.map((r) => r.total);
  return {
    clients,
    errors: clients - ok.length,
    firstEventP50: percentile(firsts, 50),
    firstEventP99: percentile(firsts, 99),
    totalP50: percentile(totals, 50),
    totalP99: percentile(totals, 99),
    eventsPerSecond: (ok.length * (STREAM_EVENTS + 2)) / (wall / 1000),
    cpuPerStream,
    wallMs: wall,
  };
}

/** `clients` concurrent streams, each its own body (built before the clock starts); times to the end, sorted. */
export async function burst(base: string, payloads: string[]): Promise<{ totals: number[]; errors: number }> {
  const results = await Promise.allSettled(payloads.map((p) => send(base, p)));
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) process.stderr.write(`proxy-latency: ${base}: ${(failed as PromiseRejectedResult).reason}\n`);
  const ok = fulfilled(results);
  return { totals: ok.map((r) => r.total), errors: payloads.length - ok.length };
}

/**
 * The same burst direct and via the proxy, `repeats` times in turn (each proxied burst with bodies of its own, so a
 * fresh case stays fresh): the figures are the medians over the pairs, which a machine busy with something else for
 * one burst does not skew. `settle` runs after each proxied burst.
 */
export async function loadCase(
  name: string,
  direct: string,
  proxy: string,
  bodies: (client: number, path: 'direct' | 'proxy', repeat: number) => string,
  clients: number,
  { repeats = 3, settle }: { repeats?: number; settle?: () => Promise<void> } = {},
) {
  const pairs: { errors: number; d: number[]; p: number[] }[] = [];
  for (let k = 0; k < repeats; k++) {
    const d = await burst(
      direct,
      Array.from({ length: clients }, (_, i) => bodies(i, 'direct', k)),
    );
    const p = await burst(
      proxy,
      Array.from({ length: clients }, (_, i) => bodies(i, 'proxy', k)),
    );
    pairs.push({ errors: d.errors + p.errors, d: d.totals, p: p.totals });
    await settle?.(); // e.g. the proxy's records of this burst, written after forwarding
  }
  const med = (f: (x: (typeof pairs)[number]) => number) => median(pairs.map(f));
  return {
    name,
    clients,
    repeats,
    errors: pairs.reduce((s, x) => s + x.errors, 0),
    directP50: med((x) => percentile(x.d, 50)),
    directP99: med((x) => percentile(x.d, 99)),
    proxyP50: med((x) => percentile(x.p, 50)),
    proxyP99: med((x) => percentile(x.p, 99)),
    addedP50: med((x) => percentile(x.p, 50) - percentile(x.d, 50)),
    addedP99: med((x) => percentile(x.p, 99) - percentile(x.d, 99)),
  };
}

/** 200 concurrent streams of the seen-before body (memo hits), direct then proxied. */
export const memoHitLoad = (direct: string, proxy: string, name = '200 concurrent memo-hit streams') =>
  loadCase(name, direct, proxy, () => body(0, true), 200);
