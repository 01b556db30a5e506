import { hostname, networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import type { UpstreamBases } from '../providers/upstream-url.js';

const bare = (host: string) =>
  host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');

/** Whether listening on `host` keeps the proxy on this machine: 127.0.0.0/8, ::1 (also IPv4-mapped), `localhost`. */
export function isLoopback(host: string): boolean {
  const h = bare(host);
  return h === 'localhost' || h === '::1' || /^(?:::ffff:)?127(?:\.\d{1,3}){3}$/.test(h);
}

/** `0.0.0.0` / `::`: every interface. */
function isWildcard(host: string): boolean {
  const h = bare(host);
  return h === '0.0.0.0' || h === '::' || /^(?:0{1,4}:){7}0{1,4}$/.test(h);
}

/**
 * The names a client elsewhere would use to reach a proxy listening on `host` (what it puts in Host): the address
 * itself, or, on a wildcard address, every external interface address and this machine's name. IPv6 in brackets,
 * as a Host header writes it.
 */
export function reachableNames(
  host: string,
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(),
  name = hostname(),
): string[] {
  const fmt = (a: string) => (a.includes(':') ? `[${a}]` : a);
  if (!isWildcard(host)) return [fmt(bare(host))];
  const v6 = bare(host).includes(':');
  const out = new Set<string>();
  for (const list of Object.values(interfaces))
    for (const i of list ?? []) if (!i.internal && (i.family === 'IPv4' || v6)) out.add(fmt(i.address.toLowerCase()));
  if (name) out.add(name.toLowerCase());
  return [...out];
}

/** Why listening on `host` needs `--allow-remote`, for the error that refuses it. */
export function remoteRefusal(host: string): string {
  return (
    `--host ${host} would listen beyond this machine, and the proxy has no authentication of its own: anyone who can ` +
    `reach the port could send requests through it, read /stats and get stored originals back through ` +
    `headroom_retrieve. ` +
    `Keep the default --host 127.0.0.1, or add --allow-remote if that is what you want.`
  );
}

/** What a proxy listening beyond this machine gives away, printed before it serves. */
export function remoteExposureNotice(
  host: string,
  port: number,
  names: readonly string[],
  upstreams: UpstreamBases,
): string {
  return [
    `warning: listening on ${host}:${port}, beyond this machine (--allow-remote). With no credentials for Headroom ` +
      `itself, anyone who can reach`,
    `  ${names.map((n) => `http://${n}:${port}`).join(', ') || `${host}:${port}`}`,
    `can:`,
    `  - send requests through the proxy to ${Object.entries(upstreams)
      .map(([family, url]) => `${family} ${url}`)
      .join(', ')} (with API keys of their own: the proxy adds none);`,
    `  - read /stats (recent requests, models, token counts) and /health;`,
    `  - have stored originals (the full tool output behind every marker, from every session) returned through ` +
      `headroom_retrieve.`,
  ].join('\n');
}
