import type { Unit } from '../types.js';
import { isObj, type Obj } from '../shared/obj.js';
import { fileNameFromArgs, textParts, type CallInfo } from '../shared/tool-results.js';

/** Responses: the output of each `function_call_output` / `custom_tool_call_output` item in `input`. */
export function responsesUnits(body: Obj): Unit[] {
  const out: Unit[] = [];
  const input = body.input;
  if (!Array.isArray(input)) return out;
  const calls = new Map<string, CallInfo>();
  input.forEach((item, i) => {
    if (!isObj(item)) return;
    if ((item.type === 'function_call' || item.type === 'custom_tool_call') && typeof item.call_id === 'string')
      calls.set(item.call_id, {
        name: typeof item.name === 'string' ? item.name : undefined,
        fileName: fileNameFromArgs(item.arguments ?? item.input),
      });
    else if (item.type === 'function_call_output' || item.type === 'custom_tool_call_output') {
      const call = (typeof item.call_id === 'string' && calls.get(item.call_id)) || {};
      textParts(item.output, ['input', i, 'output'], call, out);
    }
  });
  return out;
}
