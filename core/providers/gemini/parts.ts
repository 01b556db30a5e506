import { RETRIEVE_TOOL_NAME, retrieveIdFrom } from '../shared/retrieve-tool.js';
import { appendItems } from '../shared/append-items.js';
import type { RetrieveAnswer, RetrieveCall } from '../types.js';

type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The candidate a client reads (index 0, or the first), and its parts. */
export function firstCandidate(response: Obj): { candidates: unknown[]; candidate?: Obj; parts: unknown[] } {
  const candidates = Array.isArray(response.candidates) ? response.candidates : [];
  const candidate = (candidates.find((c) => isObj(c) && (c.index ?? 0) === 0) ?? candidates[0]) as Obj | undefined;
  const content = isObj(candidate?.content) ? candidate.content : undefined;
  return {
    candidates,
    candidate: isObj(candidate) ? candidate : undefined,
    parts: Array.isArray(content?.parts) ? content.parts : [],
  };
}

/** A `headroom_retrieve` function call part → the call to answer; undefined for any other part. */
export function retrieveCallOf(part: unknown): RetrieveCall | undefined {
  if (!isObj(part) || !isObj(part.functionCall) || part.functionCall.name !== RETRIEVE_TOOL_NAME) return undefined;
  return {
    callId: typeof part.functionCall.id === 'string' ? part.functionCall.id : '',
    id: retrieveIdFrom(part.functionCall.args),
  };
}

export function isFunctionCall(part: unknown): boolean {
  return isObj(part) && isObj(part.functionCall);
}

/** The candidate with other parts (and the given extra fields) in place of its own. */
export function withParts(candidate: Obj, parts: unknown[], extra: Obj = {}): Obj {
  const content = isObj(candidate.content) ? candidate.content : { role: 'model' };
  return { ...candidate, content: { ...content, parts }, ...extra };
}

/**
 * The next round's request: the conversation so far, the model's turn as it came (its thought signatures included,
 * which Gemini checks), and one user turn answering every retrieve call (ids echoed when the model gave them).
 */
export function geminiContinuation(
  bodyText: string,
  modelParts: readonly unknown[],
  answers: readonly RetrieveAnswer[],
): string {
  const responses = answers.map((a) => ({
    functionResponse: {
      name: RETRIEVE_TOOL_NAME,
      ...(a.callId ? { id: a.callId } : {}),
      response: { output: a.content },
    },
  }));
  return appendItems(bodyText, 'contents', [
    { role: 'model', parts: modelParts },
    { role: 'user', parts: responses },
  ]);
}
