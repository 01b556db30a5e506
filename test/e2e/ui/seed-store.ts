/**
 * Seeds a Headroom store for the UI test's scale check: 10,000 request records spread over the last 30 days
 * (synthetic figures, several agents and models) and, as the newest of them, one request whose unit is a 1 MB log
 * compressed by the real engine — its original, CCR records and memo entry stored exactly as the proxy stores them.
 * Usage: node --import tsx test/e2e/ui/seed-store.ts STORE_DIR  (prints the 1 MB request's id)
 */
import { openStore } from '../../../core/ccr/store.js';
import { compress } from '../../../core/compress.js';
import { memoKey } from '../../../core/messages/compress-messages.js';
import { countTokens } from '../../../core/util/tokens.js';
import type { RequestRecord } from '../../../core/ccr/store-types.js';
import { formatMarker } from '../../../core/ccr/marker.js';
import { contentId } from '../../../core/util/hash.js';

const AGENTS: [string, string, string][] = [
  ['claude-cli', 'anthropic', 'claude-sonnet-4-5'],
  ['Continue', 'openai-chat', 'gpt-4.1'],
  ['Cline', 'anthropic', 'claude-opus-4-1'],
  ['codex_cli_rs', 'openai-responses', 'gpt-5-codex'],
  ['copilot', 'openai-chat', 'gpt-4o'],
];
const KINDS = ['log', 'json', 'search', 'diff', 'code'];

/** A megabyte of build-and-serve log with a few failures in it, deterministic. */
function bigLog(): string {
  const lines: string[] = [];
  let length = 0;
  for (let i = 0; length < 1_000_000 || i % 1000 !== 0; i++) {
    const ms = (i * 37) % 997;
    const at = `2026-03-02T10:${String(i % 60).padStart(2, '0')}:11.${String(ms).padStart(3, '0')}Z`;
    const line =
      i % 4999 === 1234
        ? `${at} ERROR worker-${i % 8} upstream timeout after 30000ms on GET /api/orders/${i}`
        : `${at} INFO  worker-${i % 8} GET /api/items/${i} 200 ${ms % 90}ms`;
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: seed-store.ts STORE_DIR');
  const store = await openStore({ dir });
  const now = Date.now();
  const span = 30 * 86_400_000;
  for (let i = 0; i < 10_000; i++) {
    const [agent, provider, model] = AGENTS[i % AGENTS.length];
    const before = 2_000 + ((i * 7919) % 40_000);
    const after = Math.round(before * (0.12 + ((i * 31) % 50) / 100));
    const rec: RequestRecord = {
      id: `seed-${String(i).padStart(5, '0')}`,
      time: now - 120_000 - span + Math.floor((i / 10_000) * span),
      provider,
      model,
      agent,
      tokensBefore: before,
      tokensAfter: after,
      compressMs: 1 + ((i * 13) % 40),
      units: [
        {
          path: 'messages.2.content.0.content',
          kind: KINDS[i % KINDS.length],
          tokensBefore: before,
          tokensAfter: after,
        },
      ],
      status: 200,
    };
    store.recordRequest(rec);
  }
  const text = bigLog();
  const r = compress(text, { query: 'why do orders time out?' });
  if (!r.compressed) throw new Error(`the 1 MB log did not compress: ${r.reason}`);
  await store.put(r.records);
  store.putMemo(memoKey(text), {
    output: r.output,
    compressed: true,
    kind: r.kind,
    ccr: r.ccr,
    originalId: r.originalId,
  });
  const before = countTokens(text);
  const after = countTokens(r.output);
  const id = 'seed-1mb-unit';
  store.recordRequest({
    id,
    time: now - 60_000,
    provider: 'anthropic',
    model: 'claude-sonnet-4-5',
    agent: 'claude-cli',
    tokensBefore: before,
    tokensAfter: after,
    compressMs: 40,
    units: [
      {
        path: 'messages.8.content.0.content',
        kind: r.kind,
        tokensBefore: before,
        tokensAfter: after,
        originalId: r.originalId,
      },
    ],
    status: 200,
  });
  const longMarker = seedLongMarker(store, now - 90_000);
  await store.close();
  console.log(
    JSON.stringify({
      id,
      bytes: text.length,
      lines: text.split('\n').length,
      tokensBefore: before,
      tokensAfter: after,
      longMarker,
    }),
  );
}

/**
 * One request whose sent text holds a marker with a long note (core allows notes up to MAX_NOTE_CHARS): the panel
 * must find it whole, however long. Stored as the proxy stores a compressed unit: original, the dropped part, memo.
 */
function seedLongMarker(
  store: Awaited<ReturnType<typeof openStore>>,
  time: number,
): { id: string; markerChars: number; ccrId: string } {
  const lines = Array.from(
    { length: 400 },
    (_, i) =>
      `2026-03-02T10:00:${String(i % 60).padStart(2, '0')}Z INFO  worker-${i % 8} GET /api/items/${i} 200 ${i % 90}ms`,
  );
  const original = lines.join('\n');
  const dropped = lines.slice(3, -2).join('\n');
  const ccrId = contentId(dropped);
  const note = Array.from({ length: 40 }, (_, i) => `worker-${i % 8} GET /api/items/[${i}] 200`).join(', ');
  const marker = formatMarker({
    count: lines.length - 5,
    unit: 'lines',
    id: ccrId,
    note,
    replacedChars: dropped.length,
  });
  if (marker.length < 800) throw new Error(`the seeded marker is only ${marker.length} characters`);
  const sent = [...lines.slice(0, 3), marker, ...lines.slice(-2)].join('\n');
  const originalId = contentId(original);
  store.put([
    { id: originalId, content: original },
    { id: ccrId, content: dropped },
  ]);
  store.putMemo(memoKey(original), { output: sent, compressed: true, kind: 'log', ccr: [ccrId], originalId });
  const id = 'seed-long-marker';
  const before = countTokens(original);
  const after = countTokens(sent);
  store.recordRequest({
    id,
    time,
    provider: 'anthropic',
    model: 'claude-sonnet-4-5',
    agent: 'claude-cli',
    tokensBefore: before,
    tokensAfter: after,
    compressMs: 3,
    units: [
      {
        path: 'messages.4.content.0.content',
        kind: 'log',
        tokensBefore: before,
        tokensAfter: after,
        originalId,
        tool: 'Bash',
      },
    ],
    status: 200,
  });
  return { id, markerChars: marker.length, ccrId };
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
