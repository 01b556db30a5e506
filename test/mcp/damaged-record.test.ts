/** Issue 16 item 5: the MCP server's headroom_retrieve must refuse a record altered on disk, not return its text. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDamagedRecord } from '../ccr/store-helpers.js';
import { connectMcp, texts } from './helpers.js';
import { workspaceScope } from '../../core/ccr/scope.js';
import { resolveWorkspace } from '../../core/memory/workspace.js';

test('headroom_retrieve of a record altered on disk is a tool error naming the damage', async () => {
  const home = join(mkdtempSync(join(tmpdir(), 'hr-mcp-damaged-')), 'home');
  const original = Array.from({ length: 300 }, (_, i) => `line ${i}: the quick brown fox jumps over the lazy dog`).join(
    '\n',
  );
  const cwd = mkdtempSync(join(tmpdir(), 'hr-mcp-damaged-ws-'));
  // stored by this workspace (the server reads only its own workspace's originals)
  const { id, altered } = await seedDamagedRecord(home, original, workspaceScope(resolveWorkspace(cwd).id));
  const mcp = await connectMcp({ home, cwd });
  try {
    const r = (await mcp.client.callTool({ name: 'headroom_retrieve', arguments: { id } })) as { isError?: boolean };
    assert.equal(r.isError, true);
    const [text] = texts(r);
    assert.match(text, new RegExp(`the original stored under "${id}" is damaged.*re-run the tool that produced it`));
    assert.ok(!text.includes(altered.slice(0, 200)), 'none of the stored text');
  } finally {
    await mcp.close();
  }
});
