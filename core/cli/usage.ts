/**
 * The CLI's usage text, in one place: `headroom --help` prints the synopsis (the README's CLI block is checked against
 * it by a test), `headroom <command> --help` prints that command's own usage. Kept free of imports so that help
 * answers without loading anything else.
 */

export const COMMAND_NAMES = [
  'compress',
  'retrieve',
  'stats',
  'proxy',
  'mcp',
  'wrap',
  'configure',
  'learn',
  'model',
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** One synopsis line (or a few, indented) per command: the top usage and the README block. */
const SYNOPSIS: Record<CommandName, string> = {
  compress:
    'headroom compress [FILE|-] [-q|--query TEXT] [--kind auto|json|code|log|search|diff|html|table|text] ' +
    `[--json]
                  [--prose-model ID]`,
  retrieve: 'headroom retrieve ID',
  stats: 'headroom stats [--json]',
  proxy: `headroom proxy [--port 8787] [--host 127.0.0.1 [--allow-remote]] [--openai-base URL] [--anthropic-base URL]
               [--gemini-base URL] [--ollama-base URL] [--copilot-base URL] [--prose-model ID] [--prose-budget-ms 300]
               [--headers-timeout-ms 30000] [--request-timeout-ms 120000] [--idle-timeout-ms 65000]
               [--upstream-idle-timeout-ms 600000] [--slow-reader-timeout-ms 60000] [--body-budget-mb 128]
               [--body-queue 16] [--compress-workers N] [--compress-timeout-ms 10000]`,
  mcp: 'headroom mcp [--workspace DIR] [--prose-model ID] [--prose-budget-ms 300]',
  wrap: `headroom wrap <claude|codex|aider|gemini|opencode|continue|cline> [--port N] [--new-proxy] [--bin PATH]
               [--anthropic-base URL] [--openai-base URL] [--gemini-base URL] [--prose-model ID] [-- agent args]`,
  configure: `headroom configure <claude-code|codex|continue|cline|copilot|copilot-subscription|gemini|opencode>…
               [--apply | --restore] [--port 8787] [--vscode-user-dir DIR] [--json]`,
  learn: 'headroom learn [-w|--workspace DIR] [--days 30] [--apply] [--json]',
  model: 'headroom model install PATH|URL [--force] | model list [--json]',
};

/** What each command does and what its options mean: printed under the synopsis by `headroom <command> --help`. */
const DETAILS: Record<CommandName, string> = {
  compress:
    'Compresses FILE (or stdin: - or no FILE) and prints the shorter text. ' +
    `Every omission is a marker naming an id
that \`headroom retrieve ID\` turns back into the exact original.

  -q, --query TEXT    what you are looking for: matching lines and items are kept
  --kind KIND         force a content kind instead of detecting it (default auto)
  --json              print {"kind","originalTokens","compressedTokens","output","originalId","ccr"} plus
                      "reason" when the input passed through unchanged and "prose" with --prose-model
  --prose-model ID    compress prose with a token-classification model (see \`headroom model list\`)

Passed through unchanged (exit 0, the reason on stderr and in --json's "reason"): inputs over 64 MiB, and any input
whose originals cannot be stored (HEADROOM_HOME unusable or read-only): markers never point at nothing.
Input that is not UTF-8 text is not compressed: exit 1 in both modes (plain mode still copies the bytes to stdout).`,
  retrieve: `Prints the original stored under ID exactly (ID looks like hr_0123456789abcdef, from a marker or
\`compress --json\`). Exit 1 if the id is unknown or expired.`,
  stats: `Savings of every path into Headroom (proxy, CLI compress, MCP, library through the proxy): all time, the last
24 hours, and the 10 most recent requests.

  --json              print {"allTime","last24h","recent"}`,
  proxy:
    'Runs the compressing proxy. Prints one line `listening on http://HOST:PORT` when ready; ' +
    `serves until SIGINT/SIGTERM.

  --port N            port to listen on (default 8787; 0 picks a free port and prints it)
  --host H            address to bind (default 127.0.0.1); one that is not loopback needs --allow-remote
  --allow-remote      listen beyond loopback; prints what that exposes (no authentication of its own: anyone who
                      reaches the port can send requests, read /stats and retrieve stored originals)
  --openai-base URL   where /v1/chat/completions and /v1/responses go (default https://api.openai.com/v1)
  --anthropic-base URL  where /v1/messages goes (default https://api.anthropic.com/v1)
  --gemini-base URL   where /v1beta/models/… goes (default https://generativelanguage.googleapis.com/v1beta)
  --ollama-base URL   where Ollama's /api/chat, /api/tags, … go (default http://127.0.0.1:11434/api; a URL without a
                      path gets /api added)
  --copilot-base URL  where /copilot/<secret>/… goes (Copilot Chat's overrideCapiUrl; default
                      https://api.githubcopilot.com, then the plan's own host named in the Copilot token)
  --prose-model ID    compress prose with a model, waiting at most --prose-budget-ms per request (default 300)
  --headers-timeout-ms N   a client's request headers must arrive within N ms of connecting (default 30000)
  --request-timeout-ms N   the whole request, body included, within N ms (default 120000; answers stream on)
  --idle-timeout-ms N      a kept-alive connection closes after N ms without a request (default 65000)
  --upstream-idle-timeout-ms N  give up on a provider silent for N ms (default 600000: 504, or the stream is cut)
  --slow-reader-timeout-ms N  let go of a client that takes nothing of its answer for N ms (default 60000)
  --body-budget-mb N  MiB of request bodies over 1 MiB compressed at once (default 128); more wait their turn
  --body-queue N      large requests allowed to wait (default 16); beyond, 503 with Retry-After
  --compress-workers N  worker threads that compress new tool results and count tokens, off the thread that serves
                      requests (default: CPU cores - 1, from 1 to 4; 0: all on that thread)
  --compress-timeout-ms N  a tool result still compressing after N ms goes upstream as it is, with the reason in
                      its record, and its worker is replaced (default 10000)`,
  mcp: `Runs the MCP server over stdio (tools: headroom_compress, headroom_retrieve, headroom_stats, memory tools).

  --workspace DIR     the workspace for shared memory and dedup (default: HEADROOM_WORKSPACE, else the current folder);
                      it must be an existing folder
  --prose-model ID    compress prose with a model, at most --prose-budget-ms per call (default 300)`,
  wrap: `Runs a coding agent with its traffic routed through Headroom for this run only, forwards signals and its exit
code, and prints the run's savings on stderr.

  --port N            where to look for a running Headroom proxy (default 8787); one is used if it forwards where
                      the agent's traffic goes, else a proxy is started for this run on a free port
  --new-proxy         always start a proxy for this run (on --port if given, else a free port)
  --bin PATH          the agent's executable (default: its usual name on PATH); checked before any proxy starts
  --*-base URL        where the agent's traffic goes (default: the agent's own setting, else the provider)
  --prose-model ID    start a proxy for this run that compresses prose with a model
  -- agent args       everything after -- goes to the agent unchanged`,
  configure: `Routes coding agents through a Headroom proxy for good by editing their own settings — the same plans as
"Headroom: Configure Agents" in VS Code. Without --apply or --restore it prints each change as a diff and writes
nothing.

  --apply             write the changes: each file backed up first (HEADROOM_HOME/agent-backups), written atomically,
                      recorded so --restore can undo exactly them; running it again plans nothing (or only a port move)
  --restore           undo exactly what Headroom wrote; edits you made since are kept
  --port N            the proxy's port on 127.0.0.1 (default 8787); a new port moves every value Headroom wrote
  --vscode-user-dir DIR  the VS Code user folder for copilot and copilot-subscription (default: the platform's, e.g.
                      ~/.config/Code/User)
  --json              print {"proxy","mode","agents":[{"agent","name","changes":[{"file","action","summary","diff"}],
                      "applied","error"}]}

An agent's custom endpoint (a gateway, OpenRouter, a local server) gets a route of its own, <proxy>/u/<name>, listed
in HEADROOM_HOME/upstreams.json; no agent's endpoint becomes another's. copilot-subscription is experimental: it sets
github.copilot.advanced.debug.overrideCapiUrl in your user settings.json (reload VS Code afterwards).
Honours HOME, CODEX_HOME, CLAUDE_CONFIG_DIR, CONTINUE_GLOBAL_DIR, CLINE_DATA_DIR, CLINE_DIR, GEMINI_CLI_HOME,
XDG_CONFIG_HOME. Exit 1 when any agent could not be planned or written (the others still are).`,
  learn: `Mines the workspace's agent session logs (Claude Code, Codex, Gemini CLI, Continue, Cline, Roo, Copilot Chat)
for failed tool calls and their fixes, and proposes a managed block for AGENTS.md (and CLAUDE.md with Claude Code).
Prints the block and the diff; writes only with --apply. With no logs in the window nothing changes: lessons
already written expire by their own age, not because a narrow window found nothing.

  -w, --workspace DIR the workspace (default: the current folder)
  --days N            how far back to read logs (default 30)
  --apply             write the files (atomically)
  --json              print the result as one JSON object`,
  model: `Prose models for --prose-model (installed under HEADROOM_HOME/models).

  install PATH|URL    copy (or download) a model described by a manifest.json — a file, a folder holding one, or an
                      http(s) URL — check every file's size and sha256, load it once, and install it
  --force             reinstall over an installed copy
  list                show the bundled and installed models (--json: as JSON)`,
};

const ENVIRONMENT =
  'Environment: HEADROOM_HOME (the store; default ~/.headroom), ' +
  `HEADROOM_LOG_LEVEL=debug (details on stderr),
HEADROOM_WORKSPACE (mcp's workspace).
Exit codes: 0 done, 1 failed (one line on stderr says what, where and what to do), 2 usage error.`;

/** The synopsis of every command: `headroom --help`, and the README's CLI block. */
export function synopsis(): string {
  return COMMAND_NAMES.map((n) => SYNOPSIS[n]).join('\n');
}

/** One command's synopsis as a usage line, for usage errors. */
export function usageLine(name: CommandName): string {
  return `usage: ${SYNOPSIS[name]}   (headroom ${name} --help for more)`;
}

/** `headroom --help`. */
export function topUsage(): string {
  return (
    'usage: headroom <command> [options]   (headroom <command> --help for one command)\n\n' +
    `${synopsis()}\n\n${ENVIRONMENT}\n`
  );
}

/** `headroom <command> --help`. */
export function commandUsage(name: CommandName): string {
  return `usage: ${SYNOPSIS[name]}\n\n${DETAILS[name]}\n\n${ENVIRONMENT}\n`;
}

export function isCommandName(name: string): name is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(name);
}

/** True when the arguments ask for help: `--help` or `-h` before any `--` (after it they are an agent's own). */
export function wantsHelp(argv: readonly string[]): boolean {
  const dash = argv.indexOf('--');
  const ours = dash < 0 ? argv : argv.slice(0, dash);
  return ours.includes('--help') || ours.includes('-h');
}
