import { join } from 'node:path';
import { streamJsonItems } from '../io/json-items.js';
import { readLines } from '../io/lines.js';
import { SessionBuilder } from './session-builder.js';
import {
  argsFrom,
  filesIn,
  inWorkspace,
  isObj,
  listDir,
  readSmallJson,
  str,
  textOf,
  toTime,
  type SessionFile,
  type Source,
} from './source.js';
import { replayMutationLog } from './mutation-log.js';

/**
 * GitHub Copilot Chat (VS Code's own chat store): `<User>/workspaceStorage/<id>/chatSessions/<session>.json` — one
 * ISerializableChatData document `{sessionId, requests: [{message: {text}, response: [parts], timestamp}]}` — or,
 * since 2025, `<session>.jsonl`, an ObjectMutationLog (`{kind: 0, v: state}` then `{kind: 1 set | 2 push | 3 delete, k:
 * path, v}` lines). `<id>/workspace.json` (`{"folder": "file:///…"}`) names the workspace. Terminal tool calls are
 * `toolInvocationSerialized` parts with `toolSpecificData: {kind: "terminal", commandLine: {original},
 * terminalCommandState: {exitCode}, terminalCommandOutput: {text}}`; others carry `resultDetails.isError`. Confirmed
 * from microsoft/vscode source (chatSessionStore.ts, objectMutationLog.ts, chatService.ts), not from a run here.
 */
export const copilotSource: Source = {
  agent: 'copilot',
  async discover(ctx) {
    const files: SessionFile[] = [];
    const searched: string[] = [];
    for (const user of ctx.vscodeUserDirs) {
      const storage = join(user, 'workspaceStorage');
      searched.push(storage);
      for (const id of await listDir(storage)) {
        const ws = await readSmallJson(join(storage, id, 'workspace.json'));
        const folder = isObj(ws) ? str(ws.folder) : undefined;
        if (!folder || !inWorkspace(folder, ctx.workspace)) continue;
        files.push(...(await filesIn('copilot', join(storage, id, 'chatSessions'), (n) => /\.jsonl?$/.test(n))));
      }
    }
    return { files, searched };
  },
  async parse(file, ctx) {
    const b = new SessionBuilder('copilot', file.path, ctx.workspace, file.mtimeMs);
    b.setCwd(ctx.workspace); // chosen through workspace.json
    if (file.path.endsWith('.jsonl')) {
      const state = await replayMutationLog(
        readLines(file.path, { signal: ctx.signal, onOversize: () => ctx.stats.linesSkipped++ }),
        () => ctx.stats.linesSkipped++,
      );
      if (!isObj(state)) return null;
      b.setId(str(state.sessionId) ?? '');
      if (Array.isArray(state.requests)) for (const r of state.requests) readRequest(b, r);
      return b.finish();
    }
    const head: Record<string, unknown> = {};
    for await (const r of streamJsonItems(file.path, {
      arrayKey: 'requests',
      head,
      signal: ctx.signal,
      onSkip: () => ctx.stats.linesSkipped++,
    }))
      readRequest(b, r);
    b.setId(str(head.sessionId) ?? '');
    return b.finish();
  },
};

function readRequest(b: SessionBuilder, r: unknown): void {
  if (!isObj(r)) return;
  const time = toTime(r.timestamp);
  if (isObj(r.message)) b.addUser(textOf(r.message.text ?? r.message), time);
  if (!Array.isArray(r.response)) return;
  for (const part of r.response) {
    if (!isObj(part) || part.kind !== 'toolInvocationSerialized') continue;
    const tool = str(part.toolId) ?? 'tool';
    const data = isObj(part.toolSpecificData) ? part.toolSpecificData : {};
    const details = isObj(part.resultDetails) ? part.resultDetails : {};
    if (data.kind === 'terminal') {
      const line = isObj(data.commandLine) ? data.commandLine : {};
      const command = str(line.userEdited) ?? str(line.toolEdited) ?? str(line.original) ?? str(data.command);
      const state = isObj(data.terminalCommandState) ? data.terminalCommandState : {};
      const output = isObj(data.terminalCommandOutput) ? str(data.terminalCommandOutput.text) : undefined;
      const call = b.addCall(undefined, 'run_in_terminal', command ? { command } : {}, time);
      if (part.isComplete !== false)
        b.fill(call, {
          text: output ?? '',
          exitCode: typeof state.exitCode === 'number' ? state.exitCode : undefined,
          isError: details.isError === true ? true : undefined,
        });
      continue;
    }
    const args = data.kind === 'input' && isObj(data.rawInput) ? data.rawInput : argsFrom(details.input);
    const call = b.addCall(undefined, tool, args, time);
    const out = Array.isArray(details.output)
      ? details.output.map((o) => (isObj(o) ? (str(o.value) ?? '') : '')).join('\n')
      : '';
    if (part.isComplete !== false) b.fill(call, { text: out, isError: details.isError === true });
  }
}
