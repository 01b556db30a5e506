import type { AgentSpec } from './types.js';
import { aider, claude, gemini } from './env-agents.js';
import { codex } from './codex.js';
import { opencode } from './opencode.js';
import { continueCli } from './continue.js';
import { cline } from './cline.js';

/** Every agent `headroom wrap` knows, by the name the user types (and a few aliases). */
export const AGENTS: Readonly<Record<string, AgentSpec>> = {
  claude,
  'claude-code': claude,
  codex,
  aider,
  gemini,
  opencode,
  continue: continueCli,
  cn: continueCli,
  cline,
};

export const AGENT_NAMES = ['claude', 'codex', 'aider', 'gemini', 'opencode', 'continue', 'cline'] as const;
