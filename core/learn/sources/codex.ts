import { join } from 'node:path';
import { jsonlRecords } from '../io/jsonl-records.js';
import { commandFromArgv } from '../normalize.js';
import { SessionBuilder } from './session-builder.js';
import {
  argsFrom,
  filesIn,
  inWorkspace,
  isObj,
  listDir,
  str,
  textOf,
  toTime,
  type SessionFile,
  type Source,
} from './source.js';

const DAY = 86_400_000;

/**
 * Codex CLI: `$CODEX_HOME` (default `~/.codex`) `/sessions/YYYY/MM/DD/rollout-*.jsonl`. Confirmed on codex-cli 0.171.0
 * run here: the first record is `session_meta` with the session's `cwd`; `response_item` records hold
 * `function_call` (`exec_command`, arguments `{"cmd": …}`) and `function_call_output` whose text carries
 * `Process exited with code N`; `event_msg` `item_completed` CommandExecution records carry `exit_code`. Older
 * versions wrote the output as JSON `{"output", "metadata": {"exit_code"}}` and `exec_command_end` events; both read.
 */
export const codexSource: Source = {
  agent: 'codex',
  async discover(ctx) {
    const root = join(ctx.env.CODEX_HOME?.trim() || join(ctx.home, '.codex'), 'sessions');
    const files: SessionFile[] = [];
    const isRollout = (n: string): boolean => n.startsWith('rollout-') && n.endsWith('.jsonl');
    files.push(...(await filesIn('codex', root, isRollout)));
    for (const y of await listDir(root)) {
      if (!/^\d{4}$/.test(y)) continue;
      for (const m of await listDir(join(root, y))) {
        for (const d of await listDir(join(root, y, m))) {
          // a day folder that ended before the window cannot hold a session in it (a day of slack for time zones
          // and sessions that ran past midnight)
          const dayEnd = Date.UTC(Number(y), Number(m) - 1, Number(d)) + 2 * DAY;
          if (Number.isFinite(dayEnd) && dayEnd < ctx.since) continue;
          files.push(...(await filesIn('codex', join(root, y, m, d), isRollout)));
        }
      }
    }
    return { files, searched: [root] };
  },
  async parse(file, ctx) {
    const b = new SessionBuilder('codex', file.path, ctx.workspace, file.mtimeMs);
    const exitById = new Map<string, number>();
    let first = true;
    let legacy = false;
    const wanted = (line: string) => first || legacy || line.includes('"response_item"') || line.includes('exit_code');
    for await (const rec of jsonlRecords(file.path, ctx, wanted)) {
      if (first) {
        first = false;
        if (rec.type === 'session_meta' && isObj(rec.payload)) {
          const cwd = str(rec.payload.cwd);
          // the session belongs to another folder: stop reading right here
          if (!cwd || !inWorkspace(cwd, ctx.workspace)) return null;
          b.setCwd(cwd);
          b.setId(str(rec.payload.id) ?? str(rec.payload.session_id) ?? '');
          continue;
        }
        // 2025 rollouts: a bare `{id, timestamp, instructions}` header, then bare response items; the cwd is only
        // in the `<environment_context>` user message
        if (rec.type === undefined && typeof rec.id === 'string') {
          legacy = true;
          b.setId(rec.id);
          continue;
        }
        return null;
      }
      if (legacy) {
        const cwd = legacyCwd(rec);
        if (cwd !== undefined) {
          if (!inWorkspace(cwd, ctx.workspace)) return null;
          b.setCwd(cwd);
        }
        readItem(b, rec, toTime(rec.timestamp), exitById);
        continue;
      }
      if (!isObj(rec.payload)) continue;
      const time = toTime(rec.timestamp);
      if (rec.type === 'event_msg') noteExit(rec.payload, exitById);
      else if (rec.type === 'response_item') readItem(b, rec.payload, time, exitById);
    }
    const s = b.finish();
    return s.cwd ? s : null;
  },
};

function legacyCwd(item: Record<string, unknown>): string | undefined {
  if (item.type !== 'message' || item.role !== 'user') return undefined;
  const m = /<cwd>([^<\n]+)<\/cwd>/.exec(textOf(item.content).slice(0, 4096));
  return m ? m[1] : undefined;
}

function noteExit(p: Record<string, unknown>, exitById: Map<string, number>): void {
  const item = isObj(p.item) ? p.item : p;
  const id = str(item.call_id) ?? str(item.id);
  if (id && typeof item.exit_code === 'number') exitById.set(id, item.exit_code);
}

function readItem(
  b: SessionBuilder,
  p: Record<string, unknown>,
  time: number | undefined,
  exitById: Map<string, number>,
): void {
  switch (p.type) {
    case 'function_call':
      b.addCall(str(p.call_id), str(p.name) ?? 'function', argsFrom(p.arguments), time);
      break;
    case 'custom_tool_call':
      b.addCall(str(p.call_id), str(p.name) ?? 'custom', { input: p.input }, time);
      break;
    case 'local_shell_call': {
      const action = isObj(p.action) ? p.action : {};
      const cmd = Array.isArray(action.command) ? commandFromArgv(action.command) : undefined;
      b.addCall(str(p.call_id), 'local_shell', cmd ? { command: cmd } : {}, time);
      break;
    }
    case 'function_call_output':
    case 'custom_tool_call_output': {
      const id = str(p.call_id);
      const { text, exitCode } = outputOf(p.output);
      b.addResult(id, { text, exitCode: exitCode ?? (id ? exitById.get(id) : undefined), time });
      break;
    }
    case 'message':
      if (p.role === 'user') b.addUser(textOf(p.content), time);
      break;
  }
}

/** The output as text, plus the exit code when the older JSON form carries it. */
function outputOf(o: unknown): { text: string; exitCode?: number } {
  if (typeof o === 'string') {
    if (o.startsWith('{"output"')) {
      try {
        const j: unknown = JSON.parse(o);
        if (isObj(j) && typeof j.output === 'string') {
          const meta = isObj(j.metadata) ? j.metadata : {};
          return { text: j.output, exitCode: typeof meta.exit_code === 'number' ? meta.exit_code : undefined };
        }
      } catch {
        // not the JSON form after all: the text is the output
      }
    }
    return { text: o };
  }
  if (isObj(o) && typeof o.content === 'string') return { text: o.content };
  return { text: textOf(o) };
}
