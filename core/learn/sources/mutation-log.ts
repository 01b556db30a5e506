import { isObj } from './source.js';

/**
 * Replays VS Code's ObjectMutationLog (chat sessions as `.jsonl`, microsoft/vscode objectMutationLog.ts): the first
 * line `{kind: 0, v}` is the whole state, then `{kind: 1, k: path, v}` sets, `{kind: 2, k, v?: items, i?}` pushes
 * (truncating to `i` first) and `{kind: 3, k}` deletes. Lines are parsed one at a time; the state is one session.
 * A line that does not parse or does not apply is skipped and counted.
 */
export async function replayMutationLog(lines: AsyncIterable<string>, onSkip: () => void): Promise<unknown> {
  let state: unknown;
  for await (const line of lines) {
    if (!line.trim()) continue;
    let e: unknown;
    try {
      e = JSON.parse(line);
    } catch {
      onSkip();
      continue;
    }
    if (!isObj(e)) {
      onSkip();
      continue;
    }
    if (e.kind === 0) {
      state = e.v;
      continue;
    }
    const path = Array.isArray(e.k) ? e.k : undefined;
    if (state === undefined || !path || !apply(state, path, e)) onSkip();
  }
  return state;
}

type Container = Record<string | number, unknown>;

function apply(state: unknown, path: unknown[], e: Record<string, unknown>): boolean {
  if (path.length === 0) return false;
  let node: unknown = state;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    if (!(typeof key === 'string' || typeof key === 'number') || typeof node !== 'object' || node === null)
      return false;
    node = (node as Container)[key];
  }
  const last = path[path.length - 1];
  if (!(typeof last === 'string' || typeof last === 'number') || typeof node !== 'object' || node === null)
    return false;
  const parent = node as Container;
  if (e.kind === 1) parent[last] = e.v;
  else if (e.kind === 3) delete parent[last];
  else if (e.kind === 2) {
    const arr = parent[last];
    const target = Array.isArray(arr) ? arr : [];
    if (typeof e.i === 'number') target.length = Math.min(target.length, e.i);
    if (Array.isArray(e.v)) for (const item of e.v as unknown[]) target.push(item);
    parent[last] = target;
  } else return false;
  return true;
}
