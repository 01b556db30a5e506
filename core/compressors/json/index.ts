import type { CompressContext } from '../../types.js';

export function compressJson(_text: string, _ctx: CompressContext): string | null {
  return null;
}
