/**
 * Every `headroom.*` setting is read here and nowhere else; the rest of the extension gets a plain, typed
 * `HeadroomConfig`. The defaults are core's own constants, and test/extension/config-defaults.test.ts checks that
 * package.json's contributed defaults say the same.
 *
 * Some settings decide where the user's API keys go or what the extension host opens and binds: those are
 * `MACHINE_KEYS`, read from user (and remote) settings only, never from a workspace — a cloned repository's
 * `.vscode/settings.json` must not be able to send the user's Authorization headers to its author's server.
 */
import type { WorkspaceConfiguration } from 'vscode';
import { DEFAULT_MIN_CHARS } from '../core/compress.js';
import { DEFAULT_BUDGET_MS } from '../core/prose-model/service.js';
import { DEFAULT_COPILOT_BASE } from '../core/copilot/upstream.js';
import { PROXY_DEFAULT_BASES, PROXY_DEFAULT_BODY_BUDGET, type UpstreamBases } from './proxy-host.js';

export const SECTION = 'headroom';

export interface HeadroomConfig {
  /** Run the proxy in this window. */
  enabled: boolean;
  port: number;
  minChars: number;
  upstream: UpstreamBases;
  /** Copilot Chat's API, behind `/copilot/<secret>/…` (`headroom.upstream.copilot`). */
  copilotUpstream: string;
  /** Offer the `headroom_retrieve` tool to models (and answer it inside the stream). */
  retrieveTool: boolean;
  maxRetrieveRounds: number;
  /** MiB of large request bodies the proxy holds at once (the CLI's `--body-budget-mb`). */
  bodyBudgetMb: number;
  /** Large requests allowed to wait for that budget before the next is answered 503 (`--body-queue`). */
  bodyQueue: number;
  /** Folder of the CCR store; undefined = HEADROOM_HOME or ~/.headroom, as the CLI does. */
  storeDir: string | undefined;
  /** USD per million input tokens, for the "estimated cost saved" in the tooltip. */
  costPerMillionInputTokens: number;
  /** Id of the prose model (bundled or installed) the proxy runs prose through; undefined = extractive only. */
  proseModel: string | undefined;
  /** Milliseconds a request may wait for the prose model before the extractive compressor answers. */
  proseModelBudgetMs: number;
}

/** The proxy's own defaults: the CLI's `--port 8787`, three retrieval rounds, the retrieve tool on. */
export const CONFIG_DEFAULTS: HeadroomConfig = {
  enabled: true,
  port: 8787,
  minChars: DEFAULT_MIN_CHARS,
  upstream: { ...PROXY_DEFAULT_BASES },
  copilotUpstream: DEFAULT_COPILOT_BASE,
  retrieveTool: true,
  maxRetrieveRounds: 3,
  bodyBudgetMb: PROXY_DEFAULT_BODY_BUDGET.mb,
  bodyQueue: PROXY_DEFAULT_BODY_BUDGET.queue,
  storeDir: undefined,
  costPerMillionInputTokens: 3,
  proseModel: undefined,
  proseModelBudgetMs: DEFAULT_BUDGET_MS,
};

/** Setting keys (below `headroom.`), one per field; the test walks this table against package.json. */
export const SETTING_KEYS = {
  enabled: 'enabled',
  port: 'port',
  minChars: 'minChars',
  anthropic: 'upstream.anthropic',
  openai: 'upstream.openai',
  gemini: 'upstream.gemini',
  ollama: 'upstream.ollama',
  copilotUpstream: 'upstream.copilot',
  retrieveTool: 'retrieveTool',
  maxRetrieveRounds: 'maxRetrieveRounds',
  bodyBudgetMb: 'bodyBudgetMb',
  bodyQueue: 'bodyQueue',
  storeDir: 'storeDir',
  costPerMillionInputTokens: 'costPerMillionInputTokens',
  proseModel: 'proseModel',
  proseModelBudgetMs: 'proseModelBudgetMs',
} as const;

export type SettingKey = (typeof SETTING_KEYS)[keyof typeof SETTING_KEYS];

/**
 * Settings a workspace cannot set: the upstreams (where requests and their API keys are forwarded), the port the
 * proxy binds, the store folder and the prose model (a file the extension host loads and runs). package.json gives
 * each `"scope": "machine"` and lists them in `capabilities.untrustedWorkspaces.restrictedConfigurations`
 * (test/extension/config-scope.test.ts checks both against this list); `readConfig` also ignores their workspace
 * and folder values itself, so a host that merged them anyway (the scope unknown when settings were parsed, an
 * older or foreign host) still cannot redirect anything.
 */
export const MACHINE_KEYS: readonly SettingKey[] = [
  SETTING_KEYS.port,
  SETTING_KEYS.anthropic,
  SETTING_KEYS.openai,
  SETTING_KEYS.gemini,
  SETTING_KEYS.ollama,
  SETTING_KEYS.copilotUpstream,
  SETTING_KEYS.storeDir,
  SETTING_KEYS.proseModel,
];

/** Settings whose change needs the proxy restarted (or the store reopened). */
export const RESTART_KEYS: readonly string[] = [
  SETTING_KEYS.enabled,
  SETTING_KEYS.port,
  SETTING_KEYS.minChars,
  SETTING_KEYS.anthropic,
  SETTING_KEYS.openai,
  SETTING_KEYS.gemini,
  SETTING_KEYS.ollama,
  SETTING_KEYS.copilotUpstream,
  SETTING_KEYS.retrieveTool,
  SETTING_KEYS.maxRetrieveRounds,
  SETTING_KEYS.bodyBudgetMb,
  SETTING_KEYS.bodyQueue,
  SETTING_KEYS.storeDir,
  SETTING_KEYS.proseModel,
  SETTING_KEYS.proseModelBudgetMs,
].map((k) => `${SECTION}.${k}`);

/** What `readConfig` needs of `vscode.workspace.getConfiguration('headroom')`. */
export type Reader = Pick<WorkspaceConfiguration, 'get' | 'inspect'>;

const machineKeys: ReadonlySet<string> = new Set(MACHINE_KEYS);

/** The user's value of `key` (machine keys: user or remote settings only; the rest: the effective value). */
function value(r: Reader, key: SettingKey): unknown {
  return machineKeys.has(key) ? r.inspect<unknown>(key)?.globalValue : r.get<unknown>(key);
}

function bool(r: Reader, key: SettingKey, fallback: boolean): boolean {
  const v = value(r, key);
  return typeof v === 'boolean' ? v : fallback;
}

function int(r: Reader, key: SettingKey, fallback: number, min: number, max: number): number {
  const v = value(r, key);
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : fallback;
}

function num(r: Reader, key: SettingKey, fallback: number): number {
  const v = value(r, key);
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback;
}

function str(r: Reader, key: SettingKey): string | undefined {
  const v = value(r, key);
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/**
 * Reads `headroom.*` from `section` (`vscode.workspace.getConfiguration('headroom')`). A value of the wrong type or
 * out of range falls back to the default instead of reaching the proxy; a workspace or folder value of a
 * `MACHINE_KEYS` setting is never read.
 */
export function readConfig(section: Reader): HeadroomConfig {
  const d = CONFIG_DEFAULTS;
  return {
    enabled: bool(section, SETTING_KEYS.enabled, d.enabled),
    port: int(section, SETTING_KEYS.port, d.port, 0, 65535),
    minChars: int(section, SETTING_KEYS.minChars, d.minChars, 0, Number.MAX_SAFE_INTEGER),
    upstream: {
      anthropic: str(section, SETTING_KEYS.anthropic) ?? d.upstream.anthropic,
      openai: str(section, SETTING_KEYS.openai) ?? d.upstream.openai,
      gemini: str(section, SETTING_KEYS.gemini) ?? d.upstream.gemini,
      ollama: str(section, SETTING_KEYS.ollama) ?? d.upstream.ollama,
    },
    copilotUpstream: str(section, SETTING_KEYS.copilotUpstream) ?? d.copilotUpstream,
    retrieveTool: bool(section, SETTING_KEYS.retrieveTool, d.retrieveTool),
    maxRetrieveRounds: int(section, SETTING_KEYS.maxRetrieveRounds, d.maxRetrieveRounds, 0, 20),
    // the CLI's ranges (core/cli/body-budget-flags.ts)
    bodyBudgetMb: int(section, SETTING_KEYS.bodyBudgetMb, d.bodyBudgetMb, 1, 65536),
    bodyQueue: int(section, SETTING_KEYS.bodyQueue, d.bodyQueue, 0, 10_000),
    storeDir: str(section, SETTING_KEYS.storeDir),
    costPerMillionInputTokens: num(section, SETTING_KEYS.costPerMillionInputTokens, d.costPerMillionInputTokens),
    proseModel: str(section, SETTING_KEYS.proseModel),
    proseModelBudgetMs: int(section, SETTING_KEYS.proseModelBudgetMs, d.proseModelBudgetMs, 10, 60_000),
  };
}
