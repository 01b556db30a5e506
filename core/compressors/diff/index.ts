import type { CompressContext } from '../../types.js';

export function compressDiff(_text: string, _ctx: CompressContext): string | null {
  return null;
}
