import type { Span } from '../wire/json-splice.js';

/** Bytes of raw spans remembered (the units an agent session resends every turn). */
const MAX_BYTES = 16 * 1024 * 1024;

/**
 * Raw JSON string spans already checked to decode to a unit's text, by the text's content id. An agent resends its
 * earlier tool results byte for byte every turn: a span equal to the one checked before (a byte comparison) holds the
 * same text, so the proxy does not decode 100 KB again to know it splices the right value. Anything else is decoded
 * and compared as before. Bounded by bytes, least recently used first out.
 */
export class VerifiedSpans {
  private readonly spans = new Map<string, Buffer>();
  private bytes = 0;

  constructor(private readonly maxBytes = MAX_BYTES) {}

  /** True when `body[span]` is the JSON string literal of `text` (whose content id is `textId`, when known). */
  holds(body: Buffer, span: Span, text: string, textId: string | undefined): boolean {
    const raw = body.subarray(span.start, span.end);
    const known = textId === undefined ? undefined : this.spans.get(textId);
    if (known?.equals(raw)) {
      this.spans.delete(textId!); // most recently used last
      this.spans.set(textId!, known);
      return true;
    }
    let decoded: unknown;
    try {
      decoded = JSON.parse(raw.toString('utf8'));
    } catch {
      return false;
    }
    if (decoded !== text) return false;
    if (textId !== undefined) this.remember(textId, Buffer.from(raw));
    return true;
  }

  /** The raw span last checked to hold the text `textId` names, if remembered (a hint for locating it). */
  known(textId: string): Buffer | undefined {
    return this.spans.get(textId);
  }

  private remember(textId: string, raw: Buffer): void {
    if (raw.length > this.maxBytes) return;
    const old = this.spans.get(textId);
    if (old) {
      this.spans.delete(textId);
      this.bytes -= old.length;
    }
    this.spans.set(textId, raw);
    this.bytes += raw.length;
    for (const [id, b] of this.spans) {
      if (this.bytes <= this.maxBytes) break;
      this.spans.delete(id);
      this.bytes -= b.length;
    }
  }
}

/** The proxy process's spans (a cache of facts about bytes: shared by every proxy in the process). */
export const verifiedSpans = new VerifiedSpans();
