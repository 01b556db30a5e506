import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { applyLearnBlock, mergeLessons, parseBlock, renderBlock } from './block.js';
import type { LearnResult } from './types.js';

/** One file Learn would change: its text now and after (the caller shows the diff and writes `after`). */
export interface FilePlan {
  path: string;
  exists: boolean;
  before: string;
  after: string;
  changed: boolean;
  /** Why the file is left alone (damaged markers), when it is. */
  error?: string;
}

export async function readTarget(path: string): Promise<{ exists: boolean; text: string }> {
  try {
    return { exists: true, text: await readFile(path, 'utf8') };
  } catch {
    return { exists: false, text: '' };
  }
}

/**
 * The files a learn result goes into: AGENTS.md, and CLAUDE.md when Claude Code sessions were read (or CLAUDE.md
 * already has a block). Each file's own block is merged with the fresh lessons, so each keeps its unexpired lessons.
 * Reads only; a file that would not change is still listed (changed: false).
 */
export async function learnPlan(result: LearnResult): Promise<FilePlan[]> {
  const out: FilePlan[] = [];
  for (const name of ['AGENTS.md', 'CLAUDE.md']) {
    const path = join(result.workspace, name);
    const { exists, text } = await readTarget(path);
    if (name === 'CLAUDE.md' && !result.usesClaude && !text.includes('headroom:learn:start')) continue;
    try {
      const block = renderBlock(
        mergeLessons(result.lessons, parseBlock(text), result.now, result.days, result.maxPerTopic),
        result.days,
      );
      const after = applyLearnBlock(text, block);
      out.push({ path, exists, before: text, after, changed: after !== text });
    } catch (err) {
      out.push({ path, exists, before: text, after: text, changed: false, error: (err as Error).message });
    }
  }
  return out;
}
