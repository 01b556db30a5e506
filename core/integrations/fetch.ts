/**
 * `headroomFetch()`: a `fetch` that compresses LLM request bodies in-process before they leave, for clients that
 * take a custom fetch (`new OpenAI({ fetch })`, `new Anthropic({ fetch })`, the AI SDK providers' `fetch` option).
 * No proxy: the same engine and splicing the proxy uses (prepareBody), applied to the body the client built.
 * Responses are returned untouched. The `headroom_retrieve` tool is not offered (nothing here could answer it);
 * markers' ids are redeemed from the store (`headroom retrieve ID`, the MCP server, or `store.get(id)`).
 */
import type { CcrStore } from '../ccr/store-types.js';
import { compressMessages } from '../messages/compress-messages.js';
import { prepareBody } from '../proxy/prepare-body.js';
import { RetrieveSessions } from '../proxy/retrieve-sessions.js';
import type { CompressBody } from '../proxy/rewrite-request.js';
import { providerOfUrl, RequestRecorder, storeResolver, type IntegrationOptions } from './shared.js';

export interface HeadroomFetchOptions extends IntegrationOptions {
  /** The fetch to call after compressing. Default: the global fetch. */
  fetch?: typeof fetch;
}

const MAX_BODY = 64 * 1024 * 1024;

function bodyBytes(body: unknown): Buffer | undefined {
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  return undefined; // streams, FormData, Blob…: not a JSON body we can read without consuming it
}

export function headroomFetch(options: HeadroomFetchOptions = {}): typeof fetch {
  const inner = options.fetch ?? globalThis.fetch;
  const getStore = storeResolver(options.store);
  const recorder = new RequestRecorder(options.agent ?? 'library', options.workspace);
  let sessions: RetrieveSessions | undefined;

  const wrapped = async (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const provider = method === 'POST' ? providerOfUrl(url) : undefined;
    const raw = provider && !(input instanceof Request && init?.body === undefined) ? bodyBytes(init?.body) : undefined;
    if (!provider || !raw) return inner(input, init);

    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    const store: CcrStore = await getStore();
    sessions ??= new RetrieveSessions(store);
    const plain: Record<string, string> = {};
    headers.forEach((v, k) => (plain[k] = v));
    const prep = await prepareBody(raw, plain, provider, {
      store,
      sessions,
      compressBody: compressMessages as CompressBody,
      retrieveTool: false,
      maxBodyBytes: MAX_BODY,
    });
    const units = prep.rewrite?.units ?? [];
    const model = typeof prep.rewrite?.parsed?.model === 'string' ? prep.rewrite.parsed.model : undefined;
    recorder.record(store, provider, units, prep.compressMs, prep.reason, model);
    if (prep.bytes === raw) return inner(input, init);
    headers.delete('content-length');
    if (prep.decoded) headers.delete('content-encoding');
    return inner(input, { ...init, headers, body: prep.bytes.toString('utf8') });
  };
  return wrapped as typeof fetch;
}
