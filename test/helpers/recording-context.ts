import type { CompressContext } from '../../core/types.js';
import { contentId } from '../../core/util/hash.js';
import { queryTerms } from '../../core/util/query.js';
import { markerIds } from '../../core/ccr/marker.js';

/** A compress context whose stash is a visible map, like the pipeline's: every test of a compressor starts here. */
export interface RecordingContext extends CompressContext {
  stashed: Map<string, string>;
}

export function recordingContext(query = ''): RecordingContext {
  const stashed = new Map<string, string>();
  return {
    query,
    queryTerms: queryTerms(query),
    stashed,
    stash(content: string) {
      const id = contentId(content);
      stashed.set(id, content);
      return id;
    },
  };
}

/** The same, as `{ ctx, stash }`. */
export function stashCtx(query = ''): { ctx: CompressContext; stash: Map<string, string> } {
  const ctx = recordingContext(query);
  return { ctx, stash: ctx.stashed };
}

/** The stashed contents the output's markers name, in marker order; fails on an id nobody stashed. */
export function redeemed(output: string, stash: ReadonlyMap<string, string>): string[] {
  return markerIds(output).map((id) => {
    const c = stash.get(id);
    if (c === undefined) throw new Error(`marker id ${id} was never stashed`);
    return c;
  });
}
