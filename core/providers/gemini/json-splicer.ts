import { sumUsage } from '../shared/usage.js';
import { firstCandidate, geminiContinuation, isFunctionCall, retrieveCallOf, withParts } from './parts.js';
import type { JsonSplicer, RetrieveAnswer, RetrieveCall } from '../types.js';

type Obj = Record<string, unknown>;

/**
 * A non-streamed Gemini `generateContent` across retrieval rounds: every round's parts but the retrieve calls, usage
 * summed.
 */
export class GeminiJsonSplicer implements JsonSplicer {
  private kept: unknown[] = [];
  private roundParts: unknown[] = [];
  private last: Obj = {};
  private usage: unknown;
  private pending = false;
  private dropped = false;

  constructor(private bodyText: string) {}

  step(response: Obj): RetrieveCall[] | undefined {
    this.last = response;
    this.usage = sumUsage(this.usage, response.usageMetadata);
    const { parts } = firstCandidate(response);
    this.roundParts = parts;
    const retrieves: RetrieveCall[] = [];
    let real = 0;
    for (const p of parts) {
      const call = retrieveCallOf(p);
      if (call) retrieves.push(call);
      else {
        if (isFunctionCall(p)) real++;
        this.kept.push(p);
      }
    }
    if (retrieves.length) this.dropped = true;
    this.pending = retrieves.length > 0 && real === 0;
    return this.pending ? retrieves : undefined;
  }

  continuation(answers: readonly RetrieveAnswer[]): string {
    this.bodyText = geminiContinuation(this.bodyText, this.roundParts, answers);
    return this.bodyText;
  }

  result(note?: string): Obj {
    const { candidates, candidate } = firstCandidate(this.last);
    const parts = note ? [...this.kept, { text: note }] : this.kept;
    const merged = candidate ? withParts(candidate, parts, this.pending ? { finishReason: 'STOP' } : {}) : undefined;
    const out: Obj = { ...this.last, candidates: candidates.map((c) => (c === candidate ? merged : c)) };
    if (this.usage !== undefined) out.usageMetadata = this.usage;
    return out;
  }

  changed(): boolean {
    return this.dropped;
  }
}
