/**
 * Port changes: agents Headroom routed keep the port they were given. When the proxy starts on another port, the
 * routed agents whose settings no longer match are named in a notification; "Update" runs Configure Agents for just
 * them (diffs shown, consent asked, only Headroom's own values move — route names stay).
 */
import * as vscode from 'vscode';
import { dirname } from 'node:path';
import { agentEntry, agentsToMove } from '../../core/agents/index.js';
import { agentEnv } from './agent-env.js';

let lastChecked: string | undefined;

export function offerPortMove(
  context: vscode.ExtensionContext,
  proxyUrl: string,
  backupDir: string,
  configureCommand: string,
): void {
  if (lastChecked === proxyUrl) return;
  lastChecked = proxyUrl;
  const stale = agentsToMove(agentEnv(context, dirname(backupDir)), proxyUrl, backupDir);
  if (!stale.length) return;
  const names = stale.map((a) => agentEntry(a)?.displayName ?? a).join(', ');
  void vscode.window
    .showWarningMessage(
      `${names} ${stale.length === 1 ? 'is' : 'are'} routed to Headroom on another port than ${proxyUrl}, so ` +
        `${stale.length === 1 ? 'it' : 'they'} cannot connect.`,
      'Update',
      'Not Now',
    )
    .then((pick) => {
      if (pick === 'Update') void vscode.commands.executeCommand(configureCommand, { agents: stale });
    });
}
