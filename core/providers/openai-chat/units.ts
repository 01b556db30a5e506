import type { Unit } from '../types.js';
import { isObj, type Obj } from '../shared/obj.js';
import { fileNameFromArgs, textParts, type CallInfo } from '../shared/tool-results.js';

/** Chat Completions: the content of each `tool` (or legacy `function`) message, named by the call it answers. */
export function chatUnits(body: Obj): Unit[] {
  const out: Unit[] = [];
  const messages = body.messages;
  if (!Array.isArray(messages)) return out;
  const calls = new Map<string, CallInfo>();
  messages.forEach((m, i) => {
    if (!isObj(m)) return;
    if (m.role === 'assistant' && Array.isArray(m.tool_calls))
      for (const c of m.tool_calls)
        if (isObj(c) && typeof c.id === 'string' && isObj(c.function))
          calls.set(c.id, {
            name: typeof c.function.name === 'string' ? c.function.name : undefined,
            fileName: fileNameFromArgs(c.function.arguments),
          });
    if (m.role === 'tool' || m.role === 'function') {
      const call = (typeof m.tool_call_id === 'string' && calls.get(m.tool_call_id)) || {
        name: typeof m.name === 'string' ? m.name : undefined,
      };
      textParts(m.content, ['messages', i, 'content'], call, out);
    }
  });
  return out;
}
