import type { IncomingHttpHeaders } from 'node:http';

const LOCAL_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
/** VS Code's own renderer origins: no remote page can claim them (browsers set Origin, pages cannot). */
const APP_SCHEMES = new Set(['vscode-webview:', 'vscode-file:']);

/** `host[:port]` → lower-cased hostname (IPv6 keeps its brackets). */
function hostnameOf(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  return colon < 0 ? h : h.slice(0, colon);
}

/**
 * Why a request must be refused, or undefined. A web page can reach a loopback port from the user's browser by
 * rebinding its own DNS name to 127.0.0.1; its requests then carry that name in Host, and its origin in Origin.
 * So: Host must name this machine (or a name the user allowed), and an Origin, when present, must be local too.
 */
export function refusal(headers: IncomingHttpHeaders, allowedHosts: ReadonlySet<string>): string | undefined {
  const host = headers.host;
  if (!host) return 'missing Host header';
  const name = hostnameOf(host);
  if (!LOCAL_HOSTNAMES.has(name) && !allowedHosts.has(name))
    return `Host "${host}" is not local (possible DNS rebinding)`;
  const origin = headers.origin;
  if (origin !== undefined) {
    let originHost = '';
    let scheme = '';
    try {
      const u = new URL(origin);
      scheme = u.protocol;
      if (scheme === 'http:' || scheme === 'https:') originHost = hostnameOf(u.host);
    } catch {
      // "null" (sandboxed frames, file pages) and garbage: refused below
    }
    if (!APP_SCHEMES.has(scheme) && !LOCAL_HOSTNAMES.has(originHost) && !allowedHosts.has(originHost))
      return `Origin "${origin}" is not a local web origin`;
  }
  return undefined;
}
