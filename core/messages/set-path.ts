import type { JsonPath } from './types.js';

/**
 * Returns a copy of `root` with the value at `path` replaced; only the containers along the path are copied, every
 * other value is shared, and object key order is kept (a replaced key stays where it was).
 */
export function setPath<T>(root: T, path: JsonPath, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = root.slice();
    copy[head as number] = setPath(copy[head as number], rest, value);
    return copy as T;
  }
  const obj = root as Record<string, unknown>;
  return { ...obj, [head]: setPath(obj[head as string], rest, value) } as T;
}
