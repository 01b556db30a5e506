/**
 * Shared types of the agent-configuration writers. Everything here is plain data (JSON-serialisable), so the
 * extension can show it, store it in a manifest and hand it back for restore. No `vscode` import in this folder:
 * it runs under plain Node and is tested there.
 */

/** The agents `headroom configure` and "Configure Agents" can route (core/agents/index.ts holds the catalogue). */
export type AgentId =
  | 'claude-code'
  | 'codex'
  | 'continue'
  | 'cline'
  | 'copilot'
  | 'copilot-subscription'
  | 'gemini'
  | 'opencode';

export interface AgentEnv {
  /** The user's home folder (`os.homedir()` in the extension, a temporary folder in tests). */
  home: string;
  /**
   * VS Code user folders (`…/Code/User`, Insiders, VSCodium, code-server…). Each may hold
   * `chatLanguageModels.json`, and its `profiles/<id>/` sub-folders hold one per profile; both are searched.
   */
  vscodeUserDirs: string[];
  platform: NodeJS.Platform;
  /**
   * Environment variables that move an agent's config folder: CLAUDE_CONFIG_DIR, CODEX_HOME, CONTINUE_GLOBAL_DIR,
   * CLINE_DATA_DIR, CLINE_DIR, GEMINI_CLI_HOME, XDG_CONFIG_HOME, OPENCODE_CONFIG.
   * Passed in (never read from `process.env` here) so the module stays pure and testable. Absent = none set.
   */
  vars?: Readonly<Record<string, string | undefined>>;
  /**
   * Ids of installed VS Code extensions, lower-case (`vscode.extensions.all.map(e => e.id.toLowerCase())`).
   * When absent, detection looks only at config folders.
   */
  installedExtensions?: readonly string[];
  /**
   * Headroom's store folder (HEADROOM_HOME): per-agent routes for custom endpoints go to its `upstreams.json`, and the
   * Copilot route secret lives there. Absent: an agent with a custom endpoint cannot be planned.
   */
  headroomHome?: string;
  /**
   * Values Headroom wrote for this agent before (from its manifest; filled in by `planRouting` when given a backup
   * folder): a value on an old port is recognised as ours and moved, never treated as a custom endpoint.
   */
  ownValues?: readonly string[];
}

export interface Detection {
  agent: AgentId;
  label: string;
  /** The agent's extension is installed or its config folder exists. */
  installed: boolean;
  /** Config files that exist now and that routing would edit (or create, for Claude Code / Codex). */
  configPaths: string[];
  /** Routing can be planned for it (a file we can edit, or — for Roo Code — its extension API). */
  routable: boolean;
  /** Plain words for the UI: what cannot be routed, or what routing needs. */
  note?: string;
}

/** One step into a parsed config: a key, an array index, or "the array element whose fields equal these". */
export type PathSeg = string | number | { match: Record<string, string> };

/**
 * One textual change we made, recorded so restore can undo exactly that change and nothing else.
 * `removed` → `inserted` is the exact splice; restore looks for `inserted` again at the node `path` names and
 * splices `removed` back. When the user has edited around it since, restore falls back to a semantic undo (remove
 * our entry / put the old value back) and leaves every other edit alone.
 */
export interface EditRecord {
  kind: 'replace' | 'insert';
  path: PathSeg[];
  /** Human-readable location, e.g. `env.ANTHROPIC_BASE_URL`. */
  label: string;
  removed: string;
  inserted: string;
  /** The value we wrote. Restore's fallback only touches the node if it still holds this (or it is `owned`). */
  value: JsonValue;
  /**
   * For inserts: how many enclosing containers we created along with the leaf (`env` for `['env', 'X']` when the
   * file had no `env`). The splice covers the outermost one; restore's fallback drops them again once empty.
   */
  created?: number;
  /** The entry is ours as a whole (tagged, e.g. "… via Headroom"): restore removes it even if edited since. */
  owned?: boolean;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type FileFormat = 'json' | 'yaml' | 'toml' | 'dotenv';

/** An original base URL that routing replaces: the proxy must forward this protocol's traffic there. */
export interface Upstream {
  protocol: 'openai' | 'anthropic' | 'gemini' | 'ollama';
  url: string;
  /** Which entry used it, e.g. `models[fake-gpt].apiBase`. */
  where: string;
  /** The per-agent route name (`<proxy>/u/<route>`) that forwards there. */
  route?: string;
}

export interface PlannedChange {
  agent: AgentId;
  file: string;
  /** File content now; `null` = the file does not exist yet. `applyChanges` refuses if the file differs from it. */
  before: string | null;
  /**
   * Content to write; `null` (restore only) = delete the file, because routing created it and nothing else is in it.
   */
  after: string | null;
  /** One line per entry changed, for the confirmation dialog. */
  summary: string[];
  /** 'route' records `edits` in the manifest; 'restore' clears the file's records from it. */
  kind: 'route' | 'restore';
  format: FileFormat;
  edits: EditRecord[];
  /** Base URLs we replace that are not the provider's public default: the proxy's upstream must point there. */
  upstreams: Upstream[];
  /** File mode for a file this change creates (e.g. 0o600 for upstreams.json); an existing file keeps its mode. */
  mode?: number;
}

export interface AppliedFile {
  file: string;
  /** Copy of the content before this write (absent when the file did not exist). */
  backupPath?: string;
  action: 'written' | 'created' | 'deleted';
}

export interface AppliedRecord {
  manifestPaths: string[];
  files: AppliedFile[];
}

/** What the manifest keeps per file: the first backup (the user's original) and every edit, oldest first. */
export interface ManifestFile {
  file: string;
  format: FileFormat;
  /** The file did not exist before our first routing. */
  createdByUs: boolean;
  originalBackup?: string;
  edits: EditRecord[];
}

export interface Manifest {
  version: 1;
  agent: AgentId;
  files: ManifestFile[];
  /** VS Code settings changed through the extension (e.g. `claudeCode.environmentVariables`), by key. */
  settings: Record<string, JsonValue>;
  updatedAt: string;
}

export type PlanResult = PlannedChange[] | { error: string };
