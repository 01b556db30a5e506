import { countTokens } from '../../core/util/tokens.js';
import { missingFacts } from './facts.js';
import type { Fact } from '../workloads/types.js';

/**
 * The two baselines every unit is compared with: plain JSON minification and TOON (`@toon-format/toon`), both for
 * JSON units only (anything else stays as it is, so the baseline equals the input).
 */
export interface BaselineResult {
  tokens: number;
  factsKept: number;
  /** False when the unit is not JSON and the baseline left it unchanged. */
  applied: boolean;
}

type ToonEncode = (value: unknown) => string;
let toonEncode: ToonEncode | undefined;

/** `@toon-format/toon` is ESM-only; bench runs as CommonJS under tsx, so it is loaded with a dynamic import. */
export async function loadToon(): Promise<void> {
  const mod = (await import('@toon-format/toon')) as { encode: ToonEncode };
  toonEncode = mod.encode;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export function baselines(
  text: string,
  facts: readonly Fact[],
  tokensBefore: number,
): { minified: BaselineResult; toon: BaselineResult } {
  const parsed = parseJson(text);
  const unchanged: BaselineResult = {
    tokens: tokensBefore,
    factsKept: facts.length - missingFacts(text, facts).length,
    applied: false,
  };
  if (!parsed.ok) return { minified: unchanged, toon: unchanged };
  const min = JSON.stringify(parsed.value);
  const minified: BaselineResult = {
    tokens: countTokens(min),
    factsKept: facts.length - missingFacts(min, facts).length,
    applied: true,
  };
  if (!toonEncode) return { minified, toon: unchanged };
  const toon = toonEncode(parsed.value);
  return {
    minified,
    toon: { tokens: countTokens(toon), factsKept: facts.length - missingFacts(toon, facts).length, applied: true },
  };
}
