import { RETRIEVE_TOOL_DESCRIPTION, RETRIEVE_TOOL_NAME, RETRIEVE_TOOL_SCHEMA } from '../shared/retrieve-tool.js';

/** Chat Completions' tool definition: `{type:"function", function:{name, description, parameters}}`. */
export const CHAT_RETRIEVE_TOOL = JSON.stringify({
  type: 'function',
  function: { name: RETRIEVE_TOOL_NAME, description: RETRIEVE_TOOL_DESCRIPTION, parameters: RETRIEVE_TOOL_SCHEMA },
});
