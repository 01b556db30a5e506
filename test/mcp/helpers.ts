import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

export const root = join(__dirname, '..', '..');
const dist = join(root, 'dist', 'cli.js');
/** tsx's loader by absolute URL: `--import tsx` would resolve from the child's cwd, which may be any folder. */
export const tsxLoader = pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

function newestSource(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    newest = Math.max(newest, st.isDirectory() ? newestSource(p) : name.endsWith('.ts') ? st.mtimeMs : 0);
  }
  return newest;
}

/**
 * How to start `headroom`: the built bundle (what users run) when it is newer than every core source file — as after
 * `npm test`'s build — else the sources through tsx, so a stale bundle never answers for new code.
 */
export function headroomCommand(): { command: string; args: string[] } {
  if (existsSync(dist) && statSync(dist).mtimeMs > newestSource(join(root, 'core')))
    return { command: process.execPath, args: [dist] };
  return { command: process.execPath, args: ['--import', tsxLoader, join(root, 'core', 'cli.ts')] };
}

export interface Connected {
  client: Client;
  stderr: () => string;
  close(): Promise<void>;
}

/** Spawns `headroom mcp` and connects the SDK's real client to it over stdio. */
export async function connectMcp(opts: {
  home: string;
  cwd: string;
  workspace?: string;
  name?: string;
  extraArgs?: string[];
}): Promise<Connected> {
  const { command, args } = headroomCommand();
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  env.HEADROOM_HOME = opts.home;
  delete env.HEADROOM_WORKSPACE;
  const transport = new StdioClientTransport({
    command,
    args: [...args, 'mcp', ...(opts.workspace ? ['--workspace', opts.workspace] : []), ...(opts.extraArgs ?? [])],
    cwd: opts.cwd,
    env,
    stderr: 'pipe',
  });
  let err = '';
  transport.stderr?.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const client = new Client({ name: opts.name ?? 'headroom-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => err, close: () => client.close() };
}

export type TextBlock = { type: 'text'; text: string };

/** The text blocks of a tool result. */
export function texts(result: unknown): string[] {
  const content = (result as { content?: unknown[] }).content ?? [];
  return content.filter((c): c is TextBlock => (c as TextBlock).type === 'text').map((c) => c.text);
}
