import type { CompressContext } from './types.js';
import { contentId } from './util/hash.js';
import { queryTerms } from './util/query.js';

/**
 * A compressor context whose `stash` keeps every fragment it is handed (id → exact content), for the caller to turn
 * into CCR records once it knows which ids the output names.
 */
export function stashingContext(
  query: string | undefined,
  extra: Partial<Pick<CompressContext, 'fileName' | 'language' | 'grammars'>> = {},
): { ctx: CompressContext; stashed: Map<string, string> } {
  const stashed = new Map<string, string>();
  const ctx: CompressContext = {
    query: query ?? '',
    queryTerms: queryTerms(query),
    ...extra,
    stash(content: string) {
      const id = contentId(content);
      stashed.set(id, content);
      return id;
    },
  };
  return { ctx, stashed };
}
