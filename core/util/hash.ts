import { createHash } from 'node:crypto';

/**
 * Content id used for CCR records and memo keys: `hr_` + 16 hex of sha256 (64 bits; a local store never nears
 * collisions). Well-formed strings hash as UTF-8; a string with a lone surrogate cannot be UTF-8 encoded (it would
 * hash like the same string with U+FFFD), so it hashes as its raw UTF-16 code units instead.
 */
export function contentId(content: string): string {
  const h = createHash('sha256');
  if (content.isWellFormed()) h.update(content, 'utf8');
  else h.update('\u0000utf16:').update(Buffer.from(content, 'utf16le'));
  return 'hr_' + h.digest('hex').slice(0, 16);
}

export function sha256Hex(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}
