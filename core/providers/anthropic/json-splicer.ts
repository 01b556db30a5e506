import { RETRIEVE_TOOL_NAME, retrieveIdFrom } from '../shared/retrieve-tool.js';
import { appendItems } from '../shared/append-items.js';
import { sendableBlocks } from './blocks.js';
import { sumUsage } from '../shared/usage.js';
import type { JsonSplicer, RetrieveAnswer, RetrieveCall } from '../types.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isRetrieve = (b: Obj) => b.type === 'tool_use' && b.name === RETRIEVE_TOOL_NAME;

/**
 * A non-streamed Anthropic message across retrieval rounds: content of every round minus retrieve calls, usage summed.
 */
export class AnthropicJsonSplicer implements JsonSplicer {
  private readonly content: Obj[] = [];
  private roundContent: Obj[] = [];
  private last: Obj = {};
  private usage: unknown;
  private pending = false;
  private dropped = false;

  constructor(private bodyText: string) {}

  step(response: Obj): RetrieveCall[] | undefined {
    this.last = response;
    this.usage = sumUsage(this.usage, response.usage);
    this.roundContent = (Array.isArray(response.content) ? response.content : []).filter(isObj);
    const retrieves = this.roundContent.filter(isRetrieve);
    const realCalls = this.roundContent.filter((b) => b.type === 'tool_use' && !isRetrieve(b));
    this.content.push(...this.roundContent.filter((b) => !isRetrieve(b)));
    if (retrieves.length) this.dropped = true;
    this.pending = retrieves.length > 0 && realCalls.length === 0 && response.stop_reason === 'tool_use';
    return this.pending
      ? retrieves.map((b) => ({ callId: String(b.id ?? ''), id: retrieveIdFrom(b.input) }))
      : undefined;
  }

  continuation(answers: readonly RetrieveAnswer[]): string {
    const user = {
      role: 'user',
      content: answers.map((a) => ({
        type: 'tool_result',
        tool_use_id: a.callId,
        content: a.content,
        ...(a.found ? {} : { is_error: true }),
      })),
    };
    this.bodyText = appendItems(this.bodyText, 'messages', [
      { role: 'assistant', content: sendableBlocks(this.roundContent) },
      user,
    ]);
    return this.bodyText;
  }

  result(note?: string): Obj {
    const content = note ? [...this.content, { type: 'text', text: note }] : this.content;
    const out: Obj = { ...this.last, content, usage: this.usage };
    if (this.pending) out.stop_reason = 'end_turn'; // stopped with a retrieve still open: the client never sees it
    return out;
  }

  changed(): boolean {
    return this.dropped;
  }
}
