import { aggregate, type SessionOccurrences } from './mine/aggregate.js';
import { mineCorrections } from './mine/corrections.js';
import { mineLoops } from './mine/loops.js';
import { mineReads } from './mine/reads.js';
import { mineUserCorrections } from './mine/user-corrections.js';
import { sourcesFor } from './sources/index.js';
import type { Occurrence } from './mine/occurrence.js';
import type { SessionFile, Source, SourceContext } from './sources/source.js';
import type { AgentId, Lesson, Session } from './types.js';

export interface ScanOptions {
  agents?: readonly AgentId[];
  maxLessons: number;
  maxPerTopic: number;
  /** Files parsed at once (I/O overlap; memory is bounded per file). */
  concurrency?: number;
  onProgress?: (p: { done: number; total: number; file: string }) => void;
}

export interface ScanResult {
  filesRead: number;
  sessionsRead: number;
  bySource: Partial<Record<AgentId, number>>;
  failures: number;
  toolCalls: number;
  lessons: Lesson[];
  searched: string[];
}

/**
 * Finds every session file of the workspace, parses each (streamed, a few at a time), mines it at once and keeps only
 * its occurrences — a session's calls are dropped as soon as it is mined, so memory does not grow with the logs.
 */
export async function scan(ctx: SourceContext, opts: ScanOptions): Promise<ScanResult> {
  const sources = sourcesFor(opts.agents);
  const work: { source: Source; file: SessionFile }[] = [];
  const searched: string[] = [];
  for (const source of sources) {
    const found = await source.discover(ctx);
    searched.push(...found.searched);
    // a file last written before the window cannot hold a session inside it
    for (const file of found.files) if (file.mtimeMs >= ctx.since) work.push({ source, file });
  }
  // fixed order (agent order, then path): results are merged in it, so the output never depends on I/O timing
  const sorted = work
    .map((w, i) => ({ ...w, i }))
    .sort(
      (a, b) =>
        sources.indexOf(a.source) - sources.indexOf(b.source) ||
        (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : a.i - b.i),
    );
  const results: (SessionOccurrences & { calls: number; failures: number })[] = new Array(sorted.length);
  const kept: boolean[] = new Array(sorted.length).fill(false);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < sorted.length) {
      ctx.signal?.throwIfAborted();
      const k = next++;
      const { source, file } = sorted[k];
      let session: Session | null = null;
      try {
        session = await source.parse(file, ctx);
      } catch (err) {
        if (ctx.signal?.aborted) throw err;
        // an unreadable file is skipped like a corrupt line: one bad log never stops the run
        ctx.stats.linesSkipped++;
      }
      if (session && session.lastTime >= ctx.since && (session.calls.length || session.users.length)) {
        results[k] = {
          agent: session.agent,
          sessionId: session.id,
          lastTime: session.lastTime,
          occurrences: mine(session),
          calls: session.calls.length,
          failures: session.calls.filter((c) => c.failed).length,
        };
        kept[k] = true;
      }
      opts.onProgress?.({ done: ++done, total: sorted.length, file: file.path });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 4) }, worker));

  const sessions = results.filter((_, k) => kept[k]);
  const bySource: Partial<Record<AgentId, number>> = {};
  for (const s of sessions) bySource[s.agent] = (bySource[s.agent] ?? 0) + 1;
  return {
    filesRead: sorted.length,
    sessionsRead: sessions.length,
    bySource,
    failures: sessions.reduce((n, s) => n + s.failures, 0),
    toolCalls: sessions.reduce((n, s) => n + s.calls, 0),
    lessons: aggregate(sessions, opts),
    searched,
  };
}

/** Every miner over one session, in a fixed order. */
export function mine(session: Session): Occurrence[] {
  return [...mineCorrections(session), ...mineLoops(session), ...mineReads(session), ...mineUserCorrections(session)];
}
