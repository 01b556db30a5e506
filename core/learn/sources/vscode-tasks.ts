import { join } from 'node:path';
import { streamJsonItems } from '../io/json-items.js';
import type { AgentId } from '../types.js';
import { AnthropicMessageReader, cwdFromEnvironmentDetails } from './anthropic-messages.js';
import { SessionBuilder } from './session-builder.js';
import { fileInfo, inWorkspace, isObj, listDir, textOf, type SessionFile, type Source } from './source.js';

/**
 * Cline and Roo Code in VS Code: `<User>/globalStorage/<extension id>/tasks/<task id>/api_conversation_history.json`,
 * a JSON array of Anthropic messages (format from the extensions' public source: `getSavedApiConversationHistory`
 * reads and writes it whole). Tasks of every workspace share the folder; the task's folder is in the first user
 * message's environment details ("# Current Working Directory (/path) Files"; Roo: "Current Workspace Directory").
 * Not run here (VS Code extensions); the parser is covered by synthetic logs in the extensions' shapes.
 */
function taskSource(agent: AgentId, extensionId: string): Source {
  return {
    agent,
    async discover(ctx) {
      const files: SessionFile[] = [];
      const searched: string[] = [];
      for (const user of ctx.vscodeUserDirs) {
        const tasks = join(user, 'globalStorage', extensionId, 'tasks');
        searched.push(tasks);
        for (const id of await listDir(tasks)) {
          const f = await fileInfo(agent, join(tasks, id, 'api_conversation_history.json'));
          if (f) files.push(f);
        }
      }
      return { files, searched };
    },
    async parse(file, ctx) {
      const b = new SessionBuilder(agent, file.path, ctx.workspace, file.mtimeMs);
      b.setId(file.path.split(/[\\/]/).slice(-2, -1)[0] ?? file.path);
      const reader = new AnthropicMessageReader(b, true);
      for await (const m of streamJsonItems(file.path, {
        arrayKey: null,
        signal: ctx.signal,
        onSkip: () => ctx.stats.linesSkipped++,
      })) {
        if (!b.session.cwd && isObj(m) && m.role === 'user') {
          const cwd = cwdFromEnvironmentDetails(textOf(m.content));
          if (cwd) {
            if (!inWorkspace(cwd, ctx.workspace)) return null;
            b.setCwd(cwd);
          }
        }
        reader.read(m);
      }
      const s = b.finish();
      // a task whose folder is unknown may belong to any workspace: leave it out
      return s.cwd ? s : null;
    },
  };
}

export const clineTasksSource = taskSource('cline', 'saoudrizwan.claude-dev');
export const rooTasksSource = taskSource('roo', 'rooveterinaryinc.roo-cline');
