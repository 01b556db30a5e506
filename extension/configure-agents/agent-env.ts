/** What the agent-configuration writers need to know about this machine, gathered from VS Code and the process. */
import * as vscode from 'vscode';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AgentEnv } from '../../core/agents/index.js';

const VARS = [
  'CLAUDE_CONFIG_DIR',
  'CODEX_HOME',
  'CONTINUE_GLOBAL_DIR',
  'CLINE_DATA_DIR',
  'CLINE_DIR',
  'GEMINI_CLI_HOME',
  'XDG_CONFIG_HOME',
  'ANTHROPIC_BASE_URL',
  'GOOGLE_GEMINI_BASE_URL',
  'OPENAI_BASE_URL',
  'OPENAI_API_KEY',
] as const;

/**
 * VS Code user folders that may hold Copilot's `chatLanguageModels.json`: this window's own (globalStorage lives in
 * `<user>/globalStorage/<extension>`), then the usual desktop, Insiders, VSCodium and server locations that exist.
 */
export function vscodeUserDirs(
  globalStorage: vscode.Uri,
  home: string,
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
): string[] {
  const own = dirname(dirname(globalStorage.fsPath));
  const products = ['Code', 'Code - Insiders', 'VSCodium'];
  const bases =
    platform === 'darwin'
      ? [join(home, 'Library', 'Application Support')]
      : platform === 'win32'
        ? [env.APPDATA ?? join(home, 'AppData', 'Roaming')]
        : [env.XDG_CONFIG_HOME ?? join(home, '.config')];
  const candidates = [
    own,
    ...bases.flatMap((b) => products.map((p) => join(b, p, 'User'))),
    join(home, '.vscode-server', 'data', 'User'),
  ];
  return [...new Set(candidates)].filter((d, i) => i === 0 || existsSync(d));
}

/** `headroomHome`: the store folder in use, where per-agent routes (upstreams.json) and the Copilot secret live. */
export function agentEnv(context: vscode.ExtensionContext, headroomHome: string): AgentEnv {
  const home = homedir();
  const vars: Record<string, string | undefined> = {};
  // Only whether a key is set matters (Codex's sign-in): its value never enters the plan.
  for (const v of VARS) vars[v] = v === 'OPENAI_API_KEY' ? (process.env[v] ? 'set' : undefined) : process.env[v];
  return {
    home,
    vscodeUserDirs: vscodeUserDirs(context.globalStorageUri, home, process.platform, process.env),
    platform: process.platform,
    vars,
    installedExtensions: vscode.extensions.all.map((e) => e.id.toLowerCase()),
    headroomHome,
  };
}
