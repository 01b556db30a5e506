import { EventEmitter } from 'node:events';
import type { RequestRecord, RetrievalRecord } from '../ccr/store-types.js';

/** What the proxy tells in-process listeners (the extension's status bar and panel, the CLI). */
export interface ProxyEventMap {
  /** One proxied LLM request, after its tokens were counted (shortly after it was forwarded). */
  request: [RequestRecord];
  /** One `headroom_retrieve` call the proxy answered inside a response. */
  retrieval: [RetrievalRecord];
  /** Something went wrong inside the proxy that the client did not see (it got the original bytes). */
  warning: [{ message: string; requestId?: string }];
}

/** A typed EventEmitter: `events.on('request', (rec) => …)`. */
export class ProxyEvents extends EventEmitter<ProxyEventMap> {}
