/** The palette commands ("Headroom: …"), each a thin handler over the service, the panel or the agent flows. */
import * as vscode from 'vscode';
import type { AgentCommandArgs, AgentCommandDeps } from './configure-agents/configure.js';
import { configureAgents } from './configure-agents/configure.js';
import { restoreAgents } from './configure-agents/restore.js';
import { originalUri } from './documents.js';
import { LEARN_COMMAND, learnHandler } from './learn-command.js';
import { INSTALL_PROSE_MODEL_COMMAND, installProseModelHandler } from './prose-model-command.js';
import { installedModelsDir } from '../core/prose-model/locate.js';
import type { DiffPanel } from './panel/panel-host.js';
import { CCR_ID_RE } from './proxy-host.js';

export interface CommandDeps extends AgentCommandDeps {
  panel: DiffPanel;
  restart(): Promise<void>;
  /** The store folder in use (`headroom.storeDir`, else HEADROOM_HOME or ~/.headroom). */
  storeDir(): string;
  /** Why this build cannot run the prose model, if it cannot (extension/prose-runtime.ts). */
  proseUnavailable?: string;
}

export const COMMANDS = {
  showDiffs: 'headroom.showDiffs',
  configureAgents: 'headroom.configureAgents',
  restoreAgents: 'headroom.restoreAgents',
  pause: 'headroom.pause',
  resume: 'headroom.resume',
  retrieveOriginal: 'headroom.retrieveOriginal',
  copyProxyUrl: 'headroom.copyProxyUrl',
  showLogs: 'headroom.showLogs',
  restartProxy: 'headroom.restartProxy',
} as const;

async function setPaused(deps: CommandDeps, paused: boolean): Promise<void> {
  try {
    await deps.service.setPaused(paused);
  } catch (e) {
    deps.log.warn(`could not ${paused ? 'pause' : 'resume'} compression: ${(e as Error).message}`);
    void vscode.window.showErrorMessage(
      `Headroom: could not ${paused ? 'pause' : 'resume'} compression: ${(e as Error).message}`,
    );
    return;
  }
  deps.log.info(paused ? 'compression paused: requests go upstream unchanged' : 'compression resumed');
}

/** An id under the cursor or in the selection, to prefill the input box. */
function idNearCursor(): string | undefined {
  const ed = vscode.window.activeTextEditor;
  if (!ed) return undefined;
  const sel = ed.document.getText(ed.selection);
  const line = ed.document.lineAt(ed.selection.active.line).text;
  return CCR_ID_RE.exec(sel)?.[0] ?? CCR_ID_RE.exec(line)?.[0];
}

async function retrieveOriginal(deps: CommandDeps, given?: unknown): Promise<string | undefined> {
  const id =
    typeof given === 'string'
      ? given
      : await vscode.window.showInputBox({
          title: 'Headroom: Retrieve Original',
          prompt: 'The id from a marker such as "[… 87 lines omitted · retrieve hr_1a2b3c4d5e6f7a8b]"',
          value: idNearCursor(),
          validateInput: (v) =>
            CCR_ID_RE.test(v.trim()) ? undefined : 'An id looks like hr_ followed by 16 hex digits.',
        });
  const clean = id ? CCR_ID_RE.exec(id.trim())?.[0] : undefined;
  if (!clean) return undefined;
  const store = deps.service.storeHandle;
  let text: string | undefined;
  let problem: string | undefined;
  try {
    text = store?.original(clean);
  } catch (err) {
    // a record whose text no longer matches its id is refused by the store (never shown as if exact)
    problem = (err as Error).message;
  }
  deps.service.recordRetrieval({ id: clean, time: Date.now(), via: 'extension', found: text !== undefined });
  if (text === undefined) {
    void vscode.window.showErrorMessage(
      problem ? `Headroom: ${problem}` : `${clean} is unknown or has expired from the Headroom store.`,
    );
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(originalUri(clean));
  await vscode.window.showTextDocument(doc, { preview: true });
  return text;
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const agentArgs = (a: unknown): AgentCommandArgs => (a && typeof a === 'object' ? (a as AgentCommandArgs) : {});
  return [
    vscode.commands.registerCommand(COMMANDS.showDiffs, () => deps.panel.show()),
    vscode.commands.registerCommand(COMMANDS.configureAgents, (a?: unknown) => configureAgents(deps, agentArgs(a))),
    vscode.commands.registerCommand(COMMANDS.restoreAgents, (a?: unknown) => restoreAgents(deps, agentArgs(a))),
    vscode.commands.registerCommand(COMMANDS.pause, () => setPaused(deps, true)),
    vscode.commands.registerCommand(COMMANDS.resume, () => setPaused(deps, false)),
    vscode.commands.registerCommand(COMMANDS.retrieveOriginal, (id?: unknown) => retrieveOriginal(deps, id)),
    vscode.commands.registerCommand(COMMANDS.copyProxyUrl, async () => {
      const url = deps.service.url;
      if (!url) {
        void vscode.window.showWarningMessage('The Headroom proxy is not running.');
        return undefined;
      }
      await vscode.env.clipboard.writeText(url);
      void vscode.window.showInformationMessage(`Copied ${url}`);
      return url;
    }),
    vscode.commands.registerCommand(COMMANDS.showLogs, () => deps.log.show()),
    vscode.commands.registerCommand(COMMANDS.restartProxy, () => deps.restart()),
    vscode.commands.registerCommand(LEARN_COMMAND, learnHandler(deps)),
    vscode.commands.registerCommand(
      INSTALL_PROSE_MODEL_COMMAND,
      installProseModelHandler({
        modelsDir: () => installedModelsDir(deps.storeDir()),
        log: deps.log,
        unavailable: deps.proseUnavailable,
      }),
    ),
  ];
}
