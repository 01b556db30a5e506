import type { CompressContext } from '../../types.js';

export function compressSearch(_text: string, _ctx: CompressContext): string | null {
  return null;
}
