import type { Hunk } from './parse.js';

/** Names listed per kind of change in a lock-file summary; the rest are counted. */
const MAX_NAMES = 6;

/** Which packages a lock-file diff adds, removes and updates, read from its changed lines. */
export interface LockChanges {
  added: string[];
  removed: string[];
  updated: string[];
}

/**
 * Reads package names from the entries a lock-file diff touches (package-lock / npm-shrinkwrap, yarn.lock,
 * pnpm-lock.yaml, Cargo.lock, go.sum). A name both removed and added is an update. Unknown formats give no names.
 */
export function lockChanges(path: string, hunks: readonly Hunk[]): LockChanges {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const added = new Set<string>();
  const removed = new Set<string>();
  const updated = new Set<string>();
  const npm = base === 'package-lock.json' || base === 'npm-shrinkwrap.json';
  for (const h of hunks) {
    let current: string | undefined;
    for (const line of h.body) {
      const sign = line[0];
      if (npm) {
        // `"node_modules/@scope/name": {` opens an entry; `"version": "x"` under an entry that stays is an update
        const key = /^[ +-]\s*"([^"]*node_modules\/[^"]+)": \{$/.exec(line);
        if (key) {
          current = key[1].slice(key[1].lastIndexOf('node_modules/') + 'node_modules/'.length);
          if (sign === '+') added.add(current);
          else if (sign === '-') removed.add(current);
          continue;
        }
        const v = sign === '+' && current && !added.has(current) ? /^\+\s*"version": "([^"]+)"/.exec(line) : null;
        if (v && current) updated.add(`${current}@${v[1]}`);
        continue;
      }
      if (sign !== '+' && sign !== '-') continue;
      const name = entryName(base, line.slice(1));
      if (name) (sign === '+' ? added : removed).add(name);
    }
  }
  for (const n of [...added]) {
    if (!removed.has(n)) continue;
    added.delete(n);
    removed.delete(n);
    updated.add(n);
  }
  return { added: [...added], removed: [...removed], updated: [...updated] };
}

function entryName(base: string, rest: string): string | undefined {
  let m: RegExpExecArray | null = null;
  if (base === 'yarn.lock') m = /^"?((?:@[\w.-]+\/)?[\w.-]+)@/.exec(rest);
  else if (base === 'pnpm-lock.yaml') m = /^ {2,4}'?\/?((?:@[\w.-]+\/)?[\w.-]+)@\d/.exec(rest);
  else if (base === 'Cargo.lock') m = /^name = "([^"]+)"/.exec(rest);
  else if (base === 'go.sum') m = /^(\S+) v\d/.exec(rest);
  return m?.[1];
}

/** `added a, b, c +4; removed d; updated e@1.2.3` — empty when nothing was recognised. */
export function describeLockChanges(c: LockChanges): string {
  const part = (label: string, names: string[]): string | undefined => {
    if (names.length === 0) return undefined;
    const shown = names.slice(0, MAX_NAMES).join(', ');
    return `${label} ${shown}${names.length > MAX_NAMES ? ` +${names.length - MAX_NAMES}` : ''}`;
  };
  return [part('added', c.added), part('removed', c.removed), part('updated', c.updated)].filter(Boolean).join('; ');
}
