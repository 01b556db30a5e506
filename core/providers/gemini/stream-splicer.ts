import { formatEvent, type SseEvent } from '../../wire/sse.js';
import { sumUsage } from '../shared/usage.js';
import { geminiErrorEvent } from './error-event.js';
import { firstCandidate, geminiContinuation, isFunctionCall, isObj, retrieveCallOf, withParts } from './parts.js';
import type { RetrieveAnswer, RetrieveCall, RoundFailure, StreamSplicer } from '../types.js';

type Obj = Record<string, unknown>;

/**
 * Gemini `streamGenerateContent?alt=sse` across retrieval rounds. Every chunk is a whole GenerateContentResponse;
 * `headroom_retrieve` function-call parts are held back. When the model's turn ends (`finishReason`) with only
 * retrieve calls, that last chunk is held too, the calls are answered and the turn goes on upstream; the continued
 * round's chunks carry the first round's `responseId`, and usage counts include every round.
 */
export class GeminiStreamSplicer implements StreamSplicer {
  private round = 0;
  private roundParts: unknown[] = [];
  private held: RetrieveCall[] = [];
  private realCalls = 0;
  private heldFinal: Obj | undefined;
  /** Usage of the rounds before this one (added to this round's counts). */
  private usage: unknown;
  private firstId: unknown;

  constructor(private bodyText: string) {}

  onEvent(ev: SseEvent): string {
    let chunk: Obj;
    try {
      chunk = JSON.parse(ev.data) as Obj;
    } catch {
      return ev.raw;
    }
    if (!isObj(chunk)) return ev.raw;
    if (this.firstId === undefined) this.firstId = chunk.responseId;
    let changed = false;
    if (this.round > 0 && chunk.responseId !== undefined && chunk.responseId !== this.firstId) {
      chunk = { ...chunk, responseId: this.firstId };
      changed = true;
    }
    const { candidates, candidate, parts } = firstCandidate(chunk);
    const kept: unknown[] = [];
    for (const p of parts) {
      this.roundParts.push(p);
      const call = retrieveCallOf(p);
      if (call) {
        this.held.push(call);
        changed = true;
        continue;
      }
      if (isFunctionCall(p)) this.realCalls++;
      kept.push(p);
    }
    const final = candidate?.finishReason !== undefined;
    if (final && this.held.length > 0 && this.realCalls === 0) {
      // the turn held nothing but retrieves: it goes on upstream; only what the client may see is written now
      this.heldFinal = chunk;
      if (kept.length === 0) return '';
      const { finishReason: _f, ...open } = candidate!;
      const { usageMetadata: _u, ...rest } = chunk;
      return formatEvent({ ...rest, candidates: candidates.map((c) => (c === candidate ? withParts(open, kept) : c)) });
    }
    if (this.round > 0 && this.usage !== undefined && isObj(chunk.usageMetadata)) {
      chunk = { ...chunk, usageMetadata: sumUsage(this.usage, chunk.usageMetadata) };
      changed = true;
    }
    if (!changed) return ev.raw;
    if (candidate && kept.length !== parts.length) {
      if (kept.length === 0 && !final && chunk.usageMetadata === undefined) return '';
      chunk = { ...chunk, candidates: candidates.map((c) => (c === candidate ? withParts(candidate, kept) : c)) };
    }
    return formatEvent(chunk);
  }

  pendingRetrieves(): RetrieveCall[] | undefined {
    return this.heldFinal ? this.held : undefined;
  }

  continuation(answers: readonly RetrieveAnswer[]): string {
    this.bodyText = geminiContinuation(this.bodyText, this.roundParts, answers);
    return this.bodyText;
  }

  beginRound(): void {
    this.usage = sumUsage(this.usage, this.heldFinal?.usageMetadata);
    this.round++;
    this.roundParts = [];
    this.held = [];
    this.realCalls = 0;
    this.heldFinal = undefined;
  }

  finish(note?: string): string {
    const held = this.heldFinal;
    if (!held) return '';
    this.heldFinal = undefined;
    const { candidates, candidate } = firstCandidate(held);
    const usage = sumUsage(this.usage, held.usageMetadata);
    const parts = note ? [{ text: note }] : [];
    const out: Obj = {
      ...held,
      responseId: this.firstId ?? held.responseId,
      candidates: candidates.map((c) => (c === candidate ? withParts(candidate!, parts, { finishReason: 'STOP' }) : c)),
    };
    if (usage !== undefined) out.usageMetadata = usage;
    return formatEvent(out);
  }

  fail(failure: RoundFailure): string {
    this.heldFinal = undefined;
    return geminiErrorEvent(failure);
  }
}
