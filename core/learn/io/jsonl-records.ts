import { readLines } from './lines.js';

export interface JsonlContext {
  signal?: AbortSignal;
  stats: { linesSkipped: number };
}

/**
 * The JSON object records of a JSONL session log, streamed. Lines `wanted` rejects are skipped without parsing (the
 * cheap prefilter that keeps 500 MB of logs fast); a rejected line that is not even JSON-shaped, an unparsable line
 * and an oversized line count as skipped. `wanted` is called lazily, line by line, so it may read state the caller
 * updates while consuming records.
 */
export async function* jsonlRecords(
  path: string,
  ctx: JsonlContext,
  wanted: (line: string) => boolean = () => true,
): AsyncGenerator<Record<string, unknown>> {
  for await (const line of readLines(path, { signal: ctx.signal, onOversize: () => ctx.stats.linesSkipped++ })) {
    if (!line.trim()) continue;
    if (!wanted(line)) {
      if (!line.trimStart().startsWith('{')) ctx.stats.linesSkipped++;
      continue;
    }
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch {
      ctx.stats.linesSkipped++;
      continue;
    }
    if (typeof rec === 'object' && rec !== null && !Array.isArray(rec)) yield rec as Record<string, unknown>;
  }
}
