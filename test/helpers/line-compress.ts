import type { CcrRecord } from '../../core/types.js';
import type { MemoEntry } from '../../core/ccr/store-types.js';
import type { MemoWrite } from '../../core/ccr/record-outcome.js';
import type { CompressMessagesOptions, MessagesResult, Provider, UnitOutcome } from '../../core/messages/types.js';
import { findUnits } from '../../core/messages/units.js';
import { memoKey } from '../../core/messages/compress-messages.js';
import { setPath } from '../../core/messages/set-path.js';
import { formatMarker } from '../../core/ccr/marker.js';
import { contentId } from '../../core/util/hash.js';

/**
 * A stand-in for core's compressMessages with a trivially predictable compressor, so proxy tests do not depend on
 * what the real compressors decide: a unit of 600+ characters keeps its first 3 lines and a marker for the rest, whose
 * exact text is stashed. Same memo contract as compressMessages (memoKey, MemoEntry, first decision sticks).
 */
export function lineCompressBody(
  body: unknown,
  provider: Provider,
  options: CompressMessagesOptions = {},
): MessagesResult<unknown> {
  const units: UnitOutcome[] = [];
  const records: CcrRecord[] = [];
  const memo: MemoWrite[] = [];
  let out = body;
  for (const unit of findUnits(body, provider)) {
    if (unit.text.length < 600) continue;
    const base = { path: unit.path, original: unit.text, toolName: unit.toolName };
    if (unit.toolName === 'headroom_retrieve') {
      units.push({
        ...base,
        kind: 'text',
        output: unit.text,
        compressed: false,
        memoHit: false,
        ccr: [],
        reason: 'retrieval result',
      });
      continue;
    }
    const key = memoKey(unit.text);
    let entry = options.memo?.getMemo(key);
    const memoHit = !!entry;
    if (!entry) {
      entry = headLines(unit.text, records);
      memo.push({ key, entry });
    }
    units.push({
      ...base,
      kind: entry.kind,
      output: entry.output,
      compressed: entry.compressed,
      memoHit,
      originalId: entry.originalId,
      ccr: entry.ccr,
    });
    if (entry.compressed) out = setPath(out, unit.path, entry.output);
  }
  return { body: out, units, records, memo, query: '' };
}

export function headLines(text: string, records: CcrRecord[] = []): MemoEntry {
  const lines = text.split('\n');
  if (lines.length < 5) return { output: text, compressed: false, kind: 'text', ccr: [] };
  const rest = lines.slice(3).join('\n');
  const restId = contentId(rest);
  const originalId = contentId(text);
  records.push({ id: originalId, content: text }, { id: restId, content: rest });
  const output =
    lines.slice(0, 3).join('\n') + '\n' + formatMarker({ count: lines.length - 3, unit: 'lines', id: restId });
  return { output, compressed: true, kind: 'log', ccr: [restId], originalId };
}

/** A tool output big enough to compress: `n` log lines, deterministic per seed. */
export function toolLog(seed: number, n = 60): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++)
    out.push(
      `2024-05-01T10:00:${String(i % 60).padStart(2, '0')}Z INFO worker-${seed} handled job ${seed * 1000 + i} in ` +
        `${(i * 7 + seed) % 90}ms`,
    );
  return out.join('\n');
}
