import type { CompressContext } from '../../types.js';
import { formatMarker } from '../../ccr/marker.js';
import { compressText, MIN_PROSE_CHARS } from '../text/index.js';
import { htmlToText } from './extract.js';

/**
 * HTML pages (web fetches, docs): extracts the readable text, then hands long text to the prose compressor. The
 * extraction is lossy (markup, scripts, site chrome), so the exact page is stashed and one closing marker line says
 * how much markup went and how to get the page back.
 */
export function compressHtml(text: string, ctx: CompressContext): string | null {
  const extracted = htmlToText(text);
  const removed = text.length - extracted.length;
  if (removed <= 0) return null;
  const body =
    extracted.length > MIN_PROSE_CHARS
      ? ((ctx.prose ? ctx.prose(extracted) : compressText(extracted, ctx)) ?? extracted)
      : extracted;
  const marker = formatMarker({
    count: removed,
    unit: 'characters of markup',
    id: ctx.stash(text),
    note: 'original HTML',
  });
  const out = body ? `${body}\n\n${marker}` : marker;
  return out.length < text.length ? out : null;
}
