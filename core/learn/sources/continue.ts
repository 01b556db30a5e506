import { join } from 'node:path';
import { streamJsonItems } from '../io/json-items.js';
import { SessionBuilder } from './session-builder.js';
import { argsFrom, filesIn, inWorkspace, isObj, str, textOf, type Source } from './source.js';

/**
 * Continue: `$CONTINUE_GLOBAL_DIR` (default `~/.continue`) `/sessions/<uuid>.json`, one JSON document
 * `{sessionId, title, workspaceDirectory, history: [...]}`. Confirmed on @continuedev/cli 1.5.47 run here: assistant
 * items carry `toolCallStates[]` with `parsedArgs`, `status` ("done" / "errored") and `output[].content`
 * ("Error executing tool Bash: Error (exit code 1): …"). The VS Code extension writes the same file (older versions
 * a single `toolCallState`; `workspaceDirectory` may be a file URI). The history array is streamed item by item.
 */
export const continueSource: Source = {
  agent: 'continue',
  async discover(ctx) {
    const dir = join(ctx.env.CONTINUE_GLOBAL_DIR?.trim() || join(ctx.home, '.continue'), 'sessions');
    const files = await filesIn('continue', dir, (n) => n.endsWith('.json') && n !== 'sessions.json');
    return { files, searched: [dir] };
  },
  async parse(file, ctx) {
    const b = new SessionBuilder('continue', file.path, ctx.workspace, file.mtimeMs);
    const head: Record<string, unknown> = {};
    let checked = false;
    for await (const item of streamJsonItems(file.path, {
      arrayKey: 'history',
      head,
      signal: ctx.signal,
      onSkip: () => ctx.stats.linesSkipped++,
    })) {
      if (!checked) {
        checked = true;
        const wd = str(head.workspaceDirectory);
        if (wd !== undefined && !inWorkspace(wd, ctx.workspace)) return null;
      }
      readItem(b, item);
    }
    const wd = str(head.workspaceDirectory);
    if (!wd || !inWorkspace(wd, ctx.workspace)) return null;
    b.setCwd(wd);
    b.setId(str(head.sessionId) ?? '');
    return b.finish();
  },
};

function readItem(b: SessionBuilder, item: unknown): void {
  if (!isObj(item) || !isObj(item.message)) return;
  const msg = item.message;
  if (msg.role === 'user') return void b.addUser(textOf(msg.content));
  const states = Array.isArray(item.toolCallStates)
    ? item.toolCallStates
    : isObj(item.toolCallState)
      ? [item.toolCallState]
      : [];
  for (const st of states) {
    if (!isObj(st)) continue;
    const tc = isObj(st.toolCall) ? st.toolCall : {};
    const fn = isObj(tc.function) ? tc.function : {};
    const name = str(fn.name) ?? 'tool';
    const args = isObj(st.parsedArgs) ? st.parsedArgs : argsFrom(fn.arguments);
    const call = b.addCall(undefined, name, args);
    if (st.status === 'done' || st.status === 'errored')
      b.fill(call, { text: textOf(st.output), isError: st.status === 'errored' });
  }
}
