/**
 * Reads a zip archive (a VSIX is one) from its central directory: the names and sizes of its entries, and an
 * entry's bytes (stored or deflated, the two methods vsce's writer uses). Enough to inspect a package; not a
 * general-purpose unzip (no zip64, no encryption, no multi-disk archives: each is refused with a clear error).
 * Layout per APPNOTE.TXT §4.3 (end of central directory 0x06054b50, central header 0x02014b50, local header
 * 0x04034b50).
 */
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  /** Path inside the archive, forward slashes. */
  name: string;
  /** Uncompressed size in bytes. */
  size: number;
  compressedSize: number;
  /** 0 stored, 8 deflated. */
  method: number;
  /** Offset of the entry's local header. */
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Every entry of the archive in central-directory order. Throws on anything that is not a plain zip. */
export function listZip(buf: Buffer): ZipEntry[] {
  const eocd = findEndOfCentralDirectory(buf);
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new Error('zip64 archives are not supported');
  if (cdOffset + cdSize > eocd) throw new Error('central directory lies outside the archive');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== CENTRAL) throw new Error(`central directory entry ${i} is damaged (offset ${p})`);
    const flags = buf.readUInt16LE(p + 8);
    if (flags & 1) throw new Error('encrypted entries are not supported');
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    entries.push({
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localHeaderOffset: buf.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The entry's uncompressed bytes. */
export function readZipEntry(buf: Buffer, e: ZipEntry): Buffer {
  const p = e.localHeaderOffset;
  if (buf.readUInt32LE(p) !== LOCAL) throw new Error(`${e.name}: local header is damaged (offset ${p})`);
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const raw = buf.subarray(start, start + e.compressedSize);
  if (e.method === 0) return Buffer.from(raw);
  if (e.method === 8) return inflateRawSync(raw);
  throw new Error(`${e.name}: compression method ${e.method} is not supported`);
}

/** The end-of-central-directory record sits in the last 22 + up to 65535 (comment) bytes. */
function findEndOfCentralDirectory(buf: Buffer): number {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  for (let p = buf.length - 22; p >= min; p--) if (buf.readUInt32LE(p) === EOCD) return p;
  throw new Error('not a zip archive (no end of central directory record)');
}
