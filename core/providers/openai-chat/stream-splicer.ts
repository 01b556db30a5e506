import { formatEvent, type SseEvent } from '../../wire/sse.js';
import { RETRIEVE_TOOL_NAME, retrieveIdFrom } from '../shared/retrieve-tool.js';
import { appendItems } from '../shared/append-items.js';
import { chatErrorEvent } from './error-event.js';
import type { RetrieveAnswer, RetrieveCall, RoundFailure, StreamSplicer } from '../types.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

interface CallState {
  id: string;
  name: string;
  args: string;
  /** Index the client knows this call by; undefined for a held retrieve call. */
  clientIndex?: number;
}

/**
 * OpenAI Chat Completions chunks across retrieval rounds. Tool-call deltas of `headroom_retrieve` are held (and the
 * other calls renumbered); when the turn's only calls were retrieves, its finish chunk, usage chunk and `[DONE]` are
 * held too, and the continued round's chunks carry on under the first round's id.
 */
export class ChatStreamSplicer implements StreamSplicer {
  private round = 0;
  private nextClientIndex = 0;
  private calls = new Map<number, CallState>();
  private text = '';
  private realCalls = 0;
  private heldFinish: Obj | undefined;
  private firstId: unknown;

  constructor(private bodyText: string) {}

  onEvent(ev: SseEvent): string {
    if (ev.data.trim() === '[DONE]') return this.heldFinish ? '' : ev.raw;
    let chunk: Obj;
    try {
      chunk = JSON.parse(ev.data) as Obj;
    } catch {
      return ev.raw;
    }
    if (this.firstId === undefined) this.firstId = chunk.id;
    if (this.heldFinish) return ''; // the usage chunk after a held finish
    const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
    const choice = choices.find((c) => isObj(c) && (c.index ?? 0) === 0) as Obj | undefined;
    let changed = this.round > 0 && chunk.id !== this.firstId;
    if (changed) chunk = { ...chunk, id: this.firstId };
    if (!choice) return changed ? formatEvent(chunk) : ev.raw;

    let delta = isObj(choice.delta) ? choice.delta : {};
    if (typeof delta.content === 'string') this.text += delta.content;
    if (this.round > 0 && 'role' in delta) {
      const { role: _role, ...rest } = delta;
      delta = rest;
      changed = true;
    }
    if (Array.isArray(delta.tool_calls)) {
      const kept = this.toolCallDeltas(delta.tool_calls);
      if (kept.changed) {
        changed = true;
        delta = { ...delta };
        if (kept.list.length) delta.tool_calls = kept.list;
        else delete delta.tool_calls;
      }
    }
    if (
      choice.finish_reason === 'tool_calls' &&
      this.realCalls === 0 &&
      [...this.calls.values()].some((c) => c.clientIndex === undefined)
    ) {
      this.heldFinish = { ...chunk, choices: choices.map((c) => (c === choice ? { ...choice, delta } : c)) };
      return '';
    }
    if (!changed) return ev.raw;
    // a chunk that only carried held calls (or the continued round's role) has nothing left to say
    if (Object.keys(delta).length === 0 && choice.finish_reason == null && !chunk.usage && choices.length === 1)
      return '';
    return formatEvent({ ...chunk, choices: choices.map((c) => (c === choice ? { ...choice, delta } : c)) });
  }

  /** Tracks call deltas; returns the ones the client should see, renumbered. */
  private toolCallDeltas(list: unknown[]): { list: Obj[]; changed: boolean } {
    const out: Obj[] = [];
    let changed = false;
    for (const d of list) {
      if (!isObj(d)) continue;
      const index = Number(d.index ?? 0);
      const fn = isObj(d.function) ? d.function : {};
      let state = this.calls.get(index);
      if (!state) {
        state = { id: String(d.id ?? ''), name: String(fn.name ?? ''), args: '' };
        if (state.name !== RETRIEVE_TOOL_NAME) {
          state.clientIndex = this.nextClientIndex++;
          this.realCalls++;
        }
        this.calls.set(index, state);
      }
      if (typeof fn.arguments === 'string') state.args += fn.arguments;
      if (state.clientIndex === undefined) {
        changed = true;
        continue;
      }
      if (state.clientIndex !== index) changed = true;
      out.push(state.clientIndex === index ? d : { ...d, index: state.clientIndex });
    }
    return { list: out, changed };
  }

  pendingRetrieves(): RetrieveCall[] | undefined {
    if (!this.heldFinish) return undefined;
    return [...this.calls.values()]
      .filter((c) => c.clientIndex === undefined)
      .map((c) => ({ callId: c.id, id: retrieveIdFrom(c.args) }));
  }

  continuation(answers: readonly RetrieveAnswer[]): string {
    const toolCalls = [...this.calls.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([, c]) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.args } }));
    const assistant = { role: 'assistant', content: this.text || null, tool_calls: toolCalls };
    const tools = answers.map((a) => ({ role: 'tool', tool_call_id: a.callId, content: a.content }));
    this.bodyText = appendItems(this.bodyText, 'messages', [assistant, ...tools]);
    return this.bodyText;
  }

  beginRound(): void {
    this.round++;
    this.calls = new Map();
    this.text = '';
    this.realCalls = 0;
    this.heldFinish = undefined;
  }

  finish(note?: string): string {
    const held = this.heldFinish;
    if (!held) return '';
    this.heldFinish = undefined;
    const { usage: _usage, ...base } = held;
    const text = note
      ? formatEvent({
          ...base,
          id: this.firstId,
          choices: [{ index: 0, delta: { content: note }, finish_reason: null }],
        })
      : '';
    const choices = (held.choices as Obj[]).map((c) => ((c.index ?? 0) === 0 ? { ...c, finish_reason: 'stop' } : c));
    return text + formatEvent({ ...held, choices, id: this.firstId }) + 'data: [DONE]\n\n';
  }

  fail(failure: RoundFailure): string {
    this.heldFinish = undefined;
    return chatErrorEvent(failure);
  }
}
