import type { JsonPath, Provider, Unit } from './types.js';
import { fileFromCommand } from './shell-file.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Finds the tool-result texts of a request body. Narrow: reads only the fields it needs, never throws on odd shapes. */
export function findUnits(body: unknown, provider: Provider): Unit[] {
  if (!isObj(body)) return [];
  switch (provider) {
    case 'anthropic':
      return anthropicUnits(body);
    case 'openai-chat':
      return chatUnits(body);
    case 'openai-responses':
      return responsesUnits(body);
    case 'gemini':
      return geminiUnits(body);
  }
}

interface CallInfo { name?: string; fileName?: string }

function fileNameFromArgs(args: unknown): string | undefined {
  let a = args;
  if (typeof a === 'string') {
    try { a = JSON.parse(a); } catch { return undefined; }
  }
  if (!isObj(a)) return undefined;
  for (const k of ['file_path', 'filePath', 'path', 'filename', 'file', 'target_file', 'absolute_path']) {
    const v = a[k];
    if (typeof v === 'string' && v.length < 500) return v;
  }
  // shell reads: Claude Code's Bash {command}, Codex's shell {command: [bash, -lc, …]} / exec_command {cmd}
  return fileFromCommand(a.command) ?? fileFromCommand(a.cmd);
}

/** Text parts of a tool result's content: a string, or an array of `{type:"text", text}` blocks. */
function textParts(content: unknown, path: JsonPath, call: CallInfo, out: Unit[]): void {
  if (typeof content === 'string') out.push({ path, text: content, toolName: call.name, fileName: call.fileName });
  else if (Array.isArray(content))
    content.forEach((part, k) => {
      if (isObj(part) && (part.type === 'text' || part.type === 'input_text' || part.type === 'output_text') && typeof part.text === 'string')
        out.push({ path: [...path, k, 'text'], text: part.text, toolName: call.name, fileName: call.fileName });
    });
}

function anthropicUnits(body: Obj): Unit[] {
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

function chatUnits(body: Obj): Unit[] {
  const out: Unit[] = [];
  const messages = body.messages;
  if (!Array.isArray(messages)) return out;
  const calls = new Map<string, CallInfo>();
  messages.forEach((m, i) => {
    if (!isObj(m)) return;
    if (m.role === 'assistant' && Array.isArray(m.tool_calls))
      for (const c of m.tool_calls)
        if (isObj(c) && typeof c.id === 'string' && isObj(c.function))
          calls.set(c.id, { name: typeof c.function.name === 'string' ? c.function.name : undefined, fileName: fileNameFromArgs(c.function.arguments) });
    if (m.role === 'tool' || m.role === 'function') {
      const call = (typeof m.tool_call_id === 'string' && calls.get(m.tool_call_id)) || { name: typeof m.name === 'string' ? m.name : undefined };
      textParts(m.content, ['messages', i, 'content'], call, out);
    }
  });
  return out;
}

function responsesUnits(body: Obj): Unit[] {
  const out: Unit[] = [];
  const input = body.input;
  if (!Array.isArray(input)) return out;
  const calls = new Map<string, CallInfo>();
  input.forEach((item, i) => {
    if (!isObj(item)) return;
    if ((item.type === 'function_call' || item.type === 'custom_tool_call') && typeof item.call_id === 'string')
      calls.set(item.call_id, { name: typeof item.name === 'string' ? item.name : undefined, fileName: fileNameFromArgs(item.arguments ?? item.input) });
    else if (item.type === 'function_call_output' || item.type === 'custom_tool_call_output') {
      const call = (typeof item.call_id === 'string' && calls.get(item.call_id)) || {};
      textParts(item.output, ['input', i, 'output'], call, out);
    }
  });
  return out;
}

/** Gemini `functionResponse.response` is an object: its long string fields (e.g. `output`, `content`) are the units. */
function geminiUnits(body: Obj): Unit[] {
  const out: Unit[] = [];
  const contents = body.contents;
  if (!Array.isArray(contents)) return out;
  contents.forEach((c, i) => {
    if (!isObj(c) || !Array.isArray(c.parts)) return;
    c.parts.forEach((p, j) => {
      if (!isObj(p) || !isObj(p.functionResponse)) return;
      const fr = p.functionResponse;
      const call: CallInfo = { name: typeof fr.name === 'string' ? fr.name : undefined };
      if (!isObj(fr.response)) return;
      for (const [k, v] of Object.entries(fr.response))
        if (typeof v === 'string') out.push({ path: ['contents', i, 'parts', j, 'functionResponse', 'response', k], text: v, toolName: call.name });
    });
  });
  return out;
}
