import { mergeKey, sanitize } from './phrase.js';
import { TOPICS, type Lesson, type Topic } from './types.js';

export const BLOCK_START = '<!-- headroom:learn:start -->';
export const BLOCK_END = '<!-- headroom:learn:end -->';
const DAY = 86_400_000;

/** A lesson line as it stands in a file's block (read back to merge and expire). */
export interface BlockLesson {
  topic: Topic;
  text: string;
  count: number;
  sessions: number;
  /** `YYYY-MM-DD` of the last sighting. */
  last: string;
}

/** Thrown when a file's markers are damaged (one without the other, twice, or out of order): never guess there. */
export class LearnBlockError extends Error {
  override name = 'LearnBlockError';
}

const LINE_RE = /^- (.+) — seen (\d+)× in (\d+) sessions? \(last (\d{4}-\d{2}-\d{2})\)$/;
const day = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** The Markdown block for these lessons (grouped by topic, fixed order), or '' when there is nothing to say. */
export function renderBlock(lessons: readonly BlockLesson[], ttlDays: number): string {
  if (lessons.length === 0) return '';
  const lines = [
    BLOCK_START,
    '## Lessons from past agent sessions',
    '',
    "<!-- Written by Headroom Learn (`headroom learn`) from this workspace's agent logs. Edit outside these markers; " +
      `lessons not seen for ${ttlDays} days expire. -->`,
  ];
  for (const topic of TOPICS) {
    const mine = lessons.filter((l) => l.topic === topic);
    if (!mine.length) continue;
    lines.push('', `### ${topic}`, '');
    for (const l of mine)
      lines.push(
        `- ${sanitize(l.text)} — seen ${l.count}× in ${l.sessions} session${l.sessions === 1 ? '' : 's'}` +
          ` (last ${l.last})`,
      );
  }
  lines.push(BLOCK_END);
  return lines.join('\n');
}

/** Where the block sits in a file, or null; throws LearnBlockError on damaged markers. */
export function findBlock(text: string): { start: number; end: number } | null {
  const start = text.indexOf(BLOCK_START);
  const end = text.indexOf(BLOCK_END);
  if (start < 0 && end < 0) return null;
  if (
    start < 0 ||
    end < 0 ||
    end < start ||
    text.indexOf(BLOCK_START, start + 1) >= 0 ||
    text.indexOf(BLOCK_END, end + 1) >= 0
  )
    throw new LearnBlockError(
      `the ${BLOCK_START} / ${BLOCK_END} markers are damaged (one is missing, doubled or out of order); ` +
        'fix them by hand',
    );
  return { start, end: end + BLOCK_END.length };
}

/** The lessons currently in a file's block ([] when there is no block). */
export function parseBlock(fileText: string): BlockLesson[] {
  const at = findBlock(fileText);
  if (!at) return [];
  const out: BlockLesson[] = [];
  let topic: Topic | undefined;
  for (const raw of fileText.slice(at.start, at.end).split('\n')) {
    const line = raw.replace(/\r$/, '');
    const h = /^### (.+)$/.exec(line);
    if (h) {
      topic = TOPICS.find((t) => t === h[1].trim());
      continue;
    }
    const m = LINE_RE.exec(line);
    if (m && topic) out.push({ topic, text: m[1], count: Number(m[2]), sessions: Number(m[3]), last: m[4] });
  }
  return out;
}

/**
 * Fresh lessons (ranked) first within each topic, then the file's earlier lessons that this run did not find but
 * that were seen within `ttlDays` of `now` — logs rotate, a lesson should not vanish with them; past that it expires.
 */
export function mergeLessons(
  fresh: readonly Lesson[],
  existing: readonly BlockLesson[],
  now: number,
  ttlDays: number,
  maxPerTopic: number,
): BlockLesson[] {
  const cutoff = day(now - ttlDays * DAY);
  const freshKeys = new Set(fresh.map((l) => mergeKey(l.text)));
  const out: BlockLesson[] = [];
  for (const topic of TOPICS) {
    const mine: BlockLesson[] = fresh
      .filter((l) => l.topic === topic)
      .map((l) => ({ topic, text: l.text, count: l.count, sessions: l.sessions, last: day(l.lastSeen) }));
    for (const old of existing) {
      if (old.topic !== topic || old.last < cutoff || freshKeys.has(mergeKey(old.text))) continue;
      if (mine.some((m) => mergeKey(m.text) === mergeKey(old.text))) continue;
      mine.push(old);
    }
    out.push(...mine.slice(0, maxPerTopic));
  }
  return out;
}

/**
 * Puts `block` into `fileText`: replaces the existing block in place, or appends it after a blank line; an empty
 * block removes an existing one. Text outside the markers is never changed, line endings follow the file, and
 * applying the same block twice changes nothing. Pure; throws LearnBlockError on damaged markers.
 */
export function applyLearnBlock(fileText: string, block: string): string {
  const eol = fileText.includes('\r\n') ? '\r\n' : '\n';
  const b = block.replace(/\r?\n/g, eol);
  const at = findBlock(fileText);
  if (at) {
    if (b) return fileText.slice(0, at.start) + b + fileText.slice(at.end);
    // removing: take the block's own line and one blank line that the append put before it
    let start = at.start;
    let end = at.end;
    if (fileText.startsWith(eol, end)) end += eol.length;
    if (fileText.slice(0, start).endsWith(eol + eol)) start -= eol.length;
    return fileText.slice(0, start) + fileText.slice(end);
  }
  if (!b) return fileText;
  if (fileText === '') return b + eol;
  const sep = fileText.endsWith(eol + eol) ? '' : fileText.endsWith(eol) ? eol : eol + eol;
  return fileText + sep + b + eol;
}
