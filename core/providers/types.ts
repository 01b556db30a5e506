import type { JsonPath } from '../wire/json-splice.js';
import type { Family } from './upstream-url.js';
import type { SseEvent } from '../wire/sse.js';

/**
 * What the proxy and the engine know about one request shape ("provider": Anthropic Messages, OpenAI Chat
 * Completions, OpenAI Responses, Gemini generateContent). Everything that differs between them lives behind this
 * interface, in one folder per provider under core/providers/, registered once in core/providers/index.ts.
 */
export interface ProviderAdapter {
  /** The request shape's name, as records, logs and the library API (`compressMessages(body, id)`) spell it. */
  readonly id: string;
  /** The upstream it is forwarded to (decides the base URL). */
  readonly family: Family;
  /** The calls it serves, conversations and token counts (method + path). */
  readonly routes: readonly ProviderRoute[];
  /** Whether a URL's path (with any prefix: gateways, `/openai/v1`) names this shape; used by the library wrappers. */
  servesUrlPath(path: string): boolean;
  /**
   * For a call no route serves: whether it belongs to this provider's family by its path or headers (`/v1/models`
   * is both Anthropic's and OpenAI's). Asked in registry order; the first yes wins.
   */
  claimsPassthrough?(path: string, headers: Readonly<Record<string, string | string[] | undefined>>): boolean;

  /** The tool-result texts of a request body (narrow: reads only what it needs, never throws on odd shapes). */
  findUnits(body: Obj): Unit[];
  /** The latest text the user typed: the question compression keeps answers for ('' when there is none). */
  latestUserText(body: Obj): string;
  /** What identifies a conversation across its turns; undefined when the body has no conversation to key on. */
  sessionParts(body: Obj): SessionParts | undefined;
  /** The model a request names (in the body, or in the path as Gemini does). */
  modelOf(path: string, body: Obj | undefined): string | undefined;

  /** The `headroom_retrieve` tool in this provider's shape, serialized once (its bytes never change). */
  readonly retrieveToolJson: string;
  /** Where the retrieve tool goes in this request's tools. */
  retrieveToolInsertion(tools: readonly unknown[]): ToolInsertion;
  /**
   * Whether the answer to this call can be watched for retrieve calls (Gemini's streamGenerateContent without
   * `alt=sse` streams a JSON array, which is not): when not, the request never gets the retrieve tool.
   */
  watchable(pathAndQuery: string): boolean;
  /** Splicer for a streamed (SSE) answer across retrieval rounds. */
  streamSplicer(bodyText: string, body: Obj): StreamSplicer;
  /** Splicer for a JSON answer across retrieval rounds. */
  jsonSplicer(bodyText: string, body: Obj): JsonSplicer;
}

export type Obj = Record<string, unknown>;

export type { JsonPath };

/** A compressible piece of a request: the text of one tool result (or one text part of it). */
export interface Unit {
  path: JsonPath;
  text: string;
  /** Name of the tool whose result this is, when the request says. */
  toolName?: string;
  /** File the tool read, when its arguments say (helps the router pick the language). */
  fileName?: string;
}

/** One call a provider serves. `match` is given the path without the query. */
export interface ProviderRoute {
  method: 'POST';
  match(path: string): boolean;
  /** Short name for records and logs, e.g. `anthropic.messages`. */
  name: string;
  /** A token-counting call: compressed like the conversation, but no model answers it (see `Route.countOnly`). */
  countOnly?: boolean;
  /**
   * The path to forward under, when the client's path is not the family's own form (`/messages` → `/v1/messages`).
   */
  upstreamPath?(path: string): string;
}

/** A conversation's identity: its system prompt, the leading system messages, and its first user message. */
export interface SessionParts {
  system: unknown;
  leading: readonly unknown[];
  firstUser: unknown;
}

/** Where the retrieve tool goes in a request: the array to append to (a path in the body) and the item's JSON. */
export interface ToolInsertion {
  path: Array<string | number>;
  itemJson: string;
}

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
 * Why a retrieval round could not go on: the provider answered the continuation with an error, or the proxy could not
 * get an answer at all. Streams turn it into their protocol's error event (the client already has its 200).
 */
export interface RoundFailure {
  /** The provider's HTTP status; 502/504 when the proxy got no answer. */
  status: number;
  /** What happened, for people: the provider's own message when it gave one. */
  message: string;
  /** The provider's error fields, when its body had them (`error.type`, `error.code`, Gemini's `error.status`). */
  type?: string;
  code?: string;
  statusName?: string;
  retryAfter?: string;
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
