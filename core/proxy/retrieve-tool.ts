import type { Provider } from '../messages/types.js';
import { providerAdapter } from '../providers/index.js';
import type { ToolInsertion } from '../providers/types.js';
import { isObj } from '../providers/shared/obj.js';

// the tool's name, text and schema are shared by every provider; each adapter declares it in its own shape
export { RETRIEVE_TOOL_NAME, hasRetrieveTool, retrieveIdFrom } from '../providers/shared/retrieve-tool.js';
export type { ToolInsertion } from '../providers/types.js';
export { RETRIEVE_TOOL_JSON } from '../providers/index.js';

/** Where the retrieve tool goes in a request's tools: the array to append to and the item (the adapter decides). */
export function retrieveToolInsertion(tools: readonly unknown[], provider: Provider): ToolInsertion {
  return providerAdapter(provider).retrieveToolInsertion(tools);
}

/** The tools array with the retrieve tool where `retrieveToolInsertion` puts it (the parsed twin of the splice). */
export function withRetrieveTool(tools: readonly unknown[], provider: Provider): unknown[] {
  const at = retrieveToolInsertion(tools, provider);
  const item = JSON.parse(at.itemJson) as unknown;
  if (at.path.length === 1) return [...tools, item];
  const k = at.path[1] as number;
  const key = at.path[2] as string;
  return tools.map((t, i) =>
    i === k && isObj(t) && Array.isArray(t[key]) ? { ...t, [key]: [...(t[key] as unknown[]), item] } : t,
  );
}
