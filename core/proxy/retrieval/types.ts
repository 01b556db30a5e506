import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RetrieveAnswer, RetrieveCall } from '../../providers/types.js';

// the splicer contract is the providers' (core/providers/types.ts); re-exported for the retrieval drivers
export type { JsonSplicer, RetrieveAnswer, RetrieveCall, StreamSplicer } from '../../providers/types.js';

/** What every retrieval loop (stream or JSON, any provider) is handed: the first upstream answer and how to go on. */
export interface RoundsContext {
  first: IncomingMessage;
  res: ServerResponse;
  maxRounds: number;
  answer(calls: readonly RetrieveCall[]): RetrieveAnswer[];
  /** Sends the next round upstream; resolves with its response (any status). */
  send(bodyText: string): Promise<IncomingMessage>;
  /** The client went away: stop everything. */
  signal: AbortSignal;
  onWarning(message: string): void;
}
