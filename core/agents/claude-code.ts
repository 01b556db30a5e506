/**
 * Claude Code. Persistent: `env.ANTHROPIC_BASE_URL` in `~/.claude/settings.json` (or
 * `$CLAUDE_CONFIG_DIR/settings.json`), read on every run by the CLI and the VS Code extension; the client appends
 * `/v1/messages` itself (code.claude.com/docs/en/env-vars and /settings; our agent recipe ran Claude Code against a
 * fake provider with ANTHROPIC_BASE_URL=http://127.0.0.1:PORT, no `/v1`). The VS Code extension's own
 * `claudeCode.environmentVariables` setting is handled by claude-code-setting.ts. Per run: the same variable in the
 * child's environment.
 */
import { join } from 'node:path';
import type { AgentEnv, Detection, PlanResult } from './types.js';
import type { AgentEntry } from './entry.js';
import type { AgentPlan, AgentSpec, WrapEnv } from './wrap-types.js';
import { claudeDir, hasExtension, isDir } from './locations.js';
import { jsonParseError, parseJsonValue, setJsonValue } from './edit/json-edit.js';
import { proxyBase, sdkUpstreamFrom } from './proxy-urls.js';
import { readTextOrNull } from './edit/text.js';
import { arrow, cannotParse, change, isObject, withRoutes } from './edit/plan-helpers.js';
import { RoutePlanner } from './routes.js';

const truthy = (v: string | undefined) => !!v && !/^(0|false|no|off)$/i.test(v.trim());

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
      ? `ANTHROPIC_BASE_URL is also set in your environment (${shellVar}); ` +
        'a shell variable can take precedence over settings.json.'
      : 'Sets env.ANTHROPIC_BASE_URL in settings.json (used by the CLI and the VS Code extension) ' +
        'and the extension setting claudeCode.environmentVariables.',
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
  const routes = new RoutePlanner('claude-code', env, proxyUrl);
  const target = proxyBase.anthropicSdk(routes.proxyFor(old, 'anthropic', 'env.ANTHROPIC_BASE_URL', true));
  let edit;
  try {
    edit = setJsonValue(before ?? '', ['env', 'ANTHROPIC_BASE_URL'], target);
  } catch (e) {
    return { error: `${file}: ${(e as Error).message}; Headroom did not change it.` };
  }
  if (!edit) return [];
  const summary = [arrow('env.ANTHROPIC_BASE_URL', old, target)];
  if (before === null) summary.unshift(`create ${file}`);
  summary.push(
    `a project's .claude/settings.json or .claude/settings.local.json that sets env.ANTHROPIC_BASE_URL overrides this`,
  );
  return withRoutes(routes, [
    change('claude-code', file, 'json', before, edit.text, [edit.record], summary, routes.upstreams),
  ]);
}

/** Per run: ANTHROPIC_BASE_URL for the child (shared/agents/RECIPE.md). */
const wrap: AgentSpec = {
  name: 'claude',
  bin: 'claude',
  how: 'environment: ANTHROPIC_BASE_URL=<proxy> (your ANTHROPIC_BASE_URL, if set, becomes the upstream)',
  plan({ env, args }: WrapEnv): AgentPlan {
    const cloud = ['CLAUDE_CODE_USE_BEDROCK', 'CLAUDE_CODE_USE_VERTEX', 'CLAUDE_CODE_USE_FOUNDRY'].find((k) =>
      truthy(env[k]),
    );
    if (cloud)
      return {
        upstreams: {},
        families: [],
        notes: [
          `${cloud} is set: Claude Code talks to that cloud's API, which Headroom does not proxy; running it unchanged`,
        ],
        launch: () => ({ args: [...args], env: {}, files: [] }),
      };
    const upstream = sdkUpstreamFrom(env.ANTHROPIC_BASE_URL, 'anthropic');
    return {
      upstreams: upstream ? { anthropic: upstream } : {},
      families: ['anthropic'],
      notes: [],
      launch: (proxy) => ({ args: [...args], env: { ANTHROPIC_BASE_URL: proxyBase.anthropicSdk(proxy) }, files: [] }),
    };
  },
};

export const claudeCode: AgentEntry = {
  id: 'claude-code',
  displayName: 'Claude Code',
  userAgents: [/claude-cli|claude-code/i],
  configure: { id: 'claude-code', detect: detectClaudeCode, plan: planClaudeCode },
  wrap: { names: ['claude', 'claude-code'], spec: wrap },
  overriddenBy:
    'a project .claude/settings.json or .claude/settings.local.json env.ANTHROPIC_BASE_URL, or the shell variable',
};
