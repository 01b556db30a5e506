/**
 * Why a request's figures are what they are, for the panel's list and detail: compressed, or why nothing was. Pure
 * (no `vscode`): tested under plain Node.
 */
import type { RequestOutcome } from '../protocol.js';
import type { RequestRecord } from '../proxy-host.js';

type UnitRecord = RequestRecord['units'][number];

export interface Outcome {
  outcome: RequestOutcome;
  /** Plain words for the list's tooltip and the detail's header. */
  why: string;
}

/** An error status the agent got, from the provider or from the proxy (502/504 when upstream did not answer). */
export function isFailure(r: Pick<RequestRecord, 'status' | 'error'>): boolean {
  return (r.status !== undefined && r.status >= 400) || r.error !== undefined;
}

/** A unit the model got in a shorter form (its original is stored under `originalId`). */
export function isCompressedUnit(u: Pick<UnitRecord, 'originalId' | 'tokensBefore' | 'tokensAfter'>): boolean {
  return u.originalId !== undefined || u.tokensAfter < u.tokensBefore;
}

export function requestOutcome(r: RequestRecord): Outcome {
  if (isFailure(r)) {
    const status = r.status !== undefined ? `HTTP ${r.status}` : 'no answer';
    const from = r.error ? `: ${r.error}` : r.status !== undefined ? ' from the provider' : '';
    return { outcome: 'failed', why: `${status}${from}` };
  }
  const compressed = r.units.filter(isCompressedUnit).length;
  if (compressed) return { outcome: 'compressed', why: `${compressed} of ${r.units.length} tool outputs compressed` };
  if (r.paused) return { outcome: 'paused', why: 'compression paused: sent as the agent wrote it' };
  if (r.passthroughReason) return { outcome: 'passthrough', why: `sent unchanged: ${r.passthroughReason}` };
  if (r.units.length) {
    const reasons = [...new Set(r.units.map((u) => u.reason).filter((x): x is string => !!x))].slice(0, 3);
    const which = r.units.length === 1 ? 'the tool output was' : `all ${r.units.length} tool outputs were`;
    return {
      outcome: 'too-small',
      why:
        `sent unchanged: ${which} too small or not worth compressing` +
        `${reasons.length ? ` (${reasons.join('; ')})` : ''}`,
    };
  }
  return { outcome: 'nothing', why: 'no tool output in this request' };
}

/**
 * A unit in the user's terms instead of its JSON path: "Bash output · message 3". Every unit the engine looks at is a
 * tool's output; the message is the first index in the path (`messages.2…`, `input.5…`, `contents.1…`).
 */
export function unitLabel(u: { path: string; tool?: string }): string {
  const index = /^[a-z_]+\.(\d+)(?:\.|$)/i.exec(u.path)?.[1];
  const what = u.tool ? `${u.tool} output` : 'tool output';
  return index === undefined ? what : `${what} · message ${Number(index) + 1}`;
}
