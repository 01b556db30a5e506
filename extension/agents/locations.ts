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

/** Claude Code: `~/.claude`, moved by CLAUDE_CONFIG_DIR (code.claude.com/docs/en/env-vars; settings.json lives there). */
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
 * Cline: `~/.cline/data` holds `globalState.json` (the VS Code extension's and the CLI's shared key/value state,
 * cline/cline src/core/storage — `ClineFileStorage(path.join(dataDir, "globalState.json"))`) and, for the newer
 * SDK-based CLI, `settings/providers.json` (the format our agent recipe ran: shared/agents/config/cline-providers-*.json).
 */
export function clineDataDir(env: AgentEnv): string {
  return join(env.home, '.cline', 'data');
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
export const EXTENSION_IDS: Record<AgentId, string> = {
  copilot: 'github.copilot-chat',
  continue: 'continue.continue',
  cline: 'saoudrizwan.claude-dev',
  roo: 'rooveterinaryinc.roo-cline',
  'claude-code': 'anthropic.claude-code',
  codex: 'openai.chatgpt',
};

export function hasExtension(env: AgentEnv, agent: AgentId): boolean {
  return !!env.installedExtensions?.includes(EXTENSION_IDS[agent]);
}
