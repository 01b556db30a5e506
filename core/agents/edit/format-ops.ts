/** What restore needs from each config format (JSON/JSONC, YAML, TOML) to find and undo our edits. */
import type { PathSeg } from '../types.js';

export interface Located {
  /** Source range of the value (a replace record compares and splices here). */
  valueStart: number;
  valueEnd: number;
  /** Source range of the whole entry: key and value, an array element, or a TOML table block. */
  entryStart: number;
  entryEnd: number;
  /** The parsed value found there. */
  value: unknown;
}

export interface FormatOps {
  /** null when the text parses; otherwise a message that names the spot. */
  parseError(text: string): string | null;
  locate(text: string, path: PathSeg[]): Located | null;
  /**
   * Removes the entry at `path` (restore's fallback when the exact inserted text is gone); null if it cannot safely.
   */
  removeEntry(text: string, path: PathSeg[]): string | null;
  /** The container at `path` exists and holds no entries. */
  isEmptyContainer(text: string, path: PathSeg[]): boolean;
}

/** Human label for a path: `models[fake-gpt].apiBase`, `env.ANTHROPIC_BASE_URL`. */
export function pathLabel(path: PathSeg[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'string') out += out ? `.${seg}` : seg;
    else out += `[${Object.values(seg.match)[0]}]`;
  }
  return out;
}

/** Does a parsed object have every field of the matcher? */
export function matches(value: unknown, match: Record<string, string>): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const o = value as Record<string, unknown>;
  return Object.entries(match).every(([k, v]) => o[k] === v);
}
