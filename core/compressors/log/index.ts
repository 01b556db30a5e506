import type { CompressContext } from '../../types.js';

export function compressLog(_text: string, _ctx: CompressContext): string | null {
  return null;
}
