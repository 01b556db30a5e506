/**
 * Every `headroom.*` setting is read here and nowhere else; the rest of the extension gets a plain, typed
 * `HeadroomConfig`. The defaults are core's own constants, and test/extension/config-defaults.test.ts checks that
 * package.json's contributed defaults say the same.
 */
import type { WorkspaceConfiguration } from 'vscode';
import { DEFAULT_MIN_CHARS } from '../core/compress.js';
import { DEFAULT_BUDGET_MS } from '../core/prose-model/service.js';
import { PROXY_DEFAULT_BASES, type UpstreamBases } from './proxy-host.js';

export const SECTION = 'headroom';

export interface HeadroomConfig {
  /** Run the proxy in this window. */
  enabled: boolean;
  port: number;
  minChars: number;
  upstream: UpstreamBases;
  /** Offer the `headroom_retrieve` tool to models (and answer it inside the stream). */
  retrieveTool: boolean;
  maxRetrieveRounds: number;
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
  retrieveTool: true,
  maxRetrieveRounds: 3,
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
  retrieveTool: 'retrieveTool',
  maxRetrieveRounds: 'maxRetrieveRounds',
  storeDir: 'storeDir',
  costPerMillionInputTokens: 'costPerMillionInputTokens',
  proseModel: 'proseModel',
  proseModelBudgetMs: 'proseModelBudgetMs',
} as const;

/** Settings whose change needs the proxy restarted (or the store reopened). */
export const RESTART_KEYS: readonly string[] = [
  SETTING_KEYS.enabled,
  SETTING_KEYS.port,
  SETTING_KEYS.minChars,
  SETTING_KEYS.anthropic,
  SETTING_KEYS.openai,
  SETTING_KEYS.gemini,
  SETTING_KEYS.retrieveTool,
  SETTING_KEYS.maxRetrieveRounds,
  SETTING_KEYS.storeDir,
  SETTING_KEYS.proseModel,
  SETTING_KEYS.proseModelBudgetMs,
].map((k) => `${SECTION}.${k}`);

type Reader = Pick<WorkspaceConfiguration, 'get'>;

function bool(r: Reader, key: string, fallback: boolean): boolean {
  const v = r.get<unknown>(key);
  return typeof v === 'boolean' ? v : fallback;
}

function int(r: Reader, key: string, fallback: number, min: number, max: number): number {
  const v = r.get<unknown>(key);
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : fallback;
}

function num(r: Reader, key: string, fallback: number): number {
  const v = r.get<unknown>(key);
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback;
}

function str(r: Reader, key: string): string | undefined {
  const v = r.get<unknown>(key);
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/**
 * Reads `headroom.*` from `section` (`vscode.workspace.getConfiguration('headroom')`). A value of the wrong type or
 * out of range falls back to the default instead of reaching the proxy.
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
    },
    retrieveTool: bool(section, SETTING_KEYS.retrieveTool, d.retrieveTool),
    maxRetrieveRounds: int(section, SETTING_KEYS.maxRetrieveRounds, d.maxRetrieveRounds, 0, 20),
    storeDir: str(section, SETTING_KEYS.storeDir),
    costPerMillionInputTokens: num(section, SETTING_KEYS.costPerMillionInputTokens, d.costPerMillionInputTokens),
    proseModel: str(section, SETTING_KEYS.proseModel),
    proseModelBudgetMs: int(section, SETTING_KEYS.proseModelBudgetMs, d.proseModelBudgetMs, 10, 60_000),
  };
}
