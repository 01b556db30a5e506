import type { Node, QueryMatch } from 'web-tree-sitter';

/** A function, method or callback whose body may be elided. Offsets index the parsed source (UTF-16 units). */
export interface CodeDef {
  /** Name as matched against the question: last `::`/`.` segment, lower-cased ('' for callbacks). */
  key: string;
  /** Name shown in markers: `Class.method`, `Receiver.Method`, `callback passed to describe`. */
  display: string;
  anonymous: boolean;
  start: number;
  end: number;
  bodyStart: number;
  bodyEnd: number;
  /** End offset of a docstring that is the body's first statement. */
  docEnd?: number;
  hasError: boolean;
  /** Defined inside another definition's body (a closure, a callback, a nested helper). */
  nested: boolean;
  /** Lower-cased names this definition calls directly (not through a nested definition). */
  calls: Set<string>;
}

export interface CodeClass {
  key: string;
  name: string;
  start: number;
  end: number;
}

/** A comment (or a module/class docstring), as source offsets. */
export interface Span {
  start: number;
  end: number;
}

export interface Outline {
  defs: CodeDef[];
  classes: CodeClass[];
  /** Sorted by start. */
  comments: Span[];
}

const MAX_NAME = 60;

/** Turns the language query's matches into definitions (sorted by start, outer first), classes and call sites. */
export function buildOutline(matches: QueryMatch[]): Outline {
  const byBody = new Map<string, CodeDef>();
  const classes: CodeClass[] = [];
  const docstrings = new Map<number, number>();
  const calls: { at: number; name: string }[] = [];
  const comments: Span[] = [];
  const scopes = new Map<CodeDef, string>();

  for (const m of matches) {
    let fn: Node | undefined,
      body: Node | undefined,
      name: Node | undefined,
      anon: Node | undefined,
      cls: Node | undefined,
      scope: Node | undefined;
    for (const c of m.captures) {
      switch (c.name) {
        case 'function':
          fn = c.node;
          break;
        case 'body':
          body = c.node;
          break;
        case 'name':
          name = c.node;
          break;
        case 'anonymous':
          anon = c.node;
          break;
        case 'class':
          cls = c.node;
          break;
        case 'scope':
          scope = c.node;
          break;
        case 'docstring':
          docstrings.set(c.node.startIndex, c.node.endIndex);
          break;
        case 'comment':
          comments.push({ start: c.node.startIndex, end: c.node.endIndex });
          break;
        case 'call':
          calls.push({ at: c.node.startIndex, name: lastSegment(c.node.text).toLowerCase() });
          break;
      }
    }
    if (fn && body) {
      const key = `${body.startIndex}:${body.endIndex}`;
      const existing = byBody.get(key);
      if (existing && !(existing.anonymous && name)) continue; // first named pattern wins
      const shown = name ? cleanName(name.text) : `callback passed to ${cleanName(anon?.text ?? 'call')}`;
      const def: CodeDef = {
        key: name ? lastSegment(shown).toLowerCase() : '',
        display: shown,
        anonymous: !name,
        start: fn.startIndex,
        end: fn.endIndex,
        bodyStart: body.startIndex,
        bodyEnd: body.endIndex,
        hasError: body.hasError,
        nested: false,
        calls: new Set(),
      };
      byBody.set(key, def);
      if (scope) scopes.set(def, cleanName(scope.text));
    } else if (cls && name) {
      const shown = cleanName(name.text);
      classes.push({ key: lastSegment(shown).toLowerCase(), name: shown, start: cls.startIndex, end: cls.endIndex });
    }
  }

  const defs = [...byBody.values()].sort((a, b) => a.start - b.start || b.end - a.end);
  classes.sort((a, b) => a.start - b.start || b.end - a.end);
  for (const d of defs) {
    const doc = docstrings.get(d.bodyStart);
    if (doc !== undefined) d.docEnd = doc;
  }
  markNested(defs);
  qualify(defs, classes, scopes);
  attributeCalls(defs, calls);
  comments.sort((a, b) => a.start - b.start);
  return { defs, classes, comments };
}

/** `Class.method` for methods inside a class/impl/namespace, `Receiver.Method` for Go methods. */
function qualify(defs: CodeDef[], classes: CodeClass[], scopes: Map<CodeDef, string>): void {
  const owners = innermost(
    classes,
    defs.map((d) => d.start),
  );
  defs.forEach((d, i) => {
    if (d.anonymous) return;
    const owner = scopes.get(d) ?? owners[i]?.name;
    if (owner && !d.display.includes('::') && !d.display.includes('.')) d.display = `${owner}.${d.display}`;
  });
}

function markNested(defs: CodeDef[]): void {
  const owners = innermost(
    defs.map((d) => ({ start: d.bodyStart, end: d.bodyEnd })),
    defs.map((d) => d.start),
  );
  defs.forEach((d, i) => (d.nested = owners[i] !== undefined));
}

/** Each call belongs to the innermost definition whose body holds it. */
function attributeCalls(defs: CodeDef[], calls: { at: number; name: string }[]): void {
  calls.sort((a, b) => a.at - b.at);
  const bodies = defs
    .map((d) => ({ start: d.bodyStart, end: d.bodyEnd, def: d }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const owners = innermost(
    bodies,
    calls.map((c) => c.at),
  );
  calls.forEach((c, i) => owners[i]?.def.calls.add(c.name));
}

/**
 * For sorted points, the innermost of the properly nested intervals (sorted by start, outer first) containing each.
 * One sweep with a stack: linear in intervals + points.
 */
export function innermost<T extends { start: number; end: number }>(
  intervals: T[],
  sortedPoints: number[],
): (T | undefined)[] {
  const out: (T | undefined)[] = new Array(sortedPoints.length);
  const stack: T[] = [];
  let next = 0;
  for (let i = 0; i < sortedPoints.length; i++) {
    const p = sortedPoints[i];
    while (next < intervals.length && intervals[next].start <= p) {
      const iv = intervals[next++];
      while (stack.length && stack[stack.length - 1].end <= iv.start) stack.pop();
      stack.push(iv);
    }
    while (stack.length && stack[stack.length - 1].end <= p) stack.pop();
    out[i] = stack[stack.length - 1];
  }
  return out;
}

function cleanName(text: string): string {
  const one = text
    .split('\n', 1)[0]
    .replace(/^['"`]|['"`]$/g, '')
    .trim();
  return one.length > MAX_NAME ? one.slice(0, MAX_NAME) + '…' : one;
}

function lastSegment(name: string): string {
  const parts = name.split(/::|\./);
  return parts[parts.length - 1] || name;
}
