import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

export class ModelFileError extends Error {
  override name = 'ModelFileError';
}

export interface Expected {
  sha256?: string;
  size?: number;
}

/**
 * Checks a model or tokenizer file against its manifest entry: present, the declared size, the declared sha256.
 * The size comes first because it is free and catches the common case (an interrupted download) with a clearer
 * message than a hash mismatch. Streams the file, so a 1 GB model does not sit in memory twice.
 */
export async function verifyFile(path: string, expected: Expected, what: string): Promise<void> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new ModelFileError(`${what} ${path} is not a file`);
    size = s.size;
  } catch (err) {
    if (err instanceof ModelFileError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new ModelFileError(
      code === 'ENOENT' ? `${what} ${path} is missing` : `${what} ${path} cannot be read (${code ?? String(err)})`,
    );
  }
  if (expected.size !== undefined && size !== expected.size) {
    const hint = size < expected.size ? 'truncated, e.g. an interrupted download' : 'a different file';
    throw new ModelFileError(`${what} ${path} is ${size} bytes but the manifest says ${expected.size} (${hint})`);
  }
  if (expected.sha256 === undefined) return;
  const actual = await sha256File(path);
  if (actual !== expected.sha256) {
    throw new ModelFileError(
      `${what} ${path} has sha256 ${actual} but the manifest says ${expected.sha256}: ` +
        'not the file the manifest describes',
    );
  }
}

export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => h.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
}
