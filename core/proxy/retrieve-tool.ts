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
 * Gemini's is a function declaration (JSON Schema parameters, as Gemini CLI declares its own tools).
 */
export const RETRIEVE_TOOL_JSON: Record<Provider, string> = {
  anthropic: JSON.stringify({ name: RETRIEVE_TOOL_NAME, description: DESCRIPTION, input_schema: SCHEMA }),
  'openai-chat': JSON.stringify({ type: 'function', function: { name: RETRIEVE_TOOL_NAME, description: DESCRIPTION, parameters: SCHEMA } }),
  'openai-responses': JSON.stringify({ type: 'function', name: RETRIEVE_TOOL_NAME, description: DESCRIPTION, parameters: SCHEMA, strict: false }),
  gemini: JSON.stringify({ name: RETRIEVE_TOOL_NAME, description: DESCRIPTION, parametersJsonSchema: SCHEMA }),
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Where the retrieve tool goes in a request: the array to append to (a path in the body) and the item's JSON. */
export interface ToolInsertion {
  path: Array<string | number>;
  itemJson: string;
}

/**
 * Anthropic and OpenAI: appended to `tools`. Gemini: into the first Tool's `functionDeclarations` (the client's own
 * function tool, as Gemini CLI sends all its functions in one), else as a Tool of its own appended to `tools`.
 */
export function retrieveToolInsertion(tools: readonly unknown[], provider: Provider): ToolInsertion {
  if (provider !== 'gemini') return { path: ['tools'], itemJson: RETRIEVE_TOOL_JSON[provider] };
  const k = tools.findIndex((t) => isObj(t) && Array.isArray(t.functionDeclarations));
  if (k >= 0) return { path: ['tools', k, 'functionDeclarations'], itemJson: RETRIEVE_TOOL_JSON.gemini };
  return { path: ['tools'], itemJson: `{"functionDeclarations":[${RETRIEVE_TOOL_JSON.gemini}]}` };
}

/** The tools array with the retrieve tool where `retrieveToolInsertion` puts it (the parsed twin of the splice). */
export function withRetrieveTool(tools: readonly unknown[], provider: Provider): unknown[] {
  const at = retrieveToolInsertion(tools, provider);
  const item = JSON.parse(at.itemJson) as unknown;
  if (at.path.length === 1) return [...tools, item];
  const k = at.path[1] as number;
  return tools.map((t, i) => (i === k && isObj(t) ? { ...t, functionDeclarations: [...(t.functionDeclarations as unknown[]), item] } : t));
}

/** The request already offers a tool of this name (in any provider's shape). */
export function hasRetrieveTool(tools: readonly unknown[]): boolean {
  return tools.some((t) => {
    if (!isObj(t)) return false;
    if (t.name === RETRIEVE_TOOL_NAME || (isObj(t.function) && t.function.name === RETRIEVE_TOOL_NAME)) return true;
    return Array.isArray(t.functionDeclarations) && t.functionDeclarations.some((f) => isObj(f) && f.name === RETRIEVE_TOOL_NAME);
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
