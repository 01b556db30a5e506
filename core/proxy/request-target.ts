/** A path segment that URL resolution would treat as `.` or `..` (percent-encoded dots included, WHATWG URL rules). */
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/** The request target without its query (which may carry a key), cut short for an error message. */
function shown(target: string): string {
  const path = target.split('?')[0];
  return path.length > 120 ? `${path.slice(0, 120)}…` : path;
}

/**
 * Why a request target must be refused, or undefined. The proxy forwards only to its configured upstreams, so it
 * accepts only origin-form targets (RFC 9112 §3.2.1: `/path?query`) whose path is already normalised:
 * - absolute-form (`http://host/…`) and `//host/…` would make the upstream URL name the client's host, with the
 *   client's API key in the headers; authority-form (`host:port`) and asterisk-form (`*`) name no path at all;
 * - `.`/`..` segments (also as `%2e`) and backslashes (read as `/` by URL parsing) could walk out of a base URL's
 *   path (`/v1/../../x`). Clients never send them: SDKs send normalised paths.
 */
export function targetRefusal(target: string): string | undefined {
  if (target.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(target))
    return (
      `request target "${shown(target)}" names a host: the proxy forwards only to its configured upstreams; ` +
      `send the path alone (e.g. "/v1/messages")`
    );
  if (!target.startsWith('/'))
    return `request target "${shown(target)}" is not a path: send the path alone (e.g. "/v1/messages")`;
  const path = target.split('?')[0];
  if (path.includes('\\')) return `request path "${shown(target)}" contains a backslash: send the normalised path`;
  if (path.split('/').some((s) => DOT_SEGMENT.test(s)))
    return `request path "${shown(target)}" has "." or ".." segments: send the normalised path`;
  return undefined;
}
