// Chromium for the e2e suites (playwright-core, Debian's chromium): a fresh headless profile, and a window on a
// code-server workbench (lib/code-server.ts starts the server).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export interface Browser {
  ctx: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with a fresh profile (flags from ../shared/vscode-host/RECIPE.md). */
export async function launchBrowser(viewport: { width: number; height: number }): Promise<Browser> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-e2e-chromium-'));
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
    headless: true,
    viewport,
    env: { ...process.env, HOME: dir, XDG_CONFIG_HOME: dir, XDG_CACHE_HOME: dir },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  return {
    ctx,
    page,
    close: async () => {
      await ctx.close().catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Opens a window at `url` and resolves when the workbench is in the page. */
export async function openWorkbench(page: Page, url: string, limitMs = 60_000): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.locator('.monaco-workbench').waitFor({ timeout: limitMs });
}
