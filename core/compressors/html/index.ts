import type { CompressContext } from '../../types.js';

export function compressHtml(_text: string, _ctx: CompressContext): string | null {
  return null;
}
