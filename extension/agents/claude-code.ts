/**
 * Claude Code reads `env` from `~/.claude/settings.json` (or `$CLAUDE_CONFIG_DIR/settings.json`) on every run, CLI
 * and VS Code extension alike; `env.ANTHROPIC_BASE_URL` sends its Messages API traffic to another endpoint, and the
 * client appends `/v1/messages` itself (code.claude.com/docs/en/env-vars and /settings; our agent recipe ran Claude
 * Code against a fake provider with ANTHROPIC_BASE_URL=http://127.0.0.1:PORT, no `/v1`).
 * The VS Code extension's own `claudeCode.environmentVariables` setting is handled by claude-code-setting.ts.
 */
import { join } from 'node:path';
import type { AgentEnv, Detection, PlanResult } from './types.js';
import { claudeDir, hasExtension, isDir } from './locations.js';
import { jsonParseError, parseJsonValue, setJsonValue } from './json-edit.js';
import { anthropicBase } from './proxy-urls.js';
import { readTextOrNull } from './text.js';
import { arrow, cannotParse, change, isObject, upstreamOf } from './plan-helpers.js';

export function claudeSettingsPath(env: AgentEnv): string {
  return join(claudeDir(env), 'settings.json');
}

export function detectClaudeCode(env: AgentEnv): Detection {
  const file = claudeSettingsPath(env);
  const shellVar = env.vars?.ANTHROPIC_BASE_URL;
  return {
    agent: 'claude-code',
    label: 'Claude Code',
    installed: isDir(claudeDir(env)) || hasExtension(env, 'claude-code'),
    configPaths: [file],
    routable: true,
    note: shellVar
      ? `ANTHROPIC_BASE_URL is also set in your environment (${shellVar}); a shell variable can take precedence over settings.json.`
      : 'Sets env.ANTHROPIC_BASE_URL in settings.json (used by the CLI and the VS Code extension) and the extension setting claudeCode.environmentVariables.',
  };
}

export function planClaudeCode(env: AgentEnv, proxyUrl: string): PlanResult {
  const file = claudeSettingsPath(env);
  const before = readTextOrNull(file);
  if (before !== null && before.trim()) {
    const err = jsonParseError(before);
    if (err) return cannotParse(file, err);
    if (!isObject(parseJsonValue(before))) return cannotParse(file, 'the top level is not a JSON object');
  }
  const current = before && before.trim() ? parseJsonValue(before) : {};
  const env0 = isObject(current) ? current.env : undefined;
  const old = isObject(env0) ? env0.ANTHROPIC_BASE_URL : undefined;
  const target = anthropicBase(proxyUrl);
  let edit;
  try {
    edit = setJsonValue(before ?? '', ['env', 'ANTHROPIC_BASE_URL'], target);
  } catch (e) {
    return { error: `${file}: ${(e as Error).message}; Headroom did not change it.` };
  }
  if (!edit) return [];
  const summary = [arrow('env.ANTHROPIC_BASE_URL', old, target)];
  if (before === null) summary.unshift(`create ${file}`);
  return [change('claude-code', file, 'json', before, edit.text, [edit.record], summary, upstreamOf(old, 'anthropic', 'env.ANTHROPIC_BASE_URL', proxyUrl))];
}
