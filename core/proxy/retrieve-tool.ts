import type { Provider } from '../messages/types.js';

export const RETRIEVE_TOOL_NAME = 'headroom_retrieve';

const DESCRIPTION =
  'Get back content that Headroom left out of a tool result. Markers like `[… 87 lines omitted … · retrieve ' +
  'hr_0123456789abcdef]` name an id; call this tool with that id to receive the exact original text. Use it only ' +
  'when the omitted part matters for the task.';

const SCHEMA = {
  type: 'object',
  properties: { id: { type: 'string', description: 'The id from the marker, e.g. hr_0123456789abcdef' } },
  required: ['id'],
  additionalProperties: false,
};

/**
 * The tool definition in each provider's shape, serialized once: the bytes never change, so a session's tools
 * array stays byte-identical from the request that added it on (the provider's cached prefix starts with tools).
 * Gemini gets none: its streams are not intercepted, markers there are redeemed through MCP or re-reads.
 */
export const RETRIEVE_TOOL_JSON: Partial<Record<Provider, string>> = {
  anthropic: JSON.stringify({ name: RETRIEVE_TOOL_NAME, description: DESCRIPTION, input_schema: SCHEMA }),
  'openai-chat': JSON.stringify({ type: 'function', function: { name: RETRIEVE_TOOL_NAME, description: DESCRIPTION, parameters: SCHEMA } }),
  'openai-responses': JSON.stringify({ type: 'function', name: RETRIEVE_TOOL_NAME, description: DESCRIPTION, parameters: SCHEMA, strict: false }),
};

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
