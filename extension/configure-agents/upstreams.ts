/**
 * When routing replaces a custom endpoint (a gateway, OpenRouter, a local server), the proxy must forward that
 * protocol's traffic there instead of the public API. The proxy has one upstream per protocol
 * (`headroom.upstream.openai` / `.anthropic`), so this decides what to set and says plainly when agents disagree.
 * Pure: tested under plain Node.
 */
import type { Upstream } from '../../core/agents/index.js';

export interface UpstreamUpdate {
  family: Upstream['protocol'];
  url: string;
}

const trim = (u: string) => u.trim().replace(/\/+$/, '');

export function planUpstreams(
  upstreams: readonly Upstream[],
  current: Readonly<Record<Upstream['protocol'], string>>,
): { updates: UpstreamUpdate[]; warnings: string[] } {
  const updates: UpstreamUpdate[] = [];
  const warnings: string[] = [];
  for (const family of ['openai', 'anthropic'] as const) {
    const found = upstreams.filter((u) => u.protocol === family);
    const urls = [...new Set(found.map((u) => trim(u.url)))];
    if (!urls.length) continue;
    const [url] = urls;
    if (trim(current[family]) !== url) updates.push({ family, url });
    if (urls.length > 1) {
      warnings.push(
        `Warning: these entries use different ${family} endpoints (${urls.join(', ')}); the proxy forwards to one ` +
          `per protocol, ${url}. ` +
          'Route the others separately or run a second proxy.',
      );
    }
  }
  return { updates, warnings };
}
