import { createHash } from 'node:crypto';

/** Content id used for CCR records and memo keys: `hr_` + 16 hex of sha256 (64 bits; a local store never nears collisions). */
export function contentId(content: string): string {
  return 'hr_' + createHash('sha256').update(content, 'utf8').digest('hex').slice(0, 16);
}

export function sha256Hex(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}
