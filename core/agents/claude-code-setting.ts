/**
 * The Claude Code VS Code extension also takes environment variables from its setting
 * `claudeCode.environmentVariables`, a list of `{ "name": …, "value": … }` objects
 * (code.claude.com/docs/en/vs-code, "Configure settings"). The extension reads and writes VS Code settings itself;
 * these pure functions compute the new list from the old one and back, so the change can be shown before it is made and
 * undone exactly.
 */
import type { JsonValue } from './types.js';
import { anthropicBase } from './proxy-urls.js';

export const CLAUDE_CODE_SETTING = 'claudeCode.environmentVariables';
const VAR = 'ANTHROPIC_BASE_URL';

export interface ClaudeCodeSettingRecord {
  [key: string]: JsonValue;
  /** The setting had no value at all before routing (restore removes it again if nothing else was added). */
  wasUnset: boolean;
  /** The ANTHROPIC_BASE_URL value we replaced; null when we added the entry. */
  previousValue: string | null;
  /** The value we set, so restore only touches an entry that still holds it. */
  ourValue: string;
}

function isEntry(v: unknown): v is { name: string; value: unknown } {
  return !!v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string';
}

function lastIndexOfVar(list: unknown[]): number {
  for (let i = list.length - 1; i >= 0; i--)
    if (isEntry(list[i]) && (list[i] as { name: string }).name === VAR) return i;
  return -1;
}

/**
 * New value for `claudeCode.environmentVariables` that points ANTHROPIC_BASE_URL at the proxy. Other entries are kept
 * as they are, in order. Returns null when it already does (routing twice changes nothing). Pass the `previous` record
 * (from `readSettingRecord`) when re-routing, so the value from before Headroom is what restore puts back.
 */
export function routeClaudeCodeEnvironment(
  current: unknown,
  proxyUrl: string,
  previous?: ClaudeCodeSettingRecord,
): { value: unknown[]; record: ClaudeCodeSettingRecord; summary: string } | null | { error: string } {
  if (current !== undefined && current !== null && !Array.isArray(current)) {
    return { error: `${CLAUDE_CODE_SETTING} is not a list of { name, value } entries; Headroom left it alone.` };
  }
  const list = Array.isArray(current) ? [...current] : [];
  const target = anthropicBase(proxyUrl);
  const i = lastIndexOfVar(list);
  const record: ClaudeCodeSettingRecord = {
    wasUnset: current === undefined || current === null,
    previousValue: null,
    ourValue: target,
  };
  if (i >= 0) {
    const entry = list[i] as { name: string; value: unknown };
    if (entry.value === target) return null;
    record.previousValue = typeof entry.value === 'string' ? entry.value : null;
    if (previous && entry.value === previous.ourValue) {
      record.previousValue = previous.previousValue;
      record.wasUnset = previous.wasUnset;
    }
    list[i] = { ...entry, value: target };
    return { value: list, record, summary: `${CLAUDE_CODE_SETTING}: ${VAR} ${String(entry.value)} → ${target}` };
  }
  list.push({ name: VAR, value: target });
  return { value: list, record, summary: `${CLAUDE_CODE_SETTING}: add ${VAR} = ${target}` };
}

/**
 * The value to put back: our entry removed (or its old value restored), everything else as the user has it now.
 * `undefined` means "remove the setting" (it was unset before and nothing else is in it).
 */
export function restoreClaudeCodeEnvironment(
  current: unknown,
  record: ClaudeCodeSettingRecord,
): { value: unknown[] | undefined; summary: string } {
  if (!Array.isArray(current))
    return {
      value: current === undefined ? undefined : (current as unknown[]),
      summary: `${CLAUDE_CODE_SETTING}: nothing of Headroom's left`,
    };
  const list = [...current];
  const i = lastIndexOfVar(list);
  if (i < 0 || (list[i] as { value: unknown }).value !== record.ourValue) {
    return { value: list, summary: `${CLAUDE_CODE_SETTING}: ${VAR} changed since Headroom set it — left as it is` };
  }
  let summary: string;
  if (record.previousValue === null) {
    list.splice(i, 1);
    summary = `${CLAUDE_CODE_SETTING}: remove ${VAR}`;
  } else {
    list[i] = { ...(list[i] as object), value: record.previousValue };
    summary = `${CLAUDE_CODE_SETTING}: ${VAR} back to ${record.previousValue}`;
  }
  return { value: record.wasUnset && list.length === 0 ? undefined : list, summary };
}
