import { RETRIEVE_TOOL_DESCRIPTION, RETRIEVE_TOOL_NAME, RETRIEVE_TOOL_SCHEMA } from '../shared/retrieve-tool.js';

/** Anthropic's tool definition: `{name, description, input_schema}`, appended to `tools`. */
export const ANTHROPIC_RETRIEVE_TOOL = JSON.stringify({
  name: RETRIEVE_TOOL_NAME,
  description: RETRIEVE_TOOL_DESCRIPTION,
  input_schema: RETRIEVE_TOOL_SCHEMA,
});
