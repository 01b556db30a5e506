import { join } from 'node:path';
import { streamJsonItems } from '../io/json-items.js';
import { AnthropicMessageReader } from './anthropic-messages.js';
import { SessionBuilder } from './session-builder.js';
import { fileInfo, inWorkspace, isObj, listDir, readSmallJson, str, type SessionFile, type Source } from './source.js';

/**
 * Cline CLI: `$CLINE_DIR` (default `~/.cline`) `/data/sessions/<id>/<id>.json` (metadata: `cwd`, `workspace_root`,
 * `started_at`) next to `<id>.messages.json` (`{…, messages: [Anthropic-style messages]}`). Confirmed on cline 3.0.65
 * run here: commands go through `run_commands` with `{commands: [...]}` and come back as `[{query, result, error,
 * success}]` (`success: false`, "[Command exited with code 1]"); what the user typed is wrapped in
 * `<user_input mode="act">`. The CLI's data dirs follow CLINE_DIR / CLINE_DATA_DIR / CLINE_SESSION_DATA_DIR (read
 * from the shipped binary).
 */
export const clineSource: Source = {
  agent: 'cline',
  async discover(ctx) {
    const data = ctx.env.CLINE_DATA_DIR?.trim() || join(ctx.env.CLINE_DIR?.trim() || join(ctx.home, '.cline'), 'data');
    const root = ctx.env.CLINE_SESSION_DATA_DIR?.trim() || join(data, 'sessions');
    const files: SessionFile[] = [];
    for (const id of await listDir(root)) {
      const f = await fileInfo('cline', join(root, id, `${id}.messages.json`));
      if (f) files.push(f);
    }
    return { files, searched: [root] };
  },
  async parse(file, ctx) {
    const meta = await readSmallJson(file.path.replace(/\.messages\.json$/, '.json'));
    const cwd = isObj(meta) ? (str(meta.workspace_root) ?? str(meta.cwd)) : undefined;
    if (!cwd || !inWorkspace(cwd, ctx.workspace)) return null;
    const b = new SessionBuilder('cline', file.path, ctx.workspace, file.mtimeMs);
    b.setCwd(cwd);
    b.setId(isObj(meta) ? (str(meta.session_id) ?? '') : '');
    const reader = new AnthropicMessageReader(b, false);
    for await (const m of streamJsonItems(file.path, {
      arrayKey: 'messages',
      signal: ctx.signal,
      onSkip: () => ctx.stats.linesSkipped++,
    }))
      reader.read(m);
    return b.finish();
  },
};
