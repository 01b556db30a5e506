/** A fetch that records exactly what an SDK sends (to compare with what the provider received), then sends it. */
export interface Sent {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export function captureFetch(sent: Sent[]): typeof fetch {
  return async (input, init) => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
    sent.push({
      url: String(input instanceof Request ? input.url : input),
      headers,
      body: typeof init?.body === 'string' ? init.body : '',
    });
    return fetch(input, init);
  };
}
