/**
 * Words are the unit of every keep decision: maximal runs of non-whitespace, with their punctuation attached
 * ("features.", "(see", "`npm"). Offsets are UTF-16 indexes into the text.
 */
export interface Words {
  start: Int32Array;
  end: Int32Array;
  count: number;
}

export function splitWords(text: string): Words {
  const starts: number[] = [];
  const ends: number[] = [];
  for (const m of text.matchAll(/\S+/g)) {
    starts.push(m.index);
    ends.push(m.index + m[0].length);
  }
  return { start: Int32Array.from(starts), end: Int32Array.from(ends), count: starts.length };
}

/**
 * Rough o200k token cost of a word with its leading space: common words are one token, long ones about one per 6 chars.
 */
export function wordCost(length: number): number {
  return 1 + Math.floor((length - 1) / 6);
}
