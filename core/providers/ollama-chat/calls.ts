import { isObj, type Obj } from '../shared/obj.js';
import { RETRIEVE_TOOL_NAME, retrieveIdFrom } from '../shared/retrieve-tool.js';
import { sumUsage } from '../shared/usage.js';
import type { RetrieveAnswer, RetrieveCall } from '../types.js';

/**
 * What the stream and JSON splicers share about Ollama's messages: its tool calls arrive whole, never as deltas
 * (`{id?, function:{index?, name, arguments:{…}}}`, arguments an object: ollama api/types.go `ToolCall`), and a
 * tool's answer is a `tool` message naming the tool (`tool_name`, and `tool_call_id` when the call had an id).
 */
export const isRetrieveCall = (c: unknown): boolean =>
  isObj(c) && isObj(c.function) && c.function.name === RETRIEVE_TOOL_NAME;

export function retrieveCallOf(c: Obj): RetrieveCall {
  const fn = isObj(c.function) ? c.function : {};
  return { callId: typeof c.id === 'string' ? c.id : '', id: retrieveIdFrom(fn.arguments) };
}

/** The `tool` messages that answer a round's retrieve calls. */
export const answerMessages = (answers: readonly RetrieveAnswer[]): Obj[] =>
  answers.map((a) => ({
    role: 'tool',
    content: a.content,
    tool_name: RETRIEVE_TOOL_NAME,
    ...(a.callId ? { tool_call_id: a.callId } : {}),
  }));

/** The timing and token counts of a final (`done`) object (ollama api/types.go `Metrics`). */
const METRICS = [
  'total_duration',
  'load_duration',
  'prompt_eval_count',
  'prompt_eval_duration',
  'eval_count',
  'eval_duration',
];

export function metricsOf(response: Obj): Obj {
  return Object.fromEntries(METRICS.filter((k) => typeof response[k] === 'number').map((k) => [k, response[k]]));
}

/** Every round's metrics added together (the client's turn took all of them): `response` with the sums. */
export function withSummedMetrics(response: Obj, earlier: Obj | undefined): Obj {
  if (!earlier) return response;
  return { ...response, ...(sumUsage(earlier, metricsOf(response)) as Obj) };
}
