import type { JsonPath, Unit } from '../types.js';
import { fileFromCommand } from './shell-file.js';
import { isObj } from './obj.js';

/** What the request says about the call a tool result answers. */
export interface CallInfo {
  name?: string;
  fileName?: string;
}

/** The file a tool call read, from its arguments (an object or its JSON text). */
export function fileNameFromArgs(args: unknown): string | undefined {
  let a = args;
  if (typeof a === 'string') {
    try {
      a = JSON.parse(a);
    } catch {
      return undefined;
    }
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
export function textParts(content: unknown, path: JsonPath, call: CallInfo, out: Unit[]): void {
  if (typeof content === 'string') out.push({ path, text: content, toolName: call.name, fileName: call.fileName });
  else if (Array.isArray(content))
    content.forEach((part, k) => {
      if (
        isObj(part) &&
        (part.type === 'text' || part.type === 'input_text' || part.type === 'output_text') &&
        typeof part.text === 'string'
      )
        out.push({ path: [...path, k, 'text'], text: part.text, toolName: call.name, fileName: call.fileName });
    });
}
