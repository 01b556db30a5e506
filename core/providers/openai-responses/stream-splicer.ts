import { formatEvent, type SseEvent } from '../../wire/sse.js';
import { RETRIEVE_TOOL_NAME, retrieveIdFrom } from '../shared/retrieve-tool.js';
import { responsesContinuation } from './continuation.js';
import { openaiError } from '../shared/openai-error.js';
import type { RetrieveAnswer, RetrieveCall, RoundFailure, StreamSplicer } from '../types.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Output item types that hand control back to the client (a real tool call). */
const CALL_TYPES = /_call$/;

interface ItemState {
  held: boolean;
  clientIndex?: number;
  item?: Obj;
  callId?: string;
}

/**
 * OpenAI Responses events across retrieval rounds. The output item of a `headroom_retrieve` function call and all its
 * events are held; later items get renumbered output indexes, and every forwarded event a sequence number that
 * continues the client's. A continued round's created/in_progress events are dropped, and the final completed event
 * lists every item the client saw.
 */
export class ResponsesStreamSplicer implements StreamSplicer {
  private round = 0;
  private seq = 0;
  private seqStarted = false;
  private nextClientIndex = 0;
  private items = new Map<number, ItemState>();
  private realCalls = 0;
  private heldCompleted: Obj | undefined;
  private readonly clientItems: Obj[] = [];
  private retrievesSeen = false;

  constructor(
    private bodyText: string,
    private readonly parsed: Obj,
  ) {}

  onEvent(ev: SseEvent): string {
    let data: Obj;
    try {
      data = JSON.parse(ev.data) as Obj;
    } catch {
      return ev.raw;
    }
    const type = String(data.type ?? ev.event ?? '');
    if ((type === 'response.created' || type === 'response.in_progress') && this.round > 0) return '';
    if (typeof data.output_index === 'number') return this.itemEvent(ev, data, type);
    if (type === 'response.completed') {
      const response = isObj(data.response) ? data.response : {};
      if (this.realCalls === 0 && [...this.items.values()].some((s) => s.held)) {
        this.heldCompleted = data;
        return '';
      }
      if (this.round > 0 || this.retrievesSeen)
        return this.emit(ev, { ...data, response: { ...response, output: this.clientItems } }, true);
    }
    return this.emit(ev, data, false);
  }

  private itemEvent(ev: SseEvent, data: Obj, type: string): string {
    const index = data.output_index as number;
    let state = this.items.get(index);
    if (!state) {
      const item = isObj(data.item) ? data.item : {};
      state = {
        held: item.type === 'function_call' && item.name === RETRIEVE_TOOL_NAME,
        callId: typeof item.call_id === 'string' ? item.call_id : undefined,
      };
      if (state.held) this.retrievesSeen = true;
      else {
        state.clientIndex = this.nextClientIndex++;
        if (CALL_TYPES.test(String(item.type ?? ''))) this.realCalls++;
      }
      this.items.set(index, state);
    }
    if (type === 'response.output_item.done' && isObj(data.item)) {
      state.item = data.item;
      if (!state.held) this.clientItems.push(data.item);
    }
    if (state.held) return '';
    return state.clientIndex === index
      ? this.emit(ev, data, false)
      : this.emit(ev, { ...data, output_index: state.clientIndex }, true);
  }

  /** Writes an event with the client's next sequence number; the raw bytes when nothing had to change. */
  private emit(ev: SseEvent, data: Obj, changed: boolean): string {
    if (typeof data.sequence_number === 'number') {
      if (!this.seqStarted) [this.seq, this.seqStarted] = [data.sequence_number, true];
      const seq = this.seq++;
      if (seq !== data.sequence_number) {
        data = { ...data, sequence_number: seq };
        changed = true;
      }
    }
    return changed ? formatEvent(data, ev.event) : ev.raw;
  }

  pendingRetrieves(): RetrieveCall[] | undefined {
    if (!this.heldCompleted) return undefined;
    const calls: RetrieveCall[] = [];
    for (const s of this.items.values())
      if (s.held)
        calls.push({ callId: s.callId ?? String(s.item?.call_id ?? ''), id: retrieveIdFrom(s.item?.arguments) });
    return calls;
  }

  continuation(answers: readonly RetrieveAnswer[]): string {
    const response = isObj(this.heldCompleted?.response) ? this.heldCompleted.response : {};
    const roundItems = [...this.items.entries()]
      .sort((a, b) => a[0] - b[0])
      .flatMap(([, s]) => (s.item ? [s.item] : []));
    this.bodyText = responsesContinuation(
      this.bodyText,
      this.parsed,
      roundItems,
      answers,
      typeof response.id === 'string' ? response.id : undefined,
    );
    return this.bodyText;
  }

  beginRound(): void {
    this.round++;
    this.items = new Map();
    this.realCalls = 0;
    this.heldCompleted = undefined;
  }

  finish(note?: string): string {
    const held = this.heldCompleted;
    if (!held) return '';
    this.heldCompleted = undefined;
    const text = note ? this.noteItem(note) : '';
    const response = isObj(held.response) ? held.response : {};
    return (
      text +
      formatEvent(
        { ...held, sequence_number: this.seq++, response: { ...response, output: this.clientItems } },
        'response.completed',
      )
    );
  }

  /** A whole assistant message item carrying `text`, as the events that stream one. */
  private noteItem(text: string): string {
    const output_index = this.nextClientIndex++;
    const item_id = `msg_headroom_${this.seq}`;
    const part = { type: 'output_text', text, annotations: [] };
    const item = { id: item_id, type: 'message', role: 'assistant', status: 'completed', content: [part] };
    this.clientItems.push(item);
    const ev = (type: string, data: Obj) => formatEvent({ type, sequence_number: this.seq++, ...data }, type);
    return (
      ev('response.output_item.added', { output_index, item: { ...item, status: 'in_progress', content: [] } }) +
      ev('response.content_part.added', { item_id, output_index, content_index: 0, part: { ...part, text: '' } }) +
      ev('response.output_text.delta', { item_id, output_index, content_index: 0, delta: text }) +
      ev('response.output_text.done', { item_id, output_index, content_index: 0, text }) +
      ev('response.content_part.done', { item_id, output_index, content_index: 0, part }) +
      ev('response.output_item.done', { output_index, item })
    );
  }

  /** `response.failed`, the event the Responses API ends a response that broke off with (Codex reports its message). */
  fail(failure: RoundFailure): string {
    const held = this.heldCompleted;
    this.heldCompleted = undefined;
    const response = isObj(held?.response) ? held.response : {};
    const error = { code: failure.code ?? openaiError(failure).type, message: failure.message };
    return formatEvent(
      {
        type: 'response.failed',
        sequence_number: this.seq++,
        response: { ...response, status: 'failed', output: this.clientItems, error },
      },
      'response.failed',
    );
  }
}
