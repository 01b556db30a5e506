import type { CompressContext } from '../../../core/types.js';
import { contentId } from '../../../core/util/hash.js';
import { queryTerms } from '../../../core/util/query.js';
import { markerIds } from '../../../core/ccr/marker.js';

/** A compress context whose stash is a visible map, like the pipeline's. */
export function stashCtx(query = ''): { ctx: CompressContext; stash: Map<string, string> } {
  const stash = new Map<string, string>();
  const ctx: CompressContext = {
    query,
    queryTerms: queryTerms(query),
    stash(content) {
      const id = contentId(content);
      stash.set(id, content);
      return id;
    },
  };
  return { ctx, stash };
}

/** The stashed contents the output's markers name, in marker order; fails on an id nobody stashed. */
export function redeemed(output: string, stash: ReadonlyMap<string, string>): string[] {
  return markerIds(output).map((id) => {
    const c = stash.get(id);
    if (c === undefined) throw new Error(`marker id ${id} was never stashed`);
    return c;
  });
}
