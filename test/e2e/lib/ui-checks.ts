// The UI scripts' own tiny runner: each check is named, runs once, and is counted; the results go to a JSON file
// run.sh adds up, and the last line printed is `N passed, M failed`.
import fs from 'node:fs';
import type { Page } from 'playwright-core';

export interface Results {
  passed: string[];
  failed: { name: string; err: string }[];
}

export function checkRunner(prefix = '') {
  const t0 = Date.now();
  const results: Results = { passed: [], failed: [] };
  /** Seconds since the script started, for the log. */
  const t = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
  async function check(name: string, fn: () => Promise<void>): Promise<boolean> {
    try {
      await fn();
      results.passed.push(name);
      console.log(`${t()} ✔ ${prefix}${name}`);
      return true;
    } catch (e) {
      results.failed.push({ name, err: String((e as Error | undefined)?.stack ?? e) });
      const msg = String((e as Error | undefined)?.message ?? e);
      console.log(`${t()} ✘ ${prefix}${name}\n    ${msg.split('\n').join('\n    ')}`);
      return false;
    }
  }
  return { results, check, t };
}

/** Waits for the web fonts, then saves a screenshot with CSS animations and transitions run to their end. */
export async function stillScreenshot(
  page: Page,
  file: string,
  clip?: { x: number; y: number; width: number; height: number },
): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.screenshot({ path: file, animations: 'disabled', ...(clip ? { clip } : {}) });
}

export function writeJson(file: string, data: unknown): void {
  fs.writeFileSync(file, JSON.stringify(data, null, 2));
}
