import { statSync } from 'node:fs';
import { join } from 'node:path';
import {
  NAMED_UPSTREAMS_FILE,
  readNamedUpstreams,
  type NamedUpstream,
  type NamedUpstreams,
} from './named-upstreams.js';

/**
 * Looks named upstreams up for the proxy: the file is read again only when its size or mtime changed, so a route
 * added by `headroom configure` works without a restart and a request costs one stat, not a parse.
 */
export function namedUpstreamLookup(home: string): (name: string) => NamedUpstream | undefined {
  const file = join(home, NAMED_UPSTREAMS_FILE);
  let stamp = '';
  let cached: NamedUpstreams = {};
  return (name) => {
    let now: string;
    try {
      const st = statSync(file);
      now = `${st.size}:${st.mtimeMs}`;
    } catch {
      now = 'missing';
    }
    if (now !== stamp) {
      try {
        cached = now === 'missing' ? {} : readNamedUpstreams(home);
      } catch (e) {
        throw new Error(
          `${file} cannot be read (${(e as Error).message}): fix it, or run "Headroom: Configure Agents" again`,
        );
      }
      stamp = now;
    }
    return Object.hasOwn(cached, name) ? cached[name] : undefined;
  };
}
