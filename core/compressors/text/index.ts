import type { CompressContext } from '../../types.js';

export function compressText(_text: string, _ctx: CompressContext): string | null {
  return null;
}
