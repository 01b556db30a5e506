import { formatLine } from '../../wire/ndjson.js';
import type { SseEvent } from '../../wire/sse.js';
import { appendItems } from '../shared/append-items.js';
import { isObj, type Obj } from '../shared/obj.js';
import { sumUsage } from '../shared/usage.js';
import { answerMessages, isRetrieveCall, metricsOf, retrieveCallOf, withSummedMetrics } from './calls.js';
import { ollamaErrorLine } from './error-event.js';
import type { RetrieveAnswer, RetrieveCall, RoundFailure, StreamSplicer } from '../types.js';

/**
 * Ollama's NDJSON chat stream across retrieval rounds (one event = one line: core/wire/ndjson.ts). Each line is a
 * `{model, created_at, message:{role, content, thinking?, tool_calls?}, done:false}` object and the last one has
 * `done:true`, a `done_reason` and the metrics (ollama server/routes.go ChatHandler). Tool calls come whole in one
 * line; `headroom_retrieve` calls are taken out of it (a line left with nothing to say is dropped). When a turn's
 * only calls were retrieves, its `done` line is held and the continued round's lines follow in the same stream; the
 * final `done` line carries every round's metrics added up.
 */
export class OllamaStreamSplicer implements StreamSplicer {
  private text = '';
  private thinking = '';
  /** Every call of this round as the model made it, retrieves included (the continuation's assistant turn). */
  private calls: unknown[] = [];
  private retrieves: RetrieveCall[] = [];
  private realCalls = 0;
  private heldDone: Obj | undefined;
  /** The metrics of the rounds already continued. */
  private earlier: Obj | undefined;

  constructor(private bodyText: string) {}

  onEvent(ev: SseEvent): string {
    if (this.heldDone) return ''; // Ollama ends its stream with the done line; nothing may follow it
    let line: unknown;
    try {
      line = JSON.parse(ev.data);
    } catch {
      return ev.raw;
    }
    if (!isObj(line)) return ev.raw;
    let out = line;
    const msg = isObj(line.message) ? line.message : undefined;
    if (msg) {
      if (typeof msg.content === 'string') this.text += msg.content;
      if (typeof msg.thinking === 'string') this.thinking += msg.thinking;
      if (Array.isArray(msg.tool_calls)) {
        const kept = this.track(msg.tool_calls);
        if (kept.length !== msg.tool_calls.length) {
          const { tool_calls: _all, ...rest } = msg;
          if (!kept.length && saysNothing(line, rest)) return '';
          out = { ...line, message: kept.length ? { ...rest, tool_calls: kept } : rest };
        }
      }
    }
    if (line.done === true) {
      if (this.retrieves.length > 0 && this.realCalls === 0) return this.hold(out);
      if (this.earlier) out = withSummedMetrics(out, this.earlier);
    }
    return out === line ? ev.raw : formatLine(out);
  }

  /**
   * Holds the end of a retrieve-only turn. Text the end line itself carried (Ollama flushes what its tool parser kept
   * back into the last line, server/routes.go ChatHandler) goes to the client now, in a line of its own.
   */
  private hold(done: Obj): string {
    const msg = isObj(done.message) ? done.message : {};
    if (!msg.content && !msg.thinking) {
      this.heldDone = done;
      return '';
    }
    const { thinking: _thinking, ...rest } = msg;
    this.heldDone = { ...done, message: { ...rest, content: '' } };
    return formatLine({ model: done.model, created_at: done.created_at, message: msg, done: false });
  }

  /** Records a line's calls; returns the ones the client should see. */
  private track(list: unknown[]): unknown[] {
    const kept: unknown[] = [];
    for (const c of list) {
      this.calls.push(c);
      if (isRetrieveCall(c)) this.retrieves.push(retrieveCallOf(c as Obj));
      else {
        this.realCalls++;
        kept.push(c);
      }
    }
    return kept;
  }

  pendingRetrieves(): RetrieveCall[] | undefined {
    return this.heldDone ? this.retrieves : undefined;
  }

  continuation(answers: readonly RetrieveAnswer[]): string {
    const assistant: Obj = { role: 'assistant', content: this.text };
    if (this.thinking) assistant.thinking = this.thinking;
    assistant.tool_calls = this.calls;
    this.bodyText = appendItems(this.bodyText, 'messages', [assistant, ...answerMessages(answers)]);
    return this.bodyText;
  }

  beginRound(): void {
    if (this.heldDone) this.earlier = sumUsage(this.earlier, metricsOf(this.heldDone)) as Obj;
    this.text = '';
    this.thinking = '';
    this.calls = [];
    this.retrieves = [];
    this.realCalls = 0;
    this.heldDone = undefined;
  }

  finish(note?: string): string {
    const held = this.heldDone;
    if (!held) return '';
    this.heldDone = undefined;
    const text = note
      ? formatLine({
          model: held.model,
          created_at: held.created_at,
          message: { role: 'assistant', content: note },
          done: false,
        })
      : '';
    return text + formatLine(withSummedMetrics(held, this.earlier));
  }

  fail(failure: RoundFailure): string {
    this.heldDone = undefined;
    return ollamaErrorLine(failure);
  }
}

/** A line that carried only held calls: not the last, no text, no thinking, nothing else in it. */
function saysNothing(line: Obj, message: Obj): boolean {
  return (
    line.done !== true &&
    !('logprobs' in line) &&
    !message.content &&
    !message.thinking &&
    Object.keys(message).every((k) => k === 'role' || k === 'content' || k === 'thinking')
  );
}
