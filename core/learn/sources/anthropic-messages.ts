import type { ToolCall } from '../types.js';
import type { SessionBuilder } from './session-builder.js';
import { isObj, str, textOf, toTime } from './source.js';

/**
 * Reads Anthropic-style message arrays (`{role, content: string | blocks[]}`) as Cline (CLI and VS Code) and Roo Code
 * store them. Native tool calling gives `tool_use` / `tool_result` blocks; Cline's CLI batches commands in one
 * `run_commands` call whose result is an array of `{query, result, success}`. Before native tool calling, Cline and
 * Roo wrote calls as XML in the assistant text (`<execute_command><command>…</command>`) and results as a user text
 * block `[execute_command for '…'] Result:` — read too (`legacyXml`).
 */
export class AnthropicMessageReader {
  private pendingXml: ToolCall | undefined;

  constructor(
    private readonly b: SessionBuilder,
    private readonly legacyXml: boolean,
  ) {}

  read(msg: unknown): void {
    if (!isObj(msg)) return;
    const time = toTime(msg.ts) ?? toTime(msg.timestamp);
    const blocks =
      typeof msg.content === 'string'
        ? [{ type: 'text', text: msg.content }]
        : Array.isArray(msg.content)
          ? msg.content
          : [];
    for (const block of blocks) {
      if (!isObj(block)) continue;
      if (msg.role === 'assistant') this.assistantBlock(block, time);
      else if (msg.role === 'user') this.userBlock(block, time);
    }
    this.flushLegacy(time);
    this.b.touch(time);
  }

  /** Text blocks after a legacy `[tool for '…'] Result:` header, up to the end of the message. */
  private legacyResult: string[] | undefined;

  private flushLegacy(time: number | undefined): void {
    if (!this.legacyResult || !this.pendingXml) return void (this.legacyResult = undefined);
    const body = this.legacyResult.join('\n');
    this.b.fill(this.pendingXml, {
      text: body,
      isError: /^\s*(?:The tool execution failed|<error>|Error)/.test(body) ? true : undefined,
      time,
    });
    this.pendingXml = undefined;
    this.legacyResult = undefined;
  }

  private assistantBlock(block: Record<string, unknown>, time: number | undefined): void {
    if (block.type === 'tool_use' && typeof block.name === 'string') {
      const input = isObj(block.input) ? block.input : {};
      const id = str(block.id);
      const batch = Array.isArray(input.commands) ? input.commands : undefined;
      if (batch && batch.length) {
        // one call per command, so each gets its own outcome
        batch.forEach((c, k) => {
          const command = typeof c === 'string' ? c : isObj(c) ? str(c.command) : undefined;
          if (command) this.b.addCall(id ? `${id}#${k}` : undefined, block.name as string, { command }, time);
        });
      } else this.b.addCall(id, block.name, input, time);
    } else if (block.type === 'text' && this.legacyXml && typeof block.text === 'string') {
      const call = xmlToolCall(block.text);
      if (call) this.pendingXml = this.b.addCall(undefined, call.tool, call.args, time);
    }
  }

  private userBlock(block: Record<string, unknown>, time: number | undefined): void {
    if (block.type === 'tool_result') {
      const id = str(block.tool_use_id);
      const c = block.content;
      if (Array.isArray(c) && c.some((x) => isObj(x) && 'query' in x)) {
        const texts = c.map((x) => (isObj(x) ? [str(x.result), str(x.error)].filter(Boolean).join('\n') : ''));
        c.forEach((x, k) => {
          if (isObj(x))
            this.b.addResult(id ? `${id}#${k}` : undefined, { text: texts[k], isError: x.success === false, time });
        });
        // a single (non-batched) call answered in the batch shape, e.g. read_files
        this.b.addResult(id, { text: texts.join('\n'), isError: c.some((x) => isObj(x) && x.success === false), time });
      } else
        this.b.addResult(id, {
          text: textOf(c),
          isError: typeof block.is_error === 'boolean' ? block.is_error : undefined,
          time,
        });
      return;
    }
    if (block.type !== 'text' || typeof block.text !== 'string') return;
    const text = block.text;
    const header = this.legacyXml ? /^\[([\w-]+)(?: for '[\s\S]*?')?\] Result:/.exec(text.slice(0, 2000)) : null;
    if (header) {
      this.flushLegacy(time);
      this.legacyResult = [text.slice(header[0].length)];
      return;
    }
    // Cline puts the result's content in the text blocks that follow its header
    if (this.legacyResult) return void this.legacyResult.push(text);
    this.b.addUser(text, time);
  }
}

const XML_TOOLS = new RegExp(
  String.raw`<(execute_command|read_file|write_to_file|replace_in_file|apply_diff|search_files|list_files` +
    String.raw`|list_code_definition_names|insert_content|search_and_replace|codebase_search|browser_action` +
    String.raw`|use_mcp_tool|access_mcp_resource)>([\s\S]*?)<\/\1>`,
);
const XML_PARAM = /<(\w+)>([\s\S]*?)<\/\1>/g;

/** The first XML tool call in an assistant message (Cline/Roo before native tool calling). */
function xmlToolCall(text: string): { tool: string; args: Record<string, unknown> } | undefined {
  const m = XML_TOOLS.exec(text.length > 200_000 ? text.slice(0, 200_000) : text);
  if (!m) return undefined;
  const args: Record<string, unknown> = {};
  for (const p of m[2].matchAll(XML_PARAM)) args[p[1]] = p[2].trim();
  return { tool: m[1], args };
}

/** Cline/Roo put the task's folder in the first message's environment details. */
export function cwdFromEnvironmentDetails(text: string): string | undefined {
  const m = /# Current (?:Working|Workspace) Directory \(([^)\n]+)\)/.exec(text.slice(0, 100_000));
  return m ? m[1].trim() : undefined;
}
