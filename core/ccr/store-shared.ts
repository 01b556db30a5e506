/**
 * The shared-context tables of the store (memory findings, seen outputs, the dedup log), as plain functions over the
 * store's database: SqlJsStore delegates to them, which keeps store.ts about persistence. Every query filters on the
 * workspace id it is given; nothing here reads across workspaces.
 */
import type { Database, SqlValue } from 'sql.js';
import type { DedupTotals, MemoryEntry, MemoryHit, MemoryInput, SeenNote, SeenResult } from './store-types.js';
import type { Statements } from './store-statements.js';
import { row, rows } from './store-db.js';
import { contentId } from '../util/hash.js';
import { queryTerms, termHits } from '../util/query.js';

/** Longest finding accepted: memory is for conclusions and pointers, not for whole tool outputs (those are CCR). */
export const MAX_MEMORY_CHARS = 8000;
export const MAX_MEMORY_TAGS = 16;
/** Memory entries kept per store, newest first. */
export const KEEP_MEMORY_ROWS = 10_000;
const MAX_SEARCH_RESULTS = 50;

function parseTags(v: SqlValue): string[] {
  try {
    const t: unknown = JSON.parse(String(v));
    return Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function normalizeTags(tags: readonly string[] | undefined): string[] {
  const out = new Set<string>();
  for (const t of tags ?? []) {
    const s = String(t).trim().toLowerCase().slice(0, 64);
    if (s) out.add(s);
  }
  return [...out].sort().slice(0, MAX_MEMORY_TAGS);
}

export function memoryPut(st: Statements, workspace: string, input: MemoryInput, now: number): MemoryEntry {
  const text = input.text;
  if (typeof text !== 'string' || text.trim() === '') throw new RangeError('a memory entry needs non-empty text');
  if (text.length > MAX_MEMORY_CHARS)
    throw new RangeError(
      `a memory entry holds at most ${MAX_MEMORY_CHARS} characters (got ${text.length}); store a summary and the CCR ` +
        `id of the full output`,
    );
  const id = contentId(text);
  const old = row(st.getMemoryEntry, [workspace, id]);
  const tags = normalizeTags([...(old ? parseTags(old[2]) : []), ...(input.tags ?? [])]);
  const agent = input.agent ?? (old && old[1] !== null ? String(old[1]) : undefined);
  st.putMemoryEntry.run([workspace, id, now, agent ?? null, JSON.stringify(tags), text]);
  return { id, workspace, time: now, text, tags, ...(agent ? { agent } : {}) };
}

function toEntry(workspace: string, [id, time, agent, tags, text]: SqlValue[]): MemoryEntry {
  return {
    id: String(id),
    workspace,
    time: Number(time),
    text: String(text),
    tags: parseTags(tags),
    ...(agent === null ? {} : { agent: String(agent) }),
  };
}

/**
 * Term search: a LIKE per query term narrows the workspace's rows in SQLite, then entries are ranked by distinct
 * terms matched in text and tags, newest first among equals, id last (deterministic order).
 */
export function memorySearch(db: Database, st: Statements, workspace: string, query: string, limit = 10): MemoryHit[] {
  const n = Math.max(1, Math.min(MAX_SEARCH_RESULTS, Math.floor(limit)));
  const terms = queryTerms(query);
  if (terms.length === 0)
    return rows(st.recentMemory, [workspace, n]).map((r) => ({ ...toEntry(workspace, r), score: 0 }));
  const like = terms.map(() => `text LIKE ? ESCAPE '\\' OR tags LIKE ? ESCAPE '\\'`).join(' OR ');
  const params: SqlValue[] = [workspace];
  for (const t of terms) {
    const pattern = `%${t.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    params.push(pattern, pattern);
  }
  const stmt = db.prepare(`SELECT id, time, agent, tags, text FROM memory WHERE workspace = ? AND (${like})`);
  let found: SqlValue[][];
  try {
    found = rows(stmt, params);
  } finally {
    stmt.free();
  }
  return found
    .map((r) => {
      const e = toEntry(workspace, r);
      return { ...e, score: termHits((e.text + '\n' + e.tags.join(' ')).toLowerCase(), terms) };
    })
    .filter((h) => h.score > 0)
    .sort((a, b) => b.score - a.score || b.time - a.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, n);
}

export function memoryCount(st: Statements, workspace: string): number {
  return Number(row(st.memoryCount, [workspace])?.[0] ?? 0);
}

export function noteSeen(st: Statements, note: SeenNote): SeenResult {
  const prior = row(st.getSeen, [note.workspace, note.contentId]);
  st.putSeen.run([note.workspace, note.contentId, note.runId, note.agent, note.time]);
  if (!prior) return { duplicate: false, first: { runId: note.runId, agent: note.agent, time: note.time } };
  const first = { runId: String(prior[0]), agent: String(prior[1]), time: Number(prior[2]) };
  if (first.runId === note.runId) return { duplicate: false, first };
  st.putDedup.run([
    note.workspace,
    note.contentId,
    note.runId,
    note.agent,
    first.runId,
    first.agent,
    Math.max(0, Math.round(note.tokens)),
    note.time,
  ]);
  return { duplicate: true, first };
}

export function dedupTotals(st: Statements, workspace: string, sinceTime?: number): DedupTotals {
  const [outputs, tokens] = row(st.dedupTotals, [workspace, sinceTime ?? Number.MIN_SAFE_INTEGER]) ?? [];
  return { outputs: Number(outputs ?? 0), tokens: Number(tokens ?? 0) };
}
