/**
 * A change to something that is not a file we write ourselves — a VS Code setting of another extension, or Roo
 * Code's configuration through its API — in the same shape as a planned file change: what it is now, what it will
 * be, one line per entry, and how to make it. The confirmation flow shows and applies both kinds alike.
 */
import type { AgentId, Upstream } from '../../core/agents/index.js';

export interface SettingChange {
  agent: AgentId;
  /** What is changed, e.g. `claudeCode.environmentVariables (user settings)`. */
  label: string;
  /** A file-like name for the diff preview, so the editor highlights it (`….json`). */
  previewName: string;
  before: string;
  after: string;
  summary: string[];
  upstreams: Upstream[];
  apply(): Promise<void>;
}

export const pretty = (v: unknown): string => (v === undefined ? '' : JSON.stringify(v, null, 2) + '\n');
