/**
 * A list of file paths written compactly for a note: paths that differ in one segment share it as a brace group
 * (`apps/web/src/lib/{cart,orders}/session-cache.ts`), with the common start and end of the alternatives factored
 * out (`test/mocks/{cart,checkout}-auth.mock.ts`). Brace expansion gives back every path exactly. Groups keep the
 * order of their first path; the rest of the list keeps the input order; a repeated path is listed once.
 */

/** Linear in paths × segments; a note shows a few hundred characters, so only the first MAX_PATHS are folded. */
const MAX_PATHS = 100;

export function foldPaths(paths: readonly string[]): string[] {
  return foldPathGroups(paths).map((g) => g.text);
}

/** One entry of a folded list: its text and the indexes (into the input) of the paths it stands for. */
export interface FoldedGroup {
  text: string;
  members: number[];
}

/** Like foldPaths, with the input indexes each entry covers (a repeated path joins its first copy's entry). */
export function foldPathGroups(paths: readonly string[]): FoldedGroup[] {
  const firstOf = new Map<string, number>();
  const unique: string[] = [];
  const owner: number[] = [];
  for (let i = 0; i < paths.length; i++) {
    let u = firstOf.get(paths[i]);
    if (u === undefined && unique.length < MAX_PATHS) {
      u = unique.length;
      firstOf.set(paths[i], u);
      unique.push(paths[i]);
    }
    owner.push(u ?? -1);
  }
  const segs = unique.map((p) => p.split('/'));
  // candidate groups: all paths with the same segments except one position (prefix and suffix sliced from the path)
  const groups = new Map<string, number[]>();
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    const path = unique[i];
    let start = 0;
    for (let k = 0; k < s.length; k++) {
      const end = start + s[k].length;
      const key = `${s.length}\u0000${k}\u0000${path.slice(0, start)}\u0000${path.slice(end)}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = []));
      g.push(i);
      start = end + 1;
    }
  }
  const candidates = [...groups.entries()].filter(([, g]) => g.length >= 2);
  // biggest groups first; ties by their first path, then key, so the result does not depend on Map order
  candidates.sort((a, b) => b[1].length - a[1].length || a[1][0] - b[1][0] || (a[0] < b[0] ? -1 : 1));
  const taken = new Int32Array(unique.length).fill(-1);
  const formed: string[] = [];
  for (const [key, members] of candidates) {
    const free = members.filter((i) => taken[i] < 0);
    if (free.length < 2) continue;
    const k = Number(key.split('\u0000')[1]);
    for (const i of free) taken[i] = formed.length;
    formed.push(braceGroup(segs, free, k));
  }
  // entries in the order of their first path; each collects the input indexes of its paths
  const out: FoldedGroup[] = [];
  const entryOfUnique = new Int32Array(unique.length).fill(-1);
  const entryOfGroup = new Map<number, number>();
  for (let u = 0; u < unique.length; u++) {
    const g = taken[u];
    if (g < 0) {
      entryOfUnique[u] = out.length;
      out.push({ text: unique[u], members: [] });
    } else {
      let e = entryOfGroup.get(g);
      if (e === undefined) {
        e = out.length;
        entryOfGroup.set(g, e);
        out.push({ text: formed[g], members: [] });
      }
      entryOfUnique[u] = e;
    }
  }
  for (let i = 0; i < paths.length; i++) if (owner[i] >= 0) out[entryOfUnique[owner[i]]].members.push(i);
  return out;
}

function braceGroup(segs: readonly string[][], members: readonly number[], k: number): string {
  const s = segs[members[0]];
  const alts = members.map((i) => segs[i][k]);
  const pre = commonPrefix(alts);
  const suf = commonSuffix(alts.map((a) => a.slice(pre.length)));
  const middle = alts.map((a) => a.slice(pre.length, a.length - suf.length));
  const head = s.slice(0, k).join('/');
  const tail = s.slice(k + 1).join('/');
  return `${head ? head + '/' : ''}${pre}{${middle.join(',')}}${suf}${tail ? '/' + tail : ''}`;
}

/** Where a factored start or end may stop: after/before a `-`, `_` or `.` (`session-{14,18}.json`, not `1{4,8}`). */
const SEPARATOR = /[-_.]/;

function commonPrefix(xs: readonly string[]): string {
  let p = xs[0];
  for (const x of xs) while (!x.startsWith(p)) p = p.slice(0, -1);
  while (p.length > 0 && !SEPARATOR.test(p[p.length - 1])) p = p.slice(0, -1);
  // never leave an alternative empty: `{,x}` reads badly
  return xs.some((x) => x.length === p.length) ? '' : p;
}

function commonSuffix(xs: readonly string[]): string {
  let s = xs[0];
  for (const x of xs) while (!x.endsWith(s)) s = s.slice(1);
  while (s.length > 0 && !SEPARATOR.test(s[0])) s = s.slice(1);
  return xs.some((x) => x.length === s.length) ? '' : s;
}
