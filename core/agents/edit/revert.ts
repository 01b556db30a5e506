/**
 * Undoes recorded edits on a file's *current* text, newest first. Exact when the text around our edit is as we left
 * it (the recorded splice is found again and reversed); otherwise semantic — our entry is removed, or the value we
 * replaced is put back — and only if the node still holds what we wrote (or is ours by tag). Anything the user
 * changed since is left alone and reported.
 */
import type { EditRecord, FileFormat } from '../types.js';
import type { FormatOps } from './format-ops.js';
import { jsonOps } from './json-edit.js';
import { yamlOps } from './yaml-edit.js';
import { tomlOps, TOML_TAG } from './toml-edit.js';
import { dotenvOps } from './dotenv-edit.js';
import { jsonEqual, occurrenceCovering, splice } from './text.js';

export function opsFor(format: FileFormat): FormatOps {
  return format === 'json'
    ? jsonOps
    : format === 'yaml'
      ? yamlOps
      : format === 'dotenv'
        ? dotenvOps
        : tomlOps(TOML_TAG);
}

export interface RevertResult {
  text: string;
  /** What restore did, one line per edit, for the confirmation dialog. */
  summary: string[];
}

function revertReplace(text: string, e: EditRecord, ops: FormatOps, summary: string[]): string {
  const loc = ops.locate(text, e.path);
  if (!loc) {
    summary.push(`${e.label}: no longer present — nothing to put back`);
    return text;
  }
  const raw = text.slice(loc.valueStart, loc.valueEnd);
  if (raw === e.inserted || jsonEqual(loc.value, e.value)) {
    summary.push(`${e.label}: put back ${e.removed}`);
    return text.slice(0, loc.valueStart) + e.removed + text.slice(loc.valueEnd);
  }
  summary.push(`${e.label}: changed since Headroom set it — left as it is`);
  return text;
}

function revertInsert(text: string, e: EditRecord, ops: FormatOps, summary: string[]): string {
  const created = e.created ?? 0;
  const outer = ops.locate(text, e.path.slice(0, e.path.length - created));
  if (!outer) {
    summary.push(`${e.label}: already removed`);
    return text;
  }
  const at = occurrenceCovering(text, e.inserted, outer.entryStart, outer.entryEnd);
  if (at >= 0) {
    summary.push(`${e.label}: removed`);
    return splice(text, at, e.inserted, e.removed);
  }
  // The text around our entry changed (the user edited nearby): remove the entry itself, if it is still ours.
  const leaf = created ? ops.locate(text, e.path) : outer;
  if (!leaf) {
    summary.push(`${e.label}: already removed`);
    return text;
  }
  if (!e.owned && !jsonEqual(leaf.value, e.value)) {
    summary.push(`${e.label}: changed since Headroom added it — left as it is`);
    return text;
  }
  let out = ops.removeEntry(text, e.path);
  if (out === null) {
    summary.push(`${e.label}: could not be removed without disturbing the file — remove it by hand`);
    return text;
  }
  for (let k = 1; k <= created; k++) {
    const p = e.path.slice(0, e.path.length - k);
    if (!ops.isEmptyContainer(out, p)) break;
    out = ops.removeEntry(out, p) ?? out;
  }
  summary.push(`${e.label}: removed (the file was edited around it since; other edits kept)`);
  return out;
}

/** Reverts `edits` (recorded oldest first) on `text`. Returns an error if the file does not parse before or after. */
export function revertEdits(text: string, edits: EditRecord[], format: FileFormat): RevertResult | { error: string } {
  const ops = opsFor(format);
  const before = ops.parseError(text);
  if (before) return { error: before };
  const summary: string[] = [];
  let out = text;
  for (const e of [...edits].reverse())
    out = e.kind === 'replace' ? revertReplace(out, e, ops, summary) : revertInsert(out, e, ops, summary);
  const after = ops.parseError(out);
  if (after) return { error: `restoring would leave the file unreadable (${after}); nothing written` };
  return { text: out, summary };
}
