import { join } from 'node:path';
import { jsonlRecords } from '../io/jsonl-records.js';
import { SessionBuilder } from './session-builder.js';
import { filesIn, inWorkspace, isObj, listDir, str, textOf, toTime, type Source } from './source.js';

/**
 * Claude Code: `$CLAUDE_CONFIG_DIR` (default `~/.claude`) `/projects/<encoded cwd>/<session>.jsonl`, one JSON record a
 * line. Confirmed on Claude Code 2.1.197 run here: assistant records carry `tool_use` blocks, the next user record the
 * `tool_result` with `is_error: true` on failure (text starts `Exit code N`), and every record has `cwd`.
 */
export const claudeSource: Source = {
  agent: 'claude',
  async discover(ctx) {
    const root = join(ctx.env.CLAUDE_CONFIG_DIR?.trim() || join(ctx.home, '.claude'), 'projects');
    const enc = encodeClaudeProject(ctx.workspace);
    // sessions started in a subfolder live in their own folder: `<enc>-sub-dir` (the cwd check in parse keeps
    // siblings such as `<workspace>-old` out)
    const dirs = (await listDir(root)).filter((d) => d === enc || d.startsWith(enc + '-'));
    const files = [];
    for (const d of dirs) files.push(...(await filesIn('claude', join(root, d), (n) => n.endsWith('.jsonl'))));
    return { files, searched: [join(root, enc)] };
  },
  async parse(file, ctx) {
    const b = new SessionBuilder('claude', file.path, ctx.workspace, file.mtimeMs);
    // only user records and assistant records with tool calls matter; the rest (summaries, snapshots, attachments,
    // text-only turns) is skipped unparsed
    const wanted = (line: string) => line.includes('"tool_use"') || line.includes('"type":"user"');
    for await (const rec of jsonlRecords(file.path, ctx, wanted)) {
      const cwd = str(rec.cwd);
      if (cwd) {
        if (!b.session.cwd && !inWorkspace(cwd, ctx.workspace)) return null;
        b.setCwd(cwd);
      }
      b.setId(str(rec.sessionId) ?? '');
      readRecord(b, rec);
    }
    const s = b.finish();
    return s.cwd ? s : null;
  },
};

function readRecord(b: SessionBuilder, rec: Record<string, unknown>): void {
  const time = toTime(rec.timestamp);
  const msg = rec.message;
  if (!isObj(msg)) return;
  const content = msg.content;
  if (rec.type === 'user') {
    if (rec.isMeta === true) return;
    if (typeof content === 'string') return void b.addUser(content, time);
    if (!Array.isArray(content)) return;
    for (const block of content) {
      if (!isObj(block)) continue;
      if (block.type === 'tool_result') {
        b.addResult(str(block.tool_use_id), { text: textOf(block.content), isError: block.is_error === true, time });
      } else if (block.type === 'text' && typeof block.text === 'string') b.addUser(block.text, time);
    }
  } else if (rec.type === 'assistant' && Array.isArray(content)) {
    for (const block of content) {
      if (isObj(block) && block.type === 'tool_use' && typeof block.name === 'string')
        b.addCall(str(block.id), block.name, isObj(block.input) ? block.input : {}, time);
    }
  }
}

/**
 * Claude Code's project folder name for a cwd: every non-alphanumeric character becomes `-`; names over 200 chars are
 * cut and suffixed with a base-36 string hash (read from the shipped 2.1.197 binary).
 */
export function encodeClaudeProject(cwd: string): string {
  const t = cwd.replace(/[^a-zA-Z0-9]/g, '-');
  if (t.length <= 200) return t;
  let h = 0;
  for (let i = 0; i < cwd.length; i++) h = ((h << 5) - h + cwd.charCodeAt(i)) | 0;
  return `${t.slice(0, 200)}-${Math.abs(h).toString(36)}`;
}
