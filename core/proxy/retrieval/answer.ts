import type { CcrStore, RetrievalRecord } from '../../ccr/store-types.js';
import { DamagedRecordError } from '../../ccr/verify-content.js';
import type { Scope } from '../../ccr/scope.js';
import type { RetrieveAnswer, RetrieveCall } from './types.js';

/**
 * Answers retrieve calls from the store, exactly as stored (retrieved content is never compressed again: tool results
 * of `headroom_retrieve` are skipped by the engine). Only originals stored in `scope` — the conversation's own — are
 * answered: another session's id is "not stored" here (issue 16 item 6). Each answer is recorded, with the text handed
 * over when found.
 */
export function answerRetrieves(
  calls: readonly RetrieveCall[],
  store: CcrStore,
  scope: Scope,
  requestId: string,
  onRecord: (r: RetrievalRecord, content: string | undefined) => void,
): RetrieveAnswer[] {
  return calls.map((call) => {
    let content: string | undefined;
    let damaged: string | undefined;
    try {
      content = call.id ? store.get(call.id, scope) : undefined;
    } catch (e) {
      // a damaged record is refused (an error answer), never handed over as if it were the original
      if (e instanceof DamagedRecordError) damaged = e.message;
      content = undefined;
    }
    onRecord({ id: call.id ?? '', time: Date.now(), via: 'proxy', requestId, found: content !== undefined }, content);
    if (content !== undefined) return { callId: call.callId, content, found: true };
    const why =
      damaged ?? (call.id ? `no content is stored under "${call.id}" (unknown or expired id)` : 'the call gave no id');
    return {
      callId: call.callId,
      content: `headroom_retrieve: ${why}. Continue with what the markers and tool results show.`,
      found: false,
    };
  });
}
