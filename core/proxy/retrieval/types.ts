import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SseEvent } from '../sse.js';
import type { RoundFailure } from './round-failure.js';

/** One `headroom_retrieve` call the model made: the provider's call id and the CCR id it asked for. */
export interface RetrieveCall {
  callId: string;
  id?: string;
}

/** The proxy's answer to a call: the stored original, or a short note when the id is unknown. */
export interface RetrieveAnswer {
  callId: string;
  content: string;
  found: boolean;
}

/**
 * Provider-specific handling of one streamed response across retrieval rounds. The driver feeds it every upstream
 * event and writes what it returns; between rounds it asks for the calls to answer and the next request body.
 */
export interface StreamSplicer {
  /** Text to write to the client for this event now ('' holds or drops it). */
  onEvent(ev: SseEvent): string;
  /** After a round's stream ended: the retrieve calls to answer, when the turn ended with nothing but retrieves. */
  pendingRetrieves(): RetrieveCall[] | undefined;
  /** The next round's request body: the conversation so far plus this round's assistant turn and the answers. */
  continuation(answers: readonly RetrieveAnswer[]): string;
  /** A new upstream stream begins (its start events are dropped, its indexes continue the client's). */
  beginRound(): void;
  /**
   * Closes the client's message coherently when the round limit stops a retrieve; `note` (saying so) is added as the
   * message's last text.
   */
  finish(note?: string): string;
  /** The protocol's mid-stream error event for a round that failed (the held end of the turn is dropped). */
  fail(failure: RoundFailure): string;
}

/**
 * Provider-specific handling of a non-streamed response across retrieval rounds. `step` looks at one round's parsed
 * response: either the calls to answer (the turn held only retrieves), or nothing more to do.
 */
export interface JsonSplicer {
  step(response: Record<string, unknown>): RetrieveCall[] | undefined;
  continuation(answers: readonly RetrieveAnswer[]): string;
  /** The merged response the client sees: every round's content minus retrieve calls, then `note` as text if given. */
  result(note?: string): Record<string, unknown>;
  /** True when the client's response differs from the first upstream body (a retrieve was dropped or answered). */
  changed(): boolean;
}

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
