import { mkdirSync, rmSync } from 'node:fs';
import { npmLs, npmView } from './npm.js';
import { tscErrors } from './tsc.js';
import { gitRuns } from './git.js';
import { grepRun } from './grep.js';
import { nodeTestRun } from './node-test.js';
import type { RealContext, RealRun } from './types.js';

/** Runs every real tool once, in a fresh scratch folder that is removed afterwards. Never throws. */
export function realRuns(ctx: RealContext): RealRun[] {
  rmSync(ctx.scratch, { recursive: true, force: true });
  mkdirSync(ctx.scratch, { recursive: true });
  const steps: [string, () => RealRun | RealRun[]][] = [
    ['npm ls --all --json', () => npmLs(ctx)],
    ['npm view express --json', () => npmView(ctx)],
    ['npx tsc --noEmit', () => tscErrors(ctx)],
    ['git log / git diff', () => gitRuns(ctx)],
    ['grep -rn', () => grepRun(ctx)],
    ['node --test', () => nodeTestRun(ctx)],
  ];
  const out: RealRun[] = [];
  for (const [command, step] of steps) {
    try {
      const r = step();
      out.push(...(Array.isArray(r) ? r : [r]));
    } catch (err) {
      out.push({ skipped: `failed: ${(err as Error).message}`, command });
    }
  }
  rmSync(ctx.scratch, { recursive: true, force: true });
  return out;
}
