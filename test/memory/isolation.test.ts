/**
 * Workspace isolation through the MCP tools: two `headroom mcp` servers share one HEADROOM_HOME but serve different
 * workspaces. Findings put in one are never returned in the other, whatever the query; a server started in a
 * subfolder of the same checkout shares the first one's findings; and dedup notes do not cross either.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectMcp, root, texts, type Connected } from '../mcp/helpers.js';

const home = mkdtempSync(join(tmpdir(), 'hr-iso-'));
const repoA = mkdtempSync(join(tmpdir(), 'hr-iso-a-'));
const repoB = mkdtempSync(join(tmpdir(), 'hr-iso-b-'));
mkdirSync(join(repoA, '.git'));
mkdirSync(join(repoA, 'src', 'deep'), { recursive: true });
mkdirSync(join(repoB, '.git'));
const open: Connected[] = [];
after(async () => {
  for (const c of open) await c.close();
});

type Hits = { structuredContent: { results: { text: string; agent?: string }[] } };
async function connect(cwd: string, name: string) {
  const c = await connectMcp({ home, cwd, name });
  open.push(c);
  return c;
}

test('two workspaces, one store: no cross reads of findings, and dedup stays per workspace', async () => {
  const [a, b] = await Promise.all([connect(repoA, 'agent-a'), connect(repoB, 'agent-b')]);
  const put = await a.client.callTool({
    name: 'headroom_memory_put',
    arguments: { text: 'The payments secret lives in vault path kv/payments/prod', tags: ['secret', 'payments'] },
  });
  assert.match(texts(put)[0], new RegExp(`stored hr_[0-9a-f]{16} in workspace ${repoA}`));
  await b.client.callTool({ name: 'headroom_memory_put', arguments: { text: 'B uses postgres 16 for payments' } });

  const fromA = (await a.client.callTool({
    name: 'headroom_memory_search',
    arguments: { query: 'payments' },
  })) as unknown as Hits;
  assert.deepEqual(
    fromA.structuredContent.results.map((r) => r.text),
    ['The payments secret lives in vault path kv/payments/prod'],
  );
  assert.equal(fromA.structuredContent.results[0].agent, 'mcp:agent-a');
  for (const query of ['payments', 'secret vault kv', '', 'payments secret lives in vault path kv/payments/prod']) {
    const fromB = (await b.client.callTool({
      name: 'headroom_memory_search',
      arguments: { query, limit: 50 },
    })) as unknown as Hits;
    assert.ok(
      fromB.structuredContent.results.every((r) => !/vault/.test(r.text)),
      `B never sees A's finding (query "${query}")`,
    );
  }

  // the same file compressed in both workspaces: neither is told the other had it
  const file = join(root, 'test', 'fixtures', 'mcp', 'packages.json');
  for (const c of [a, b]) {
    const r = (await c.client.callTool({ name: 'headroom_compress', arguments: { path: file } })) as {
      structuredContent: { seenBefore?: unknown };
    };
    assert.equal(r.structuredContent.seenBefore, undefined);
  }

  // agent A finishes (its server saves the store on the way out); a second agent starts in a subfolder of A's
  // checkout: it shares A's findings and is told A had the file
  await a.close();
  open.splice(open.indexOf(a), 1);
  const a2 = await connect(join(repoA, 'src', 'deep'), 'agent-a2');
  const shared = (await a2.client.callTool({
    name: 'headroom_memory_search',
    arguments: { query: 'where is the payments secret?' },
  })) as unknown as Hits;
  assert.equal(shared.structuredContent.results[0]?.text, 'The payments secret lives in vault path kv/payments/prod');
  const again = await a2.client.callTool({
    name: 'headroom_compress',
    arguments: { text: readFileSync(file, 'utf8') },
  });
  assert.deepEqual(
    (again as { structuredContent: { seenBefore?: { agent: string } } }).structuredContent.seenBefore?.agent,
    'mcp:agent-a',
  );
  assert.match(texts(again)[1], /received earlier in this workspace by mcp:agent-a/);
});
