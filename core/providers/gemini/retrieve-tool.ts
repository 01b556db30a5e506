import type { ToolInsertion } from '../types.js';
import { isObj } from '../shared/obj.js';
import { RETRIEVE_TOOL_DESCRIPTION, RETRIEVE_TOOL_NAME, RETRIEVE_TOOL_SCHEMA } from '../shared/retrieve-tool.js';

/** Gemini's declaration: a function declaration with JSON Schema parameters, as Gemini CLI declares its own tools. */
export const GEMINI_RETRIEVE_TOOL = JSON.stringify({
  name: RETRIEVE_TOOL_NAME,
  description: RETRIEVE_TOOL_DESCRIPTION,
  parametersJsonSchema: RETRIEVE_TOOL_SCHEMA,
});

/**
 * Into the first Tool's `functionDeclarations` (the client's own function tool, as Gemini CLI sends all its functions
 * in one), else as a Tool of its own appended to `tools`.
 */
export function geminiToolInsertion(tools: readonly unknown[]): ToolInsertion {
  const k = tools.findIndex((t) => isObj(t) && Array.isArray(t.functionDeclarations));
  if (k >= 0) return { path: ['tools', k, 'functionDeclarations'], itemJson: GEMINI_RETRIEVE_TOOL };
  return { path: ['tools'], itemJson: `{"functionDeclarations":[${GEMINI_RETRIEVE_TOOL}]}` };
}
