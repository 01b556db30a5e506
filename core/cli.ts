import { compressCommand } from './cli/compress-command.js';
import { retrieveCommand } from './cli/retrieve-command.js';
import { statsCommand } from './cli/stats-command.js';
import { processIo, type CliIo } from './cli/io.js';

const USAGE = `usage: headroom <command> [options]

  compress [FILE|-] [--query TEXT] [--kind auto|json|code|log|search|diff|html|table|text] [--json] [--prose-model ID]
  retrieve ID
  proxy [--port 8787] [--host 127.0.0.1 [--allow-remote]] [--openai-base URL] [--anthropic-base URL] [--gemini-base URL]
        [--prose-model ID] [--prose-budget-ms 300] [--headers-timeout-ms 30000] [--request-timeout-ms 120000]
        [--idle-timeout-ms 65000] [--upstream-idle-timeout-ms 600000]
  stats [--json]
  learn [--workspace DIR] [--apply] ...  mine agents' failed sessions for corrections (headroom learn --help)
  model install PATH|URL | list         prose models for --prose-model (HEADROOM_HOME/models)
  mcp [--workspace DIR] [--prose-model ID]  MCP server over stdio (compress, retrieve, stats, shared memory)
  wrap <agent> [options] [-- args]      run claude|codex|aider|gemini|opencode|continue|cline through the proxy

The store lives in HEADROOM_HOME (default ~/.headroom).`;

type Command = (argv: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  compress: async () => compressCommand,
  retrieve: async () => retrieveCommand,
  stats: async () => statsCommand,
  proxy: async () => (await import('./cli/proxy-command.js')).proxyCommand,
  learn: async () => (await import('./cli/learn-command.js')).learnCommand,
  model: async () => (await import('./cli/model-command.js')).modelCommand,
  mcp: async () => (await import('./cli/mcp-command.js')).mcpCommand,
  wrap: async () => (await import('./cli/wrap-command.js')).wrapCommand,
};

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(USAGE + '\n');
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.err(`headroom: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await (await load())(rest, io);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    // parseArgs errors are the user's; anything else is ours, reported with what to do
    if (e?.code?.startsWith?.('ERR_PARSE_ARGS')) io.err(`headroom ${name}: ${e.message}`);
    else io.err(`headroom ${name}: internal error: ${e?.stack ?? String(err)}\nPlease report this with the command you ran.`);
    return e?.code?.startsWith?.('ERR_PARSE_ARGS') ? 2 : 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
