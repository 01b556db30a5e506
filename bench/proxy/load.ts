// Section 3 of bench/proxy-latency.ts: bursts, soak and very large bodies against a proxy process of its own.
import { join } from 'node:path';
import { startBareRelay, startChildProxy, type ChildProxy } from '../lib/proxy-child.js';
import { median } from '../lib/stats.js';
import { body } from './wire.js';
import { burst, loadCase, send } from './measure.js';

/** Mixed requests (one in four fresh) 8 at a time for `seconds`; RSS sampled after each round. */
export async function soak(proxy: string, seconds: number, mb: () => number) {
  const rss: number[] = [];
  const start = performance.now();
  const end = start + seconds * 1000;
  /** RSS at the end of each minute (a long soak shows whether it levels off). */
  const perMinuteMb: number[] = [];
  let n = 0;
  let errors = 0;
  while (performance.now() < end) {
    const round = await burst(
      proxy,
      Array.from({ length: 8 }, (_, i) => body(i % 4 === 0 ? 500_000 + n + i : 0, true)),
    );
    errors += round.errors;
    n += 8;
    rss.push(mb());
    if (performance.now() - start >= (perMinuteMb.length + 1) * 60_000) perMinuteMb.push(Math.round(rss.at(-1)!));
  }
  const tenth = Math.max(1, Math.floor(rss.length / 10));
  return {
    seconds,
    requests: n,
    errors,
    rssFirstMb: median(rss.slice(0, tenth)),
    rssLastMb: median(rss.slice(-tenth)),
    rssMaxMb: Math.max(...rss),
    perMinuteMb,
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until the proxy process is idle (under 10% of a core over 250 ms, at most 15 s): the records of the last
 * burst (tokens counted in its workers after forwarding) are then in its CPU figure, not in the next burst's time.
 */
export async function quiet(cpuMs: () => number): Promise<void> {
  const end = performance.now() + 15_000;
  let last = cpuMs();
  while (performance.now() < end) {
    await sleep(250);
    const now = cpuMs();
    if (!(now - last >= 25)) return; // NaN (no /proc) counts as idle
    last = now;
  }
}

/**
 * Section 3's two bursts against a `headroom proxy` process of its own, with the CPU that process spent per proxied
 * request (main thread and workers; its records are written after forwarding, so the reading waits for them).
 */
export async function childLoad(provider: string, label: string, args: string[], soakSeconds = 0) {
  const child = await startChildProxy(join(__dirname, '..', '..'), provider, args);
  return loadOn(child, provider, label, { soakSeconds, big: !!process.env.BENCH_BIG_BODIES });
}

/** The same bursts against bench/lib/bare-relay.mjs: what a Node proxy that does nothing adds on this machine. */
export async function bareRelayLoad(provider: string) {
  const child = await startBareRelay(join(__dirname, '..', '..'), provider);
  return loadOn(child, provider, 'bare Node relay (floor)', { soakSeconds: 0, big: false });
}

async function loadOn(
  child: ChildProxy,
  provider: string,
  label: string,
  { soakSeconds, big: withBig }: { soakSeconds: number; big: boolean },
) {
  try {
    // the memo learns body(0); a fresh body waits for the workers to be ready
    for (let i = 0; i < 5; i++) await send(child.url, body(0, true));
    for (let i = 0; i < 3; i++) await send(child.url, body(900_000 + i, true));
    const settle = () => quiet(child.cpuMs);
    await settle();
    let c = child.cpuMs();
    let m = child.mainCpuMs();
    const fresh50 = await loadCase(
      `${label}: 50 concurrent fresh streams`,
      provider,
      child.url,
      (i, path, k) => body((path === 'proxy' ? 400_000 : 300_000) + 1000 * k + i, true),
      50,
      { settle },
    );
    const freshCpu = (child.cpuMs() - c) / (50 * fresh50.repeats);
    const freshMainCpu = (child.mainCpuMs() - m) / (50 * fresh50.repeats);
    c = child.cpuMs();
    m = child.mainCpuMs();
    const memo200 = await loadCase(
      `${label}: 200 concurrent memo-hit streams`,
      provider,
      child.url,
      () => body(0, true),
      200,
      { settle },
    );
    const memoCpu = (child.cpuMs() - c) / (200 * memo200.repeats);
    const memoMainCpu = (child.mainCpuMs() - m) / (200 * memo200.repeats);
    const soaked = soakSeconds ? await soak(child.url, soakSeconds, () => child.rssMb().now) : undefined;
    const big = withBig ? await bigBodies(child.url, () => child.rssMb()) : undefined;
    return {
      command: child.command,
      fresh50: { ...fresh50, cpuPerRequestMs: freshCpu, mainThreadCpuPerRequestMs: freshMainCpu },
      memo200: { ...memo200, cpuPerRequestMs: memoCpu, mainThreadCpuPerRequestMs: memoMainCpu },
      soak: soaked,
      big,
      rssMb: child.rssMb(),
    };
  } finally {
    await child.close();
  }
}

/** 4 concurrent 60 MB bodies (one unit each, fresh): the proxy process's RSS before and at its peak. */
export async function bigBodies(proxy: string, rss: () => { now: number; peak: number }) {
  const unit = (seed: number) => {
    const lines: string[] = [];
    for (let i = 0; lines.length * 80 < 60 * 1024 * 1024; i++)
      lines.push(`${seed}-${i} INFO worker ${i % 13} handled request ${i * 7919} in ${i % 97} ms status 200 ok`);
    return lines.join('\n');
  };
  const before = rss();
  const payloads = Array.from({ length: 4 }, (_, i) => body(0, true, unit(700_000 + i), 'Which request failed?'));
  const t0 = performance.now();
  const r = await burst(proxy, payloads);
  await sleep(1000);
  return {
    bodies: 4,
    mbEach: Math.round(Buffer.byteLength(payloads[0]) / 1048576),
    errors: r.errors,
    wallMs: performance.now() - t0,
    rssBeforeMb: before.now,
    rssPeakMb: rss().peak,
  };
}
