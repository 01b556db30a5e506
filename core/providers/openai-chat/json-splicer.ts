import { RETRIEVE_TOOL_NAME, retrieveIdFrom } from '../shared/retrieve-tool.js';
import { appendItems } from '../shared/append-items.js';
import { sumUsage } from '../shared/usage.js';
import type { JsonSplicer, RetrieveAnswer, RetrieveCall } from '../types.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const fnName = (c: Obj) => (isObj(c.function) ? c.function.name : undefined);

/** A non-streamed chat completion across retrieval rounds: text of every round joined, retrieve calls removed. */
export class ChatJsonSplicer implements JsonSplicer {
  private text = '';
  private hasText = false;
  private roundMessage: Obj = {};
  private last: Obj = {};
  private usage: unknown;
  private pending = false;
  private dropped = false;

  constructor(private bodyText: string) {}

  private choice(response: Obj): Obj {
    const choices = Array.isArray(response.choices) ? response.choices : [];
    return (choices.find((c) => isObj(c) && (c.index ?? 0) === 0) as Obj | undefined) ?? {};
  }

  step(response: Obj): RetrieveCall[] | undefined {
    this.last = response;
    this.usage = sumUsage(this.usage, response.usage);
    const choice = this.choice(response);
    this.roundMessage = isObj(choice.message) ? choice.message : {};
    if (typeof this.roundMessage.content === 'string')
      [this.text, this.hasText] = [this.text + this.roundMessage.content, true];
    const calls = (Array.isArray(this.roundMessage.tool_calls) ? this.roundMessage.tool_calls : []).filter(isObj);
    const retrieves = calls.filter((c) => fnName(c) === RETRIEVE_TOOL_NAME);
    if (retrieves.length) this.dropped = true;
    this.pending = retrieves.length > 0 && retrieves.length === calls.length;
    return this.pending
      ? retrieves.map((c) => ({
          callId: String(c.id ?? ''),
          id: retrieveIdFrom(isObj(c.function) ? c.function.arguments : undefined),
        }))
      : undefined;
  }

  continuation(answers: readonly RetrieveAnswer[]): string {
    const tools = answers.map((a) => ({ role: 'tool', tool_call_id: a.callId, content: a.content }));
    this.bodyText = appendItems(this.bodyText, 'messages', [{ ...this.roundMessage, role: 'assistant' }, ...tools]);
    return this.bodyText;
  }

  result(note?: string): Obj {
    const choice = this.choice(this.last);
    const message: Obj = { ...(isObj(choice.message) ? choice.message : {}) };
    if (this.hasText) message.content = this.text;
    if (note) message.content = this.text ? `${this.text}\n\n${note}` : note;
    const real = (Array.isArray(message.tool_calls) ? message.tool_calls : []).filter(
      (c) => isObj(c) && fnName(c) !== RETRIEVE_TOOL_NAME,
    );
    if (real.length) message.tool_calls = real;
    else delete message.tool_calls;
    const finish = this.pending ? 'stop' : choice.finish_reason;
    const choices = (Array.isArray(this.last.choices) ? this.last.choices : []).map((c) =>
      c === choice ? { ...choice, message, finish_reason: finish } : c,
    );
    return { ...this.last, choices, ...(this.usage !== undefined ? { usage: this.usage } : {}) };
  }

  changed(): boolean {
    return this.dropped;
  }
}
