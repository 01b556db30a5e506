import type { AgentId } from '../types.js';
import { claudeSource } from './claude.js';
import { clineSource } from './cline.js';
import { codexSource } from './codex.js';
import { continueSource } from './continue.js';
import { copilotSource } from './copilot.js';
import { geminiSource } from './gemini.js';
import type { Source } from './source.js';
import { clineTasksSource, rooTasksSource } from './vscode-tasks.js';

/** Every log format Learn reads, in a fixed order (the order results are merged in). */
export const SOURCES: readonly Source[] = [
  claudeSource,
  codexSource,
  geminiSource,
  continueSource,
  clineSource,
  clineTasksSource,
  rooTasksSource,
  copilotSource,
];

export function sourcesFor(agents: readonly AgentId[] | undefined): Source[] {
  return agents ? SOURCES.filter((s) => agents.includes(s.agent)) : [...SOURCES];
}
