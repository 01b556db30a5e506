import { normalizeBase, type Family } from '../providers/upstream-url.js';
import type { CliIo } from './io.js';

/**
 * The `--openai-base`, `--anthropic-base`, `--gemini-base`, `--ollama-base` flags (ARCHITECTURE's CLI contract),
 * normalised; on an unusable URL, says which flag and why, and returns undefined (the command exits 2).
 */
export function readBaseFlags(
  values: Partial<Record<`${Family}-base`, string | undefined>>,
  command: string,
  io: CliIo,
  order: readonly Family[] = ['openai', 'anthropic', 'gemini', 'ollama'],
): Partial<Record<Family, string>> | undefined {
  const bases: Partial<Record<Family, string>> = {};
  for (const family of order) {
    const given = values[`${family}-base`];
    if (given === undefined) continue;
    try {
      bases[family] = normalizeBase(given, family);
    } catch (err) {
      io.err(`headroom ${command}: --${family}-base is not a usable http(s) URL: ${given} (${(err as Error).message})`);
      return undefined;
    }
  }
  return bases;
}
