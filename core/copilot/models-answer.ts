import { applyByteEdits, locateValues, type Edit } from '../wire/json-splice.js';

/**
 * The capability that makes Copilot Chat open a WebSocket for Responses turns (endpointProvider.ts
 * `WebSocketResponses`).
 */
export const WS_RESPONSES = 'ws:/responses';

/**
 * Copilot's `/models` answer without the `ws:/responses` entry in any model's `supported_endpoints`, so Copilot sends
 * its Responses turns over HTTP, where their tool output is compressed (chatEndpoint.ts `useWebSocketResponsesApi`
 * reads exactly that list; modelMetadataFetcher.ts reads the list from `.data`). Only those arrays are rewritten; every
 * other byte is kept. Anything that is not that shape (not JSON, no `data` array, no such entry) comes back as the
 * same Buffer, untouched.
 */
export function withoutWebSocketResponses(bytes: Buffer): Buffer {
  if (!bytes.includes(WS_RESPONSES)) return bytes;
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    return bytes;
  }
  const data = (parsed as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) return bytes;
  const paths: (string | number)[][] = [];
  const lists: string[] = [];
  data.forEach((model: unknown, i) => {
    const endpoints = (model as { supported_endpoints?: unknown } | null)?.supported_endpoints;
    if (!Array.isArray(endpoints) || !endpoints.includes(WS_RESPONSES)) return;
    paths.push(['data', i, 'supported_endpoints']);
    lists.push(JSON.stringify(endpoints.filter((e) => e !== WS_RESPONSES)));
  });
  if (paths.length === 0) return bytes;
  try {
    const spans = locateValues(bytes.toString('latin1'), paths);
    const edits: Edit[] = [];
    spans.forEach((span, i) => {
      if (span) edits.push({ ...span, replacement: lists[i] });
    });
    return applyByteEdits(bytes, edits);
  } catch {
    return bytes;
  }
}
