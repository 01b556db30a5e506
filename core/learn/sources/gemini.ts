import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { streamJsonItems } from '../io/json-items.js';
import { jsonlRecords } from '../io/jsonl-records.js';
import { SessionBuilder } from './session-builder.js';
import {
  argsFrom,
  filesIn,
  isObj,
  listDir,
  str,
  toTime,
  readSmallJson,
  type SessionFile,
  type Source,
} from './source.js';

/**
 * Gemini CLI: `~/.gemini/tmp/<project>/chats/session-*.jsonl`. Confirmed on gemini-cli 0.61.0 run here: `<project>`
 * is a short name that `~/.gemini/projects.json` maps from the workspace path (`.project_root` inside holds the
 * path); the file is a header line, message records (`type` user/gemini, re-written under the same `id` as they
 * grow) and `{"$set": …}` patches (a resumed session re-sets `messages` whole). Tool calls sit in `toolCalls[]` with
 * their `result`; `status` stays "success" for a failed command — the exit code is only in the text
 * (`Exit Code: 128`). Older releases used `tmp/<sha256 of the path>/chats/session-*.json` (one JSON document with a
 * `messages` array); both are read.
 */
export const geminiSource: Source = {
  agent: 'gemini',
  async discover(ctx) {
    const root = join(ctx.env.GEMINI_CLI_HOME?.trim() || ctx.home, '.gemini');
    const tmp = join(root, 'tmp');
    const dirs = new Set<string>([createHash('sha256').update(ctx.workspace).digest('hex')]);
    const named = await projectName(root, ctx.workspace);
    if (named) dirs.add(named);
    for (const d of await listDir(tmp)) if ((await projectRoot(join(tmp, d))) === ctx.workspace) dirs.add(d);
    const files: SessionFile[] = [];
    for (const d of [...dirs].sort())
      files.push(
        ...(await filesIn('gemini', join(tmp, d, 'chats'), (n) => n.startsWith('session-') && /\.jsonl?$/.test(n))),
      );
    return { files, searched: [join(tmp, named ?? createHash('sha256').update(ctx.workspace).digest('hex'), 'chats')] };
  },
  async parse(file, ctx) {
    const b = new SessionBuilder('gemini', file.path, ctx.workspace, file.mtimeMs);
    b.setCwd(ctx.workspace); // the folder was chosen by the workspace path itself
    const seen = new Set<string>();
    if (file.path.endsWith('.json')) {
      const head: Record<string, unknown> = {};
      for await (const m of streamJsonItems(file.path, {
        arrayKey: 'messages',
        head,
        signal: ctx.signal,
        onSkip: () => ctx.stats.linesSkipped++,
      }))
        readRecord(b, m, seen);
      b.setId(str(head.sessionId) ?? '');
      return b.finish();
    }
    for await (const rec of jsonlRecords(file.path, ctx)) {
      if (typeof rec.sessionId === 'string' && rec.type === undefined) b.setId(rec.sessionId);
      const set = isObj(rec.$set) ? rec.$set : undefined;
      if (set && Array.isArray(set.messages)) for (const m of set.messages) readRecord(b, m, seen);
      else readRecord(b, rec, seen);
    }
    return b.finish();
  },
};

/** One message record; records and tool calls already seen (by id) are skipped, so rewrites count once. */
function readRecord(b: SessionBuilder, rec: unknown, seen: Set<string>): void {
  if (!isObj(rec)) return;
  const time = toTime(rec.timestamp);
  const id = str(rec.id);
  if (rec.type === 'user') {
    if (id && seen.has(id)) return;
    if (id) seen.add(id);
    const c = rec.content;
    if (typeof c === 'string') b.addUser(c, time);
    else if (Array.isArray(c)) for (const p of c) if (isObj(p) && typeof p.text === 'string') b.addUser(p.text, time);
    return;
  }
  if (rec.type !== 'gemini' || !Array.isArray(rec.toolCalls)) return;
  for (const tc of rec.toolCalls) {
    if (!isObj(tc) || typeof tc.name !== 'string') continue;
    const key = 'tc:' + (str(tc.id) ?? `${id}:${tc.name}`);
    if (seen.has(key) || !Array.isArray(tc.result)) continue; // not finished yet: the rewrite will carry it
    seen.add(key);
    const call = b.addCall(undefined, tc.name, argsFrom(tc.args), toTime(tc.timestamp) ?? time);
    b.fill(call, { text: resultText(tc.result), isError: tc.status === 'error' });
  }
}

function resultText(result: unknown[]): string {
  const parts: string[] = [];
  for (const r of result) {
    const fr = isObj(r) && isObj(r.functionResponse) ? r.functionResponse : undefined;
    const resp = fr && isObj(fr.response) ? fr.response : undefined;
    if (!resp) continue;
    if (typeof resp.output === 'string') parts.push(resp.output);
    else if (typeof resp.error === 'string') parts.push(resp.error);
    else parts.push(JSON.stringify(resp));
  }
  return parts.join('\n');
}

async function projectName(root: string, workspace: string): Promise<string | undefined> {
  const j = await readSmallJson(join(root, 'projects.json'));
  const projects = isObj(j) && isObj(j.projects) ? j.projects : undefined;
  return projects ? str(projects[workspace]) : undefined;
}

async function projectRoot(dir: string): Promise<string | undefined> {
  try {
    return (await readFile(join(dir, '.project_root'), 'utf8')).trim();
  } catch {
    return undefined;
  }
}
