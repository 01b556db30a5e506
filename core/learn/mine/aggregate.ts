import { mergeKey } from '../phrase.js';
import type { AgentId, Lesson, Topic } from '../types.js';
import type { Occurrence } from './occurrence.js';

/** What the aggregator needs of a session besides its occurrences. */
export interface SessionOccurrences {
  agent: AgentId;
  sessionId: string;
  lastTime: number;
  occurrences: Occurrence[];
}

export interface RankOptions {
  maxLessons: number;
  maxPerTopic: number;
}

interface Group {
  key: string;
  kind: Lesson['kind'];
  topic: Topic;
  texts: Map<string, number>;
  count: number;
  sessions: Set<string>;
  tokens: number;
  lastSeen: number;
  agents: Set<AgentId>;
  bad?: string;
  fix?: string;
}

/**
 * Groups occurrences across sessions and agents into lessons, ranked by frequency × tokens wasted. Feed sessions in
 * a fixed order (the scan sorts them by file): the result is then the same bytes every run.
 */
export function aggregate(sessions: readonly SessionOccurrences[], opts: RankOptions): Lesson[] {
  const groups = new Map<string, Group>();
  for (const s of sessions) {
    const sid = `${s.agent}:${s.sessionId}`;
    for (const o of s.occurrences) {
      let g = groups.get(o.key);
      if (!g) {
        g = {
          key: o.key,
          kind: o.kind,
          topic: o.topic,
          texts: new Map(),
          count: 0,
          sessions: new Set(),
          tokens: 0,
          lastSeen: 0,
          agents: new Set(),
          bad: o.bad,
          fix: o.fix,
        };
        groups.set(o.key, g);
      }
      g.texts.set(o.text, (g.texts.get(o.text) ?? 0) + 1);
      g.count++;
      g.sessions.add(sid);
      g.tokens += o.tokens;
      g.lastSeen = Math.max(g.lastSeen, o.time ?? s.lastTime);
      g.agents.add(s.agent);
    }
  }
  foldInto(
    groups,
    (g) => g.kind === 'failure' && g.bad !== undefined,
    (g, c) => c.kind === 'correction' && c.bad === g.bad,
  );
  foldInto(
    groups,
    (g) => g.kind === 'user',
    (g, c) => c.kind === 'correction' && c.fix !== undefined && mentions(firstText(g), c.fix),
  );

  const lessons: Lesson[] = [];
  for (const g of groups.values()) {
    // one failure with no fix is an accident; twice is a pattern
    if (g.kind === 'failure' && g.count < 2) continue;
    lessons.push({
      topic: g.topic,
      text: firstText(g),
      count: g.count,
      sessions: g.sessions.size,
      tokensWasted: g.tokens,
      lastSeen: g.lastSeen,
      agents: [...g.agents].sort(),
      kind: g.kind,
    });
  }
  lessons.sort(byRank);
  return cap(dedupe(lessons), opts);
}

const score = (l: Lesson): number => l.count * Math.max(1, l.tokensWasted);

export function byRank(a: Lesson, b: Lesson): number {
  return score(b) - score(a) || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0);
}

/** The most frequent wording of a group (ties: the smallest string), so more evidence never flips the text. */
function firstText(g: Group): string {
  let best = '';
  let n = -1;
  for (const [t, c] of g.texts) if (c > n || (c === n && t < best)) [best, n] = [t, c];
  return best;
}

function mentions(said: string, command: string): boolean {
  return said.toLowerCase().includes(command.toLowerCase());
}

/** Moves groups that match `from` into the best `into` group (most evidence, then smallest key). */
function foldInto(
  groups: Map<string, Group>,
  from: (g: Group) => boolean,
  into: (g: Group, c: Group) => boolean,
): void {
  const all = [...groups.values()];
  for (const g of all) {
    if (!from(g)) continue;
    const target = all
      .filter((c) => c !== g && groups.has(c.key) && into(g, c))
      .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1))[0];
    if (!target) continue;
    target.count += g.count;
    for (const s of g.sessions) target.sessions.add(s);
    for (const a of g.agents) target.agents.add(a);
    target.tokens += g.tokens;
    target.lastSeen = Math.max(target.lastSeen, g.lastSeen);
    groups.delete(g.key);
  }
}

/** Two lessons that say the same thing (same merge key): the better-ranked one stays. */
function dedupe(sorted: Lesson[]): Lesson[] {
  const seen = new Set<string>();
  return sorted.filter((l) => {
    const k = mergeKey(l.text);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function cap(sorted: Lesson[], opts: RankOptions): Lesson[] {
  const perTopic = new Map<Topic, number>();
  const out: Lesson[] = [];
  for (const l of sorted) {
    if (out.length >= opts.maxLessons) break;
    const n = perTopic.get(l.topic) ?? 0;
    if (n >= opts.maxPerTopic) continue;
    perTopic.set(l.topic, n + 1);
    out.push(l);
  }
  return out;
}
