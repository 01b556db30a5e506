/**
 * Where each agent keeps its configuration, and how we tell it is installed. Each fact names its source.
 */
import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { AgentEnv, AgentId } from './types.js';

function envDir(env: AgentEnv, name: string, fallback: string): string {
  const v = env.vars?.[name];
  if (!v || !v.trim()) return fallback;
  return isAbsolute(v) ? v : resolve(env.home, v);
}

/**
 * Claude Code: `~/.claude`, moved by CLAUDE_CONFIG_DIR (code.claude.com/docs/en/env-vars; settings.json lives there).
 */
export function claudeDir(env: AgentEnv): string {
  return envDir(env, 'CLAUDE_CONFIG_DIR', join(env.home, '.claude'));
}

/** Codex: `$CODEX_HOME/config.toml`, CODEX_HOME defaulting to `~/.codex` (openai/codex docs/config.md). */
export function codexHome(env: AgentEnv): string {
  return envDir(env, 'CODEX_HOME', join(env.home, '.codex'));
}

/**
 * Continue: `~/.continue` (continuedev/continue core/util/paths.ts `getContinueGlobalPath`), moved by
 * CONTINUE_GLOBAL_DIR (which Continue's own tests and its CLI `cn` set). Only an absolute value is followed: a
 * relative one would depend on the agent process's working directory, which we cannot know.
 */
export function continueDir(env: AgentEnv): string {
  const v = env.vars?.CONTINUE_GLOBAL_DIR;
  return v && isAbsolute(v) ? v : join(env.home, '.continue');
}

/**
 * Cline's data folder: CLINE_DATA_DIR, else CLINE_DIR + `/data`, else `~/.cline/data` — the VS Code extension and the
 * CLI resolve it alike (cline/cline apps/vscode/src/shared/storage/storage-context.ts `resolveDataDirFromEnv`,
 * apps/vscode/src/sdk/legacy-state-reader.ts). It holds `globalState.json` (the extension's key/value state) and
 * `settings/providers.json` (the SDK's provider settings, which the extension migrates into and the CLI reads).
 */
export function clineDataDir(env: AgentEnv): string {
  const data = env.vars?.CLINE_DATA_DIR?.trim();
  if (data) return isAbsolute(data) ? data : resolve(env.home, data);
  return join(envDir(env, 'CLINE_DIR', join(env.home, '.cline')), 'data');
}

/**
 * Gemini CLI: `~/.gemini` (GEMINI_CLI_HOME moves the home it is under); it loads `~/.gemini/.env` when no project
 * `.env` is found (google-gemini/gemini-cli packages/cli/src/config/settings.ts `findEnvFile`).
 */
export function geminiDir(env: AgentEnv): string {
  const v = env.vars?.GEMINI_CLI_HOME?.trim();
  return join(v ? (isAbsolute(v) ? v : resolve(env.home, v)) : env.home, '.gemini');
}

/**
 * opencode's global config folder: `$XDG_CONFIG_HOME/opencode`, default `~/.config/opencode` (opencode.ai/docs/config).
 */
export function opencodeDir(env: AgentEnv): string {
  return join(envDir(env, 'XDG_CONFIG_HOME', join(env.home, '.config')), 'opencode');
}

/**
 * The platform's VS Code user folders, desktop first: `~/Library/Application Support/Code/User` (macOS),
 * `%APPDATA%/Code/User` (Windows), `$XDG_CONFIG_HOME/Code/User` (Linux) — VS Code docs "User and workspace settings".
 */
export function defaultVscodeUserDir(
  home: string,
  platform: NodeJS.Platform,
  vars: Readonly<Record<string, string | undefined>>,
): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Code', 'User');
  if (platform === 'win32') return join(vars.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Code', 'User');
  return join(vars.XDG_CONFIG_HOME?.trim() || join(home, '.config'), 'Code', 'User');
}

/**
 * Copilot Chat's bring-your-own-key models: `chatLanguageModels.json` in the VS Code user folder, and one per profile
 * in `User/profiles/<id>/` (VS Code docs "AI language models in VS Code", Model configuration reference).
 */
export function copilotModelFiles(env: AgentEnv): string[] {
  const out: string[] = [];
  for (const dir of env.vscodeUserDirs) {
    out.push(join(dir, 'chatLanguageModels.json'));
    const profiles = join(dir, 'profiles');
    if (!isDir(profiles)) continue;
    for (const id of readdirSync(profiles).sort()) {
      if (isDir(join(profiles, id))) out.push(join(profiles, id, 'chatLanguageModels.json'));
    }
  }
  return [...new Set(out)];
}

export function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Marketplace ids of the agents' VS Code extensions. */
export const EXTENSION_IDS: Partial<Record<AgentId, string>> = {
  copilot: 'github.copilot-chat',
  'copilot-subscription': 'github.copilot-chat',
  continue: 'continue.continue',
  cline: 'saoudrizwan.claude-dev',
  'claude-code': 'anthropic.claude-code',
  codex: 'openai.chatgpt',
};

export function hasExtension(env: AgentEnv, agent: AgentId): boolean {
  const id = EXTENSION_IDS[agent];
  return !!id && !!env.installedExtensions?.includes(id);
}
