/**
 * Writes planned changes after the user agreed: every file is checked first (unchanged since planning, result
 * parses), then each is backed up into the backup folder, written atomically (tmp + rename, file mode kept), and
 * recorded in its agent's manifest so restore can undo exactly our edits.
 */
import { rmSync, statSync } from 'node:fs';
import type { AgentId, AppliedFile, AppliedRecord, Manifest, ManifestFile, PlannedChange } from '../types.js';
import { backupPathFor, emptyManifest, readManifest, writeAtomic, writeManifest } from './manifest.js';
import { opsFor } from './revert.js';
import { readTextOrNull } from './text.js';

export class ApplyRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApplyRefusedError';
  }
}

function check(c: PlannedChange): void {
  const now = readTextOrNull(c.file);
  if (now !== c.before) {
    throw new ApplyRefusedError(
      `${c.file} changed since these changes were planned; nothing was written. Plan again to see the current content.`,
    );
  }
  if (c.after !== null) {
    const err = opsFor(c.format).parseError(c.after);
    if (err) throw new ApplyRefusedError(`the new content of ${c.file} would not parse (${err}); nothing was written.`);
  }
}

function modeOf(file: string): number | undefined {
  try {
    return statSync(file).mode & 0o777;
  } catch {
    return undefined;
  }
}

/**
 * Applies `changes` (from planRouting or planRestore). Throws ApplyRefusedError, writing nothing, if any file changed
 * since planning. Backups and manifests go to `backupDir/<agent>/`.
 */
export function applyChanges(changes: PlannedChange[], backupDir: string, now: Date = new Date()): AppliedRecord {
  changes.forEach(check);
  const manifests = new Map<AgentId, Manifest>();
  const files: AppliedFile[] = [];
  for (const c of changes) {
    let m = manifests.get(c.agent);
    if (!m) {
      m = readManifest(backupDir, c.agent) ?? emptyManifest(c.agent);
      manifests.set(c.agent, m);
    }
    let backupPath: string | undefined;
    if (c.before !== null) {
      backupPath = backupPathFor(backupDir, c.agent, c.file);
      writeAtomic(backupPath, c.before);
    }
    const idx = m.files.findIndex((f) => f.file === c.file);
    if (c.kind === 'route') {
      const entry: ManifestFile =
        idx >= 0
          ? m.files[idx]
          : { file: c.file, format: c.format, createdByUs: c.before === null, originalBackup: backupPath, edits: [] };
      entry.edits.push(...c.edits);
      if (idx < 0) m.files.push(entry);
    } else if (idx >= 0) {
      m.files.splice(idx, 1);
    }
    if (c.after === null) {
      // before === null too: the file is already gone (the user deleted it); only the manifest changes.
      if (c.before !== null) {
        rmSync(c.file, { force: true });
        files.push({ file: c.file, backupPath, action: 'deleted' });
      }
    } else {
      if (c.after !== c.before) writeAtomic(c.file, c.after, modeOf(c.file) ?? c.mode);
      files.push({ file: c.file, backupPath, action: c.before === null ? 'created' : 'written' });
    }
  }
  const manifestPaths = [...manifests.values()].map((m) => writeManifest(backupDir, m, now));
  return { manifestPaths, files };
}
