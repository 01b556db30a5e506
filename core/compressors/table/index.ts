import type { CompressContext } from '../../types.js';

export function compressTable(_text: string, _ctx: CompressContext): string | null {
  return null;
}
