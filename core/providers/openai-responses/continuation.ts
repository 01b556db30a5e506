import type { RetrieveAnswer } from '../types.js';
import { appendItems } from '../shared/append-items.js';

type Obj = Record<string, unknown>;

/**
 * The next Responses request after a retrieval round. A stored conversation (`store` not false, the API default)
 * continues by `previous_response_id` with just the call outputs. A stateless one (`store: false`, as Codex sends)
 * resends the input plus this round's output items and the outputs, appended so the cached prefix stays the same;
 * reasoning items without encrypted content cannot be resent statelessly and are left out.
 */
export function responsesContinuation(
  bodyText: string,
  parsed: Obj,
  roundItems: readonly Obj[],
  answers: readonly RetrieveAnswer[],
  responseId: string | undefined,
): string {
  const outputs = answers.map((a) => ({ type: 'function_call_output', call_id: a.callId, output: a.content }));
  if (parsed.store !== false && responseId)
    return JSON.stringify({ ...JSON.parse(bodyText), input: outputs, previous_response_id: responseId });
  const items = [
    ...roundItems.filter((i) => i.type !== 'reasoning' || typeof i.encrypted_content === 'string'),
    ...outputs,
  ];
  const current = JSON.parse(bodyText) as Obj;
  if (typeof current.input === 'string')
    return JSON.stringify({ ...current, input: [{ role: 'user', content: current.input }, ...items] });
  return appendItems(bodyText, 'input', items);
}
