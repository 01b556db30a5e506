type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export const RETRIEVE_TOOL_NAME = 'headroom_retrieve';

/** What every provider's declaration of the tool says (each adapter wraps it in its own shape). */
export const RETRIEVE_TOOL_DESCRIPTION =
  'Get back content that Headroom left out of a tool result. Markers like `[… 87 lines omitted … · retrieve ' +
  'hr_0123456789abcdef]` name an id; call this tool with that id to receive the exact original text. Use it only ' +
  'when the omitted part matters for the task.';

export const RETRIEVE_TOOL_SCHEMA = {
  type: 'object',
  properties: { id: { type: 'string', description: 'The id from the marker, e.g. hr_0123456789abcdef' } },
  required: ['id'],
  additionalProperties: false,
};

/** The request already offers a tool of this name (in any provider's shape). */
export function hasRetrieveTool(tools: readonly unknown[]): boolean {
  return tools.some((t) => {
    if (!isObj(t)) return false;
    if (t.name === RETRIEVE_TOOL_NAME || (isObj(t.function) && t.function.name === RETRIEVE_TOOL_NAME)) return true;
    return (
      Array.isArray(t.functionDeclarations) &&
      t.functionDeclarations.some((f) => isObj(f) && f.name === RETRIEVE_TOOL_NAME)
    );
  });
}

/** The id a retrieve call asks for, from its (possibly still partial JSON) arguments; undefined when unreadable. */
export function retrieveIdFrom(args: unknown): string | undefined {
  let a = args;
  if (typeof a === 'string') {
    try {
      a = JSON.parse(a || '{}');
    } catch {
      return undefined;
    }
  }
  if (typeof a !== 'object' || a === null) return undefined;
  const id = (a as Record<string, unknown>).id;
  return typeof id === 'string' ? id.trim() : undefined;
}

/** Tools that go at the end of `tools` (Anthropic, OpenAI): the insertion is the same for every request. */
export const appendedToTools = (itemJson: string) => ({ path: ['tools'], itemJson });
