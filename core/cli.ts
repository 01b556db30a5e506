import { processIo, verboseLogging, type CliIo } from './cli/io.js';
import { isCliError } from './cli/cli-error.js';
import { commandUsage, isCommandName, topUsage, wantsHelp, type CommandName } from './cli/usage.js';

type Command = (argv: string[], io: CliIo) => Promise<number>;

// Each command is loaded only when it runs (the build turns each into a bundle of its own, so `--help` or a small
// `compress` never parses express, the MCP SDK or the proxy). `require`, not `import()`: a dynamic import of a
// CommonJS bundle first runs Node's export lexer over all of it (~100 ms for the 3.7 MB compress bundle).
/* eslint-disable @typescript-eslint/no-require-imports -- deliberate lazy loads */
const COMMANDS: Record<CommandName, () => Promise<Command>> = {
  compress: async () =>
    (require('./cli/compress-command.js') as typeof import('./cli/compress-command.js')).compressCommand,
  retrieve: async () =>
    (require('./cli/retrieve-command.js') as typeof import('./cli/retrieve-command.js')).retrieveCommand,
  stats: async () => (require('./cli/stats-command.js') as typeof import('./cli/stats-command.js')).statsCommand,
  proxy: async () => (require('./cli/proxy-command.js') as typeof import('./cli/proxy-command.js')).proxyCommand,
  learn: async () => (require('./cli/learn-command.js') as typeof import('./cli/learn-command.js')).learnCommand,
  model: async () => (require('./cli/model-command.js') as typeof import('./cli/model-command.js')).modelCommand,
  mcp: async () => (require('./cli/mcp-command.js') as typeof import('./cli/mcp-command.js')).mcpCommand,
  wrap: async () => (require('./cli/wrap-command.js') as typeof import('./cli/wrap-command.js')).wrapCommand,
  configure: async () =>
    (require('./cli/configure-command.js') as typeof import('./cli/configure-command.js')).configureCommand,
};
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * Exit codes: 0 done, 1 failed (one line on stderr), 2 usage error. Help is answered here, before a command's
 * module is loaded.
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    if (topic && isCommandName(topic)) {
      io.out(commandUsage(topic));
      return 0;
    }
    io.out(topUsage());
    return name ? 0 : 2;
  }
  if (!isCommandName(name)) {
    io.err(`headroom: unknown command "${name}"\n\n${topUsage()}`);
    return 2;
  }
  if (wantsHelp(rest)) {
    io.out(commandUsage(name));
    return 0;
  }
  try {
    return await (await COMMANDS[name]())(rest, io);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (isCliError(e)) {
      io.err(`headroom ${name}: ${e.message}`);
      return e.exitCode;
    }
    // parseArgs errors are the user's
    if (e?.code?.startsWith?.('ERR_PARSE_ARGS')) {
      io.err(`headroom ${name}: ${e.message} (headroom ${name} --help for usage)`);
      return 2;
    }
    // anything else is ours: one line, the stack only when asked for
    io.err(
      `headroom ${name}: internal error: ${e?.message ?? String(err)}; ` +
        'please report it with the command you ran (HEADROOM_LOG_LEVEL=debug shows the stack)',
    );
    if (verboseLogging(io.env)) io.err(e?.stack ?? String(err));
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
