import type { CompressContext } from '../../types.js';
import type { ParsedSearch } from './types.js';
import { matchCount } from './types.js';
import { parseTextSearch } from './parse-text.js';
import { parseRgJson } from './parse-rg-json.js';
import { inferPattern } from './definition.js';
import { buildRanker } from './rank.js';
import { planSelection } from './select.js';
import { renderSearch } from './render.js';

/** Result lines needed before a search is worth regrouping. */
const MIN_MATCHES = 2;
/** Non-result lines (banners, errors) tolerated, as a share of all non-blank lines. */
const MAX_OTHER_SHARE = 0.25;

/**
 * Compresses search results (grep/rg/git grep, with or without -n, -C context, `--heading`, `rg --json`): groups by
 * file, ranks each file's lines against the query (definitions of the searched symbol first), shows the best few per
 * file and the most relevant files, and stashes everything else exactly behind markers. Returns null when the input
 * does not parse as search output or the compact form is not shorter.
 */
export function compressSearch(text: string, ctx: CompressContext): string | null {
  try {
    const parsed = parse(text);
    if (!parsed) return null;
    const pattern = inferPattern(parsed.files);
    const ranker = buildRanker(ctx.query, ctx.queryTerms, pattern, parsed.files);
    const plan = planSelection(parsed.files, ranker);
    const out = renderSearch(parsed, plan, ranker, ctx);
    return out.length < text.length ? out : null;
  } catch {
    return null;
  }
}

function parse(text: string): ParsedSearch | undefined {
  const lines = text.split('\n');
  const first = lines.find((l) => l.trim() !== '');
  if (first === undefined) return undefined;
  const parsed = first.trimStart().startsWith('{') ? parseRgJson(lines) : parseTextSearch(lines);
  if (!parsed || matchCount(parsed.files) < MIN_MATCHES) return undefined;
  let nonBlank = 0;
  for (const f of parsed.files) nonBlank += f.lines.length;
  nonBlank += parsed.other.length;
  if (parsed.other.length > MAX_OTHER_SHARE * nonBlank) return undefined;
  return parsed;
}
