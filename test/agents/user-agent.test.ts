import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agentNameFromUserAgent, CATALOGUE } from '../../core/agents/index.js';

test('agentNameFromUserAgent: product names from the catalogue, first word for clients it does not know', () => {
  const cases: [string | undefined, string | undefined][] = [
    ['claude-cli/2.0.1 (external, cli)', 'Claude Code'],
    ['codex_exec/0.58.0 (Ubuntu 24.4.0; x86_64) xterm', 'Codex'],
    ['codex_cli_rs/0.58.0', 'Codex'],
    ['Continue-CLI/1.5.0', 'Continue'],
    ['ls/1.0', 'Continue'],
    ['GeminiCLI/0.9.0 (linux; x64)', 'Gemini CLI'],
    ['opencode/0.15.0 ai-sdk/provider-utils/3.0.0', 'opencode'],
    ['GitHubCopilotChat/0.33.0', 'GitHub Copilot Chat'],
    ['Cline/3.30.0', 'Cline'],
    ['Anthropic/JS 0.65.0', 'Anthropic'],
    ['lsd/2', 'lsd'],
    ['', undefined],
    [undefined, undefined],
  ];
  for (const [ua, name] of cases) assert.equal(agentNameFromUserAgent(ua), name, String(ua));
});

test('every catalogue entry has a product name and a unique id; wrap names are unique across entries', () => {
  const ids = CATALOGUE.map((e) => e.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const e of CATALOGUE) assert.ok(e.displayName.trim(), e.id);
  const wrapNames = CATALOGUE.flatMap((e) => e.wrap?.names ?? []);
  assert.equal(new Set(wrapNames).size, wrapNames.length);
});
