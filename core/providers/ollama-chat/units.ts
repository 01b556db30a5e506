import type { Unit } from '../types.js';
import { isObj, type Obj } from '../shared/obj.js';
import { fileNameFromArgs, type CallInfo } from '../shared/tool-results.js';

/**
 * Ollama chat: the content of each `tool` message (a string: ollama api/types.go `Message.Content`), named by
 * `tool_name` when the client sends it (ollama-js src/interfaces.ts `Message.tool_name`), else by the assistant call
 * it answers: by `tool_call_id`, or by position (Continue and older clients send neither; Ollama's templates pair tool
 * messages with the preceding calls in order). Roles are matched case-insensitively, as Ollama lowercases them.
 */
export function ollamaUnits(body: Obj): Unit[] {
  const out: Unit[] = [];
  const messages = body.messages;
  if (!Array.isArray(messages)) return out;
  const byId = new Map<string, CallInfo>();
  let inOrder: CallInfo[] = [];
  messages.forEach((m, i) => {
    if (!isObj(m)) return;
    const role = typeof m.role === 'string' ? m.role.toLowerCase() : '';
    if (role === 'assistant') inOrder = Array.isArray(m.tool_calls) ? callsOf(m.tool_calls, byId) : [];
    if (role !== 'tool' || typeof m.content !== 'string') return;
    const next = inOrder.shift();
    const call = (typeof m.tool_call_id === 'string' && byId.get(m.tool_call_id)) || next || {};
    const toolName = typeof m.tool_name === 'string' ? m.tool_name : call.name;
    out.push({ path: ['messages', i, 'content'], text: m.content, toolName, fileName: call.fileName });
  });
  return out;
}

/** An assistant turn's calls, in order (also indexed by id when they have one). */
function callsOf(list: unknown[], byId: Map<string, CallInfo>): CallInfo[] {
  const calls: CallInfo[] = [];
  for (const c of list) {
    const fn = isObj(c) && isObj(c.function) ? c.function : undefined;
    const info: CallInfo = {
      name: typeof fn?.name === 'string' ? fn.name : undefined,
      fileName: fileNameFromArgs(fn?.arguments),
    };
    calls.push(info);
    if (isObj(c) && typeof c.id === 'string') byId.set(c.id, info);
  }
  return calls;
}
