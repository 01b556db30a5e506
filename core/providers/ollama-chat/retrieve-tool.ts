import { RETRIEVE_TOOL_DESCRIPTION, RETRIEVE_TOOL_NAME, RETRIEVE_TOOL_SCHEMA } from '../shared/retrieve-tool.js';

/**
 * Ollama's tool definition: `{type:"function", function:{name, description, parameters}}` (ollama api/types.go
 * `Tool`/`ToolFunction`). The same shape as Chat Completions', declared here so Ollama's bytes are its own.
 */
export const OLLAMA_RETRIEVE_TOOL = JSON.stringify({
  type: 'function',
  function: { name: RETRIEVE_TOOL_NAME, description: RETRIEVE_TOOL_DESCRIPTION, parameters: RETRIEVE_TOOL_SCHEMA },
});
