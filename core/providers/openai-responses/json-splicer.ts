import { RETRIEVE_TOOL_NAME, retrieveIdFrom } from '../shared/retrieve-tool.js';
import { responsesContinuation } from './continuation.js';
import { sumUsage } from '../shared/usage.js';
import type { JsonSplicer, RetrieveAnswer, RetrieveCall } from '../types.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isRetrieve = (i: Obj) => i.type === 'function_call' && i.name === RETRIEVE_TOOL_NAME;

/** A non-streamed Responses result across retrieval rounds: every round's output items minus retrieve calls. */
export class ResponsesJsonSplicer implements JsonSplicer {
  private readonly output: Obj[] = [];
  private roundItems: Obj[] = [];
  private last: Obj = {};
  private usage: unknown;
  private pending = false;
  private dropped = false;

  constructor(
    private bodyText: string,
    private readonly parsed: Obj,
  ) {}

  step(response: Obj): RetrieveCall[] | undefined {
    this.last = response;
    this.usage = sumUsage(this.usage, response.usage);
    this.roundItems = (Array.isArray(response.output) ? response.output : []).filter(isObj);
    const retrieves = this.roundItems.filter(isRetrieve);
    const realCalls = this.roundItems.filter((i) => /_call$/.test(String(i.type ?? '')) && !isRetrieve(i));
    this.output.push(...this.roundItems.filter((i) => !isRetrieve(i)));
    if (retrieves.length) this.dropped = true;
    this.pending = retrieves.length > 0 && realCalls.length === 0;
    return this.pending
      ? retrieves.map((i) => ({ callId: String(i.call_id ?? ''), id: retrieveIdFrom(i.arguments) }))
      : undefined;
  }

  continuation(answers: readonly RetrieveAnswer[]): string {
    const id = typeof this.last.id === 'string' ? this.last.id : undefined;
    this.bodyText = responsesContinuation(this.bodyText, this.parsed, this.roundItems, answers, id);
    return this.bodyText;
  }

  result(note?: string): Obj {
    const text = { type: 'output_text', text: note, annotations: [] };
    const output = note
      ? [
          ...this.output,
          { id: 'msg_headroom_note', type: 'message', role: 'assistant', status: 'completed', content: [text] },
        ]
      : this.output;
    return { ...this.last, output, ...(this.usage !== undefined ? { usage: this.usage } : {}) };
  }

  changed(): boolean {
    return this.dropped;
  }
}
