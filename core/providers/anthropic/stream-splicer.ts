import { formatEvent, type SseEvent } from '../../wire/sse.js';
import { RETRIEVE_TOOL_NAME, retrieveIdFrom } from '../shared/retrieve-tool.js';
import { appendItems } from '../shared/append-items.js';
import { BlockBuilder, sendableBlocks } from './blocks.js';
import { anthropicErrorEvent } from './error-event.js';
import type { RetrieveAnswer, RetrieveCall, RoundFailure, StreamSplicer } from '../types.js';

type Obj = Record<string, unknown>;

interface BlockState {
  builder: BlockBuilder;
  /** The index the client knows this block by; undefined for a held retrieve call. */
  clientIndex?: number;
}

/**
 * Anthropic Messages SSE across retrieval rounds. Every event is forwarded as it arrives, except the blocks of
 * `headroom_retrieve` tool calls (held) and, when the turn held nothing but retrieves, its message_delta/message_stop.
 * A continued round's message_start is dropped and its block indexes continue after the ones the client has.
 */
export class AnthropicStreamSplicer implements StreamSplicer {
  private round = 0;
  private nextClientIndex = 0;
  private blocks = new Map<number, BlockState>();
  private realToolCalls = 0;
  private heldEnd: Obj | undefined;
  /**
   * Deltas and stops not parsed yet. While every block keeps its own index (first round, nothing held), they go to
   * the client as they are; they are only read back if a retrieve round needs this turn's blocks (or once a block is
   * held and indexes are renumbered). Most events of a stream are deltas, so this keeps the common case at
   * forwarding cost.
   */
  private deferred: string[] = [];

  constructor(private bodyText: string) {}

  private get identity(): boolean {
    return this.round === 0 && this.blocks.size === this.nextClientIndex;
  }

  /** Applies deferred deltas to their blocks, in stream order. */
  private catchUp(): void {
    const list = this.deferred;
    this.deferred = [];
    for (const d of list) {
      try {
        this.apply(JSON.parse(d) as Obj);
      } catch {
        // not JSON: it was forwarded as is and has nothing to add to a block
      }
    }
  }

  private apply(data: Obj): BlockState | undefined {
    const state = this.blocks.get(Number(data.index));
    if (!state) return undefined;
    if (data.type === 'content_block_delta') state.builder.delta((data.delta ?? {}) as Obj);
    else state.builder.done();
    return state;
  }

  onEvent(ev: SseEvent): string {
    if ((ev.event === 'content_block_delta' || ev.event === 'content_block_stop') && this.identity) {
      this.deferred.push(ev.data);
      return ev.raw;
    }
    let data: Obj;
    try {
      data = JSON.parse(ev.data) as Obj;
    } catch {
      return ev.raw;
    }
    switch (data.type) {
      case 'message_start':
        return this.round === 0 ? ev.raw : '';
      case 'content_block_start':
        return this.blockStart(ev, data);
      case 'content_block_delta':
      case 'content_block_stop':
        return this.blockEvent(ev, data);
      case 'message_delta':
        if (this.holdsOnlyRetrieves() && (data.delta as Obj | undefined)?.stop_reason === 'tool_use') {
          this.heldEnd = data;
          return '';
        }
        return ev.raw;
      case 'message_stop':
        return this.heldEnd ? '' : ev.raw;
      default:
        return ev.raw;
    }
  }

  private holdsOnlyRetrieves(): boolean {
    return this.realToolCalls === 0 && [...this.blocks.values()].some((b) => b.clientIndex === undefined);
  }

  private blockStart(ev: SseEvent, data: Obj): string {
    // deferred deltas stay deferred: a new block adds to the map and changes none they apply to (they are applied,
    // in stream order, before the next delta that must be read or when a retrieve round needs the blocks)
    const index = Number(data.index);
    const block = (data.content_block ?? {}) as Obj;
    const state: BlockState = { builder: new BlockBuilder(block) };
    this.blocks.set(index, state);
    if (block.type === 'tool_use' && block.name === RETRIEVE_TOOL_NAME) return '';
    if (block.type === 'tool_use') this.realToolCalls++;
    state.clientIndex = this.nextClientIndex++;
    return this.renumbered(ev, data, index, state.clientIndex);
  }

  private blockEvent(ev: SseEvent, data: Obj): string {
    this.catchUp();
    const state = this.apply(data);
    if (!state) return ev.raw;
    return state.clientIndex === undefined ? '' : this.renumbered(ev, data, Number(data.index), state.clientIndex);
  }

  private renumbered(ev: SseEvent, data: Obj, index: number, clientIndex: number): string {
    return index === clientIndex ? ev.raw : formatEvent({ ...data, index: clientIndex }, ev.event);
  }

  pendingRetrieves(): RetrieveCall[] | undefined {
    if (!this.heldEnd) return undefined;
    this.catchUp();
    const calls: RetrieveCall[] = [];
    for (const s of this.blocks.values())
      if (s.clientIndex === undefined) {
        const b = s.builder.done();
        calls.push({ callId: String(b.id ?? ''), id: retrieveIdFrom(b.input) });
      }
    return calls;
  }

  continuation(answers: readonly RetrieveAnswer[]): string {
    this.catchUp();
    const ordered = [...this.blocks.entries()].sort((a, b) => a[0] - b[0]).map(([, s]) => s.builder.done());
    const assistant = { role: 'assistant', content: sendableBlocks(ordered) };
    const user = {
      role: 'user',
      content: answers.map((a) => ({
        type: 'tool_result',
        tool_use_id: a.callId,
        content: a.content,
        ...(a.found ? {} : { is_error: true }),
      })),
    };
    this.bodyText = appendItems(this.bodyText, 'messages', [assistant, user]);
    return this.bodyText;
  }

  beginRound(): void {
    this.round++;
    this.deferred = [];
    this.blocks = new Map();
    this.realToolCalls = 0;
    this.heldEnd = undefined;
  }

  finish(note?: string): string {
    if (!this.heldEnd) return '';
    let out = '';
    if (note) {
      const index = this.nextClientIndex++;
      out += formatEvent(
        { type: 'content_block_start', index, content_block: { type: 'text', text: '' } },
        'content_block_start',
      );
      out += formatEvent(
        { type: 'content_block_delta', index, delta: { type: 'text_delta', text: note } },
        'content_block_delta',
      );
      out += formatEvent({ type: 'content_block_stop', index }, 'content_block_stop');
    }
    const delta = { ...((this.heldEnd.delta ?? {}) as Obj), stop_reason: 'end_turn' };
    out +=
      formatEvent({ ...this.heldEnd, delta }, 'message_delta') + formatEvent({ type: 'message_stop' }, 'message_stop');
    this.heldEnd = undefined;
    return out;
  }

  fail(failure: RoundFailure): string {
    this.heldEnd = undefined;
    return anthropicErrorEvent(failure);
  }
}
