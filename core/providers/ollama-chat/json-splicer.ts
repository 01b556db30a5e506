import { appendItems } from '../shared/append-items.js';
import { isObj, type Obj } from '../shared/obj.js';
import { sumUsage } from '../shared/usage.js';
import { answerMessages, isRetrieveCall, metricsOf, retrieveCallOf, withSummedMetrics } from './calls.js';
import type { JsonSplicer, RetrieveAnswer, RetrieveCall } from '../types.js';

/**
 * A non-streamed Ollama chat answer (`stream: false`: one `{model, created_at, message, done:true, …metrics}` object)
 * across retrieval rounds: the text of every round joined, retrieve calls removed, metrics added up.
 */
export class OllamaJsonSplicer implements JsonSplicer {
  private text = '';
  private hasText = false;
  private roundMessage: Obj = {};
  private last: Obj = {};
  private earlier: Obj | undefined;
  private dropped = false;

  constructor(private bodyText: string) {}

  step(response: Obj): RetrieveCall[] | undefined {
    if (Object.keys(this.last).length) this.earlier = sumUsage(this.earlier, metricsOf(this.last)) as Obj;
    this.last = response;
    this.roundMessage = isObj(response.message) ? response.message : {};
    if (typeof this.roundMessage.content === 'string')
      [this.text, this.hasText] = [this.text + this.roundMessage.content, true];
    const calls = Array.isArray(this.roundMessage.tool_calls) ? this.roundMessage.tool_calls : [];
    const retrieves = calls.filter(isRetrieveCall) as Obj[];
    if (retrieves.length) this.dropped = true;
    return retrieves.length > 0 && retrieves.length === calls.length ? retrieves.map(retrieveCallOf) : undefined;
  }

  continuation(answers: readonly RetrieveAnswer[]): string {
    const assistant = { ...this.roundMessage, role: 'assistant' };
    this.bodyText = appendItems(this.bodyText, 'messages', [assistant, ...answerMessages(answers)]);
    return this.bodyText;
  }

  result(note?: string): Obj {
    const message: Obj = { ...this.roundMessage };
    if (this.hasText) message.content = this.text;
    if (note) message.content = this.text ? `${this.text}\n\n${note}` : note;
    const real = (Array.isArray(message.tool_calls) ? message.tool_calls : []).filter((c) => !isRetrieveCall(c));
    if (real.length) message.tool_calls = real;
    else delete message.tool_calls;
    return withSummedMetrics({ ...this.last, message }, this.earlier);
  }

  changed(): boolean {
    return this.dropped;
  }
}
