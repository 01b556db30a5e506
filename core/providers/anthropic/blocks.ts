type Obj = Record<string, unknown>;

/**
 * Rebuilds an Anthropic content block from its stream events, so a retrieval round can send the assistant turn back
 * exactly (thinking blocks must come back with their signatures, tool_use blocks with their parsed input).
 */
export class BlockBuilder {
  private json = '';
  readonly block: Obj;

  constructor(start: Obj) {
    this.block = { ...start };
  }

  delta(d: Obj): void {
    const b = this.block;
    switch (d.type) {
      case 'text_delta':
        b.text = String(b.text ?? '') + String(d.text ?? '');
        break;
      case 'input_json_delta':
        this.json += String(d.partial_json ?? '');
        break;
      case 'thinking_delta':
        b.thinking = String(b.thinking ?? '') + String(d.thinking ?? '');
        break;
      case 'signature_delta':
        b.signature = d.signature;
        break;
      case 'citations_delta':
        b.citations = [...(Array.isArray(b.citations) ? b.citations : []), d.citation];
        break;
    }
  }

  /** The finished block (tool inputs parsed from their streamed JSON). */
  done(): Obj {
    if (this.json) {
      try {
        this.block.input = JSON.parse(this.json);
      } catch {
        this.block.input = {};
      }
    }
    return this.block;
  }

  /** The raw streamed JSON of a tool call's input. */
  get inputJson(): string {
    return this.json;
  }
}

/** Blocks the API refuses as input (empty text) are left out of the assistant turn that is sent back. */
export function sendableBlocks(blocks: readonly Obj[]): Obj[] {
  return blocks.filter((b) => !(b.type === 'text' && !b.text));
}
