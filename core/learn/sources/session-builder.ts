import type { AgentId, Session, ToolCall } from '../types.js';
import {
  argsKey,
  commandFromArgs,
  errorSummary,
  estimateTokens,
  exitCodeFromText,
  isShellTool,
  looksFailed,
  normalizeCommand,
  readPathOf,
  relativize,
} from '../normalize.js';
import { pathFromUriOrPath } from './source.js';

export interface ResultInput {
  /** The result text as the model saw it (only scanned, never kept). */
  text?: string;
  /** Size of the result when the text itself is not at hand. */
  chars?: number;
  /** The agent's own failure flag (`is_error`, `status: "errored"`, `success: false`). */
  isError?: boolean;
  exitCode?: number;
  time?: number;
}

/**
 * Text agents inject into the user turn (environment blocks, reminders, slash-command echoes): not the user talking.
 */
const INJECTED_RE = new RegExp(
  String.raw`^\s*(?:<(?:environment_context|session_context|system-reminder|command-name|command-message` +
    String.raw`|command-args|local-command-stdout|local-command-stderr|user_instructions|environment_details` +
    String.raw`|ide_selection|ide_opened_file|task|feedback|turn_aborted|permissions instructions` +
    String.raw`|INSTRUCTIONS)\b|Caveat: |\[Request interrupted|\[\w+ for '|# AGENTS\.md instructions)`,
);
/**
 * Cline wraps what the user typed in `<user_input mode="act">…</user_input>`; Cline/Roo legacy in `<task>…</task>`.
 */
const WRAPPED_RE = /^\s*<(user_input|task|feedback)\b[^>]*>([\s\S]*?)<\/\1>/;

/** Collects one session's calls and user messages, pairing results with calls by id. */
export class SessionBuilder {
  readonly session: Session;
  private readonly byId = new Map<string, ToolCall>();

  /**
   * @param fallbackTime when the session ended if the log carries no times (the file's mtime): log times win, since
   *   copies and backups reset mtimes.
   */
  constructor(
    agent: AgentId,
    file: string,
    private readonly workspace: string,
    private readonly fallbackTime: number,
  ) {
    this.session = { agent, file, id: file, calls: [], users: [], lastTime: 0 };
  }

  touch(time: number | undefined): void {
    if (time !== undefined && Number.isFinite(time) && time > 0)
      this.session.lastTime = Math.max(this.session.lastTime, time);
  }

  /** Adds a call; returns it so a parser with results inline can fill it at once. */
  addCall(id: string | undefined, tool: string, args: Record<string, unknown>, time?: number): ToolCall {
    const raw = isShellTool(tool) ? commandFromArgs(args) : undefined;
    const command = raw ? normalizeCommand(raw, this.workspace) : undefined;
    const path = readPathOf(tool, args, command);
    const call: ToolCall = {
      tool,
      command,
      readPath: path ? relativize(path, this.workspace).replace(/^\.\//, '') : undefined,
      argsKey: command ?? argsKey(args),
      failed: false,
      outputTokens: 0,
      time,
      hasResult: false,
    };
    this.session.calls.push(call);
    if (id) this.byId.set(id, call);
    this.touch(time);
    return call;
  }

  /** Attaches a result to the call with this id (ignored when the id is unknown: a result without its call). */
  addResult(id: string | undefined, r: ResultInput): void {
    const call = id ? this.byId.get(id) : undefined;
    if (call) this.fill(call, r);
    this.touch(r.time);
  }

  fill(call: ToolCall, r: ResultInput): void {
    const text = r.text ?? '';
    const exit = r.exitCode ?? (text ? exitCodeFromText(text) : undefined);
    call.hasResult = true;
    call.exitCode = exit;
    call.failed = r.isError === true || (exit !== undefined && exit !== 0);
    // no flag and no exit code at all (Cline in VS Code): fall back to unmistakable failure signatures
    if (!call.failed && r.isError === undefined && exit === undefined && call.command && text)
      call.failed = looksFailed(text);
    call.outputTokens = estimateTokens(r.chars ?? text.length);
    if (call.failed && text) call.error = errorSummary(text, this.workspace);
  }

  /** Records a user message unless it is agent-injected context. */
  addUser(text: string, time?: number): void {
    const wrapped = WRAPPED_RE.exec(text);
    const t = (wrapped ? wrapped[2] : text).trim();
    this.touch(time);
    if (!t || INJECTED_RE.test(t)) return;
    this.session.users.push({
      text: t.length > 2000 ? t.slice(0, 2000) : t,
      time,
      afterCalls: this.session.calls.length,
    });
  }

  setId(id: string): void {
    if (id) this.session.id = id;
  }

  setCwd(cwd: string): void {
    if (cwd && !this.session.cwd) this.session.cwd = pathFromUriOrPath(cwd);
  }

  finish(): Session {
    if (this.session.lastTime === 0) this.session.lastTime = this.fallbackTime;
    return this.session;
  }
}
