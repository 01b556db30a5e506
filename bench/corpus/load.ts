import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CorpusCase } from './types.js';

export const CASES_DIR = join(__dirname, 'cases');

export interface LoadedCase extends CorpusCase {
  text: string;
}

/** Every case in `cases/`, sorted by id: its record and its exact output bytes (read as UTF-8). */
export function loadCorpus(dir = CASES_DIR): LoadedCase[] {
  const out: LoadedCase[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.json')) continue;
    const meta = JSON.parse(readFileSync(join(dir, name), 'utf8')) as CorpusCase;
    const text = readFileSync(join(dir, name.replace(/\.json$/, '.txt')), 'utf8');
    out.push({ ...meta, text });
  }
  return out;
}
