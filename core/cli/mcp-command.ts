import { parseArgs } from 'node:util';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { initCodeForCli } from './assets.js';
import { resolveWorkspace } from '../memory/workspace.js';
import { createHeadroomMcpServer } from '../mcp/server.js';
import { openCliStore } from './cli-store.js';
import type { CliIo } from './io.js';
import { CliError } from './cli-error.js';
import { isFolder } from './is-folder.js';
import { PROSE_FLAGS, proseFromFlags } from './prose-model-flag.js';

/**
 * `headroom mcp [--workspace DIR] [--prose-model ID [--prose-budget-ms 300]]`: the MCP server over stdio. stdout
 * carries only protocol messages (everything else goes to stderr). The workspace (shared memory and dedup scope) is
 * --workspace, else HEADROOM_WORKSPACE, else the folder the client started the server in. Ends when the client closes
 * stdin; the store is flushed on the way out.
 */
export async function mcpCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { workspace: { type: 'string' }, ...PROSE_FLAGS },
  });
  // checked like learn's --workspace: a typo would otherwise scope shared memory to a folder that is not there
  if (values.workspace !== undefined && !(await isFolder(values.workspace)))
    throw new CliError(`--workspace ${values.workspace} is not a folder`, 2);
  const flags = await proseFromFlags(values, io, 'mcp');
  if (!flags) return 2;
  const { prose } = flags;
  prose?.model.warmup();
  const dir = values.workspace ?? io.env.HEADROOM_WORKSPACE ?? process.cwd();
  const workspace = resolveWorkspace(dir);
  const store = await openCliStore(io);
  const grammars = await initCodeForCli();
  const { server } = createHeadroomMcpServer({ store, workspace, cwd: process.cwd(), prose, grammars });
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.once('end', () => resolve());
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await server.connect(transport);
  io.debug(`mcp: serving workspace ${workspace.root} (${workspace.id})`);
  await closed;
  await server.close().catch(() => undefined);
  await prose?.model.close();
  await store.close();
  return 0;
}
