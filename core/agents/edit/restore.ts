/**
 * Plans "Headroom: Restore Agent Settings" for one agent from its manifest: for each file we changed, undo our edits
 * on its current content (revert.ts). Unchanged files come back byte for byte; edits the user made since survive.
 * A file that no longer parses is never rewritten.
 */
import type { AgentEnv, AgentId, PlannedChange, PlanResult } from '../types.js';
import { readManifest } from './manifest.js';
import { revertEdits } from './revert.js';
import { readTextOrNull } from './text.js';

export function planRestore(agent: AgentId, _env: AgentEnv, backupDir: string): PlanResult {
  let manifest;
  try {
    manifest = readManifest(backupDir, agent);
  } catch (e) {
    return { error: (e as Error).message };
  }
  if (!manifest || !manifest.files.length) return { error: `Headroom has no recorded changes to undo for ${agent}.` };
  const changes: PlannedChange[] = [];
  for (const f of manifest.files) {
    const current = readTextOrNull(f.file);
    const base = { agent, file: f.file, kind: 'restore' as const, format: f.format, edits: [], upstreams: [] };
    if (current === null) {
      changes.push({ ...base, before: null, after: null, summary: [`${f.file} no longer exists — nothing to undo`] });
      continue;
    }
    const r = revertEdits(current, f.edits, f.format);
    if ('error' in r) return { error: `${f.file} could not be restored: ${r.error}. Headroom did not change it.` };
    // A file we created and that now holds nothing else goes away again.
    const after = f.createdByUs && r.text.trim() === '' ? null : r.text;
    const summary = after === null ? [...r.summary, `delete ${f.file} (Headroom created it)`] : r.summary;
    changes.push({ ...base, before: current, after, summary });
  }
  return changes;
}
