import type { Unit } from '../types.js';
import { isObj, type Obj } from '../shared/obj.js';
import { fileNameFromArgs, textParts, type CallInfo } from '../shared/tool-results.js';

/** Anthropic Messages: the text of each `tool_result` block, named by the `tool_use` it answers. */
export function anthropicUnits(body: Obj): Unit[] {
  const out: Unit[] = [];
  const messages = body.messages;
  if (!Array.isArray(messages)) return out;
  const calls = new Map<string, CallInfo>();
  messages.forEach((m, i) => {
    if (!isObj(m) || !Array.isArray(m.content)) return;
    m.content.forEach((b, j) => {
      if (!isObj(b)) return;
      if ((b.type === 'tool_use' || b.type === 'server_tool_use') && typeof b.id === 'string')
        calls.set(b.id, { name: typeof b.name === 'string' ? b.name : undefined, fileName: fileNameFromArgs(b.input) });
      else if (b.type === 'tool_result') {
        const call = (typeof b.tool_use_id === 'string' && calls.get(b.tool_use_id)) || {};
        textParts(b.content, ['messages', i, 'content', j, 'content'], call, out);
      }
    });
  });
  return out;
}
