import { RETRIEVE_TOOL_DESCRIPTION, RETRIEVE_TOOL_NAME, RETRIEVE_TOOL_SCHEMA } from '../shared/retrieve-tool.js';

/** Responses' tool definition: a flat `{type:"function", name, description, parameters, strict}`. */
export const RESPONSES_RETRIEVE_TOOL = JSON.stringify({
  type: 'function',
  name: RETRIEVE_TOOL_NAME,
  description: RETRIEVE_TOOL_DESCRIPTION,
  parameters: RETRIEVE_TOOL_SCHEMA,
  strict: false,
});
