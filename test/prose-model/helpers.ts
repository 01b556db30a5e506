import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const DEFAULT_DIR = join(ROOT, 'models', 'headroom-prose-v1');
export const DEFAULT_MANIFEST = join(DEFAULT_DIR, 'manifest.json');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'prose');

export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

export function defaultManifestJson(): Record<string, unknown> {
  return JSON.parse(readFileSync(DEFAULT_MANIFEST, 'utf8')) as Record<string, unknown>;
}

/**
 * A copy of the default model in a temp folder, with the manifest changed by `edit` and the model file optionally
 * replaced by other bytes. Returns the manifest path.
 */
export function modelCopy(edit: (m: Record<string, unknown>) => void = () => {}, modelBytes?: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'hr-prose-'));
  copyFileSync(join(DEFAULT_DIR, 'tokenizer.json'), join(dir, 'tokenizer.json'));
  if (modelBytes) writeFileSync(join(dir, 'model.onnx'), modelBytes);
  else copyFileSync(join(DEFAULT_DIR, 'model.onnx'), join(dir, 'model.onnx'));
  const m = defaultManifestJson();
  edit(m);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m, null, 2));
  return join(dir, 'manifest.json');
}

export { recordingContext } from '../helpers/recording-context.js';
