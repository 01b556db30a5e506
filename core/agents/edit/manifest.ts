/**
 * The per-agent manifest in the backup folder: which files we changed, the first backup of each (the user's original)
 * and every edit we made, oldest first — what restore undoes. Also the records of VS Code settings the extension
 * changed for an agent (e.g. `claudeCode.environmentVariables`).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { AgentId, JsonValue, Manifest } from '../types.js';
import { readTextOrNull } from './text.js';

export function agentBackupDir(backupDir: string, agent: AgentId): string {
  return join(backupDir, agent);
}

export function manifestPath(backupDir: string, agent: AgentId): string {
  return join(agentBackupDir(backupDir, agent), 'manifest.json');
}

export function emptyManifest(agent: AgentId): Manifest {
  return { version: 1, agent, files: [], settings: {}, updatedAt: '' };
}

/** The manifest, or null if there is none. A damaged manifest is an error: restore must not guess. */
export function readManifest(backupDir: string, agent: AgentId): Manifest | null {
  const text = readTextOrNull(manifestPath(backupDir, agent));
  if (text === null) return null;
  const m = JSON.parse(text) as Manifest;
  if (m.version !== 1 || m.agent !== agent || !Array.isArray(m.files))
    throw new Error(`${manifestPath(backupDir, agent)} is not a Headroom manifest`);
  m.settings ??= {};
  return m;
}

/** Writes the manifest (tmp + rename), or removes it once it records nothing. */
export function writeManifest(backupDir: string, m: Manifest, now: Date): string {
  const file = manifestPath(backupDir, m.agent);
  if (!m.files.length && !Object.keys(m.settings).length) {
    rmSync(file, { force: true });
    return file;
  }
  m.updatedAt = now.toISOString();
  writeAtomic(file, JSON.stringify(m, null, 2) + '\n');
  return file;
}

/** Writes `content` to a temporary file beside `file`, then renames it over: readers never see half a file. */
export function writeAtomic(file: string, content: string, mode?: number): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.headroom-${process.pid}.tmp`;
  writeFileSync(tmp, content, mode === undefined ? undefined : { mode });
  renameSync(tmp, file);
}

/** A new backup file for `file`'s current content: `<hash>-<name>.<n>.bak`, never overwriting an earlier one. */
export function backupPathFor(backupDir: string, agent: AgentId, file: string): string {
  const dir = agentBackupDir(backupDir, agent);
  const stem = `${createHash('sha256').update(file).digest('hex').slice(0, 10)}-${basename(file)}`;
  const taken = existsSync(dir) ? readdirSync(dir).filter((n) => n.startsWith(stem + '.')).length : 0;
  return join(dir, `${stem}.${taken + 1}.bak`);
}

/**
 * Records a VS Code setting change for `agent` (the extension calls this after it updated the setting). Replaces an
 * earlier record: the route function already carried the earlier record's original value forward.
 */
export function saveSettingRecord(
  backupDir: string,
  agent: AgentId,
  key: string,
  record: JsonValue,
  now = new Date(),
): void {
  const m = readManifest(backupDir, agent) ?? emptyManifest(agent);
  m.settings[key] = record;
  writeManifest(backupDir, m, now);
}

export function readSettingRecord(backupDir: string, agent: AgentId, key: string): JsonValue | undefined {
  return readManifest(backupDir, agent)?.settings[key];
}

export function clearSettingRecord(backupDir: string, agent: AgentId, key: string, now = new Date()): void {
  const m = readManifest(backupDir, agent);
  if (!m || m.settings[key] === undefined) return;
  delete m.settings[key];
  writeManifest(backupDir, m, now);
}
