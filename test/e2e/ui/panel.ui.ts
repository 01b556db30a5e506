// UI end-to-end test: the installed VSIX in code-server, driven in Debian's Chromium through playwright-core.
// Sends real tool output through the extension's proxy to a fake provider, then checks what a user sees — the status
// bar, the panel's request list and diff (mouse and keyboard), the native diff editor, Retrieve Original…, and the
// Configure Agents / Restore flow with its diff preview and dialog — and saves screenshots into ../screenshots/.
// Every wait is on the page (playwright's locator waits, the webview's own DOM changes); the one poll is for the
// proxy starting to listen inside code-server's extension host (lib/until.ts pollUntil says why).
// Env: STATE (a folder with ext/ holding the installed VSIX), OUT (results folder). Prints `N passed, M failed`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { launchBrowser, openWorkbench, type Browser } from '../lib/browser';
import { freePort, homeEnv, startCodeServer, type CodeServer } from '../lib/code-server';
import { messagesBody, sendThroughProxy, startFakeUpstream, toolResultOf } from '../lib/fake-upstream';
import { E2E, fixture, REPO, SHOTS } from '../lib/paths';
import { checkRunner, stillScreenshot } from '../lib/ui-checks';
import { proxyAnswers } from '../lib/until';

const STATE = path.resolve(process.env.STATE || path.join(E2E, 'state', 'ui'));
const OUT = path.resolve(process.env.OUT || path.join(E2E, 'state', 'results'));
const FIX = fixture;
const { results, check, t } = checkRunner();

async function runCommand(page: Page, label: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  // A webview that takes focus (just revealed, or clicked) keeps F1 to itself or closes the palette again: then open
  // it from the title bar's command center, and start over if it closed before the command was typed.
  for (let attempt = 0; ; attempt++) {
    try {
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      if (
        !(await input.waitFor({ state: 'visible', timeout: 3000 }).then(
          () => true,
          () => false,
        ))
      ) {
        await page.locator('.command-center .command-center-center').first().click();
        await input.waitFor({ state: 'visible', timeout: 5000 });
      }
      await input.fill('>' + label, { timeout: 5000 });
      await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor({ timeout: 15000 });
      await page.keyboard.press('Enter');
      return;
    } catch (e) {
      if (attempt >= 2) throw e;
    }
  }
}

/** Saves a screenshot of the workbench, or of `clip` (a locator) and everything below it to the bottom right. */
async function shot(page: Page, name: string, clip?: Locator): Promise<void> {
  const file = path.join(SHOTS, name);
  const box = clip && (await clip.boundingBox());
  const size = page.viewportSize() ?? { width: 1440, height: 900 };
  const area = box
    ? {
        x: Math.max(0, box.x - 24),
        y: Math.max(0, box.y - 24),
        width: size.width - Math.max(0, box.x - 24),
        height: size.height - Math.max(0, box.y - 24),
      }
    : undefined;
  await stillScreenshot(page, file, area);
  console.log(`${t()}   screenshot ${path.relative(REPO, file)}`);
}

/**
 * Scrolls the virtual request list until a row matching `selector` is rendered: in the page, each time the list
 * re-renders (a MutationObserver: rows drawn after a scroll, or after older requests were paged in) it scrolls on by
 * `step` pixels, or to the end. Resolves false if the row did not come within `limitMs`.
 */
function scrollUntilRow(list: Locator, selector: string, step: number | 'end', limitMs = 15000): Promise<boolean> {
  return list.evaluate(
    (el, a) =>
      new Promise<boolean>((resolve) => {
        const finish = (found: boolean) => {
          observer.disconnect();
          clearTimeout(timer);
          resolve(found);
        };
        const next = () => {
          if (el.querySelector(a.selector)) return finish(true);
          el.scrollTop = a.step === 'end' ? el.scrollHeight : el.scrollTop + a.step;
        };
        const observer = new MutationObserver(next);
        observer.observe(el, { childList: true, subtree: true });
        const timer = setTimeout(() => finish(false), a.limitMs);
        next();
      }),
    { selector, step, limitMs },
  );
}

type Traffic = [agent: string, model: string, question: string, command: string, fixture: string | null];
/** Requests as different agents would send them: real tool output of four kinds, some repeated (memo hits). */
const TRAFFIC: Traffic[] = [
  [
    'claude-cli/2.0.14 (external, cli)',
    'claude-sonnet-4-5',
    'What happened to libkrb5?',
    'tail -n 400 /var/log/dpkg.log',
    'extension/dpkg-chromium-install.log',
  ],
  [
    'Continue/1.2.0',
    'claude-haiku-4-5',
    'where is req.body parsed?',
    'rg -n "req\\.|res\\." node_modules/express',
    'extension/rg-express-req.txt',
  ],
  [
    'Cline/3.88.1',
    'claude-sonnet-4-5',
    'which version of mocha does the e2e package use?',
    'npm ls --all --json',
    'extension/npm-ls-e2e.json',
  ],
  [
    'claude-cli/2.0.14 (external, cli)',
    'claude-sonnet-4-5',
    'What happened to libkrb5?',
    'tail -n 400 /var/log/dpkg.log',
    'extension/dpkg-chromium-install.log',
  ],
  ['opencode/0.15.3', 'claude-opus-4-1', 'list the files', 'ls', null],
  [
    'Continue/1.2.0',
    'claude-haiku-4-5',
    'where is req.body parsed?',
    'rg -n "req\\.|res\\." node_modules/express',
    'extension/rg-express-req.txt',
  ],
];

async function main(): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.mkdirSync(OUT, { recursive: true });
  const upstream = await startFakeUpstream();
  const proxyPort = await freePort();
  const home = path.join(STATE, 'home');
  const continueFile = path.join(home, '.continue', 'config.yaml');
  const continueOriginal = FIX('agents/continue/config.yaml');
  fs.mkdirSync(path.dirname(continueFile), { recursive: true });
  fs.writeFileSync(continueFile, continueOriginal);
  const ws = path.join(STATE, 'workspace');
  fs.mkdirSync(ws, { recursive: true });
  fs.writeFileSync(path.join(ws, 'README.md'), '# demo workspace\n');

  // Claude Code sessions for Learn (test/fixtures/learn/claude), re-homed to this workspace and dated yesterday
  const wsReal = fs.realpathSync(ws);
  const learnDir = path.join(home, '.claude', 'projects', wsReal.replace(/[^a-zA-Z0-9]/g, '-'));
  const learnFixture = path.join(
    REPO,
    'test',
    'fixtures',
    'learn',
    'claude',
    '.claude',
    'projects',
    '-home-user-project',
  );
  fs.mkdirSync(learnDir, { recursive: true });
  const yesterday = new Date(Date.now() - 86400000).toISOString().slice(0, 10);
  for (const name of fs.readdirSync(learnFixture)) {
    const text = fs
      .readFileSync(path.join(learnFixture, name), 'utf8')
      .split('/home/user/project')
      .join(JSON.stringify(wsReal).slice(1, -1))
      .split('/home/user/')
      .join(JSON.stringify(home + '/').slice(1, -1))
      .split('"timestamp":"2026-11-29T')
      .join(`"timestamp":"${yesterday}T`);
    fs.writeFileSync(path.join(learnDir, name), text);
  }
  for (const f of ['AGENTS.md', 'CLAUDE.md']) fs.rmSync(path.join(ws, f), { force: true });

  // history for the scale check: 10,000 requests over 30 days and a 1 MB unit, in the store before VS Code starts
  const storeDir = path.join(STATE, 'headroom-home');
  const seedStart = Date.now();
  const seeded = JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', path.join(E2E, 'ui', 'seed-store.ts'), storeDir], {
      cwd: REPO,
      encoding: 'utf8',
    }).trim(),
  ) as { id: string; bytes: number; lines: number; longMarker: { id: string; ccrId: string; markerChars: number } };
  console.log(
    `${t()} seeded 10,000 requests and a ${(seeded.bytes / 1e6).toFixed(2)} MB unit in ${Date.now() - seedStart} ms`,
  );
  const timings: Record<string, number> = {};

  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  process.once('SIGINT', () => void server?.stop().then(() => process.exit(130)));
  try {
    server = await startCodeServer({
      userDataDir: path.join(STATE, 'ud'),
      extensionsDir: path.join(STATE, 'ext'),
      env: homeEnv(home, { HEADROOM_HOME: storeDir }),
      port: await freePort(proxyPort),
      userSettings: {
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        // the workspace sits inside this repository: keep git's "repository found in parent folders" toast away
        'git.enabled': false,
        'git.openRepositoryInParentFolders': 'never',
      },
      // machine-scoped settings: code-server is a remote window, so they come from the remote side's settings
      machineSettings: { 'headroom.port': proxyPort, 'headroom.upstream.anthropic': upstream.base },
      args: ['--disable-getting-started-override'],
    });
    browser = await launchBrowser({ width: 1440, height: 900 });
    const { ctx, page } = browser;
    const csServer = server;
    page.on('console', (m) => {
      if (m.type() === 'error' && /headroom|webview/i.test(m.text()) && !/404|vsda/.test(m.text()))
        console.log('[browser error]', m.text().slice(0, 300));
    });
    await openWorkbench(page, server.windowUrl(ws));
    const status = page.locator('.statusbar-item', { hasText: /Headroom|saved/ }).first();
    const proxy = `http://127.0.0.1:${proxyPort}`;

    await check('the status bar item appears once the proxy listens on the configured port', async () => {
      await status.waitFor({ timeout: 60000 });
      await proxyAnswers(proxy, 10_000, 100);
    });

    let markerId = '';
    await check(
      'requests from several agents go through the proxy and the status bar counts the savings live',
      async () => {
        for (const [agent, model, question, command, fixture] of TRAFFIC) {
          const output = fixture ? FIX(fixture) : 'README.md\npackage.json\nsrc\n';
          const r = await sendThroughProxy(proxy, messagesBody(question, command, output, model), agent);
          if (r.status !== 200) throw new Error(`proxy answered ${r.status}: ${r.text.slice(0, 200)}`);
        }
        const sent = toolResultOf(upstream.received[0]);
        markerId = (sent.match(/hr_[0-9a-f]{16}/) || [])[0] ?? '';
        if (!markerId) throw new Error('no marker in what reached the provider');
        // the seeded store shows "All time: …" until this session's first request is counted (after forwarding)
        const item = page.locator('.statusbar-item', { hasText: /Session: [\d.]+[kM]? saved · \d+%/ }).first();
        await item.waitFor({ timeout: 15000 });
        const text = (await item.innerText()).trim();
        if (!/^Session: [\d.]+[kM]? saved · \d+%$/.test(text)) throw new Error(`status bar says "${text}"`);
        console.log(`${t()}   status bar: ${text}`);
      },
    );

    await check('the status bar tooltip shows session and all-time figures', async () => {
      await page
        .locator('.statusbar-item', { hasText: /saved · \d+%/ })
        .first()
        .hover();
      const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'this session' }).first();
      await hover.waitFor({ timeout: 10000 });
      const text = await hover.innerText();
      if (
        !/requests/.test(text) ||
        !/est\. cost saved/.test(text) ||
        !/saved \(net of retrievals\)/.test(text) ||
        !/your lookups/.test(text)
      )
        throw new Error(text);
      await shot(page, 'status-bar-tooltip.png', hover);
      await page.mouse.move(700, 300);
    });

    await check('Retrieve Original… opens the exact text behind a marker', async () => {
      await runCommand(page, 'Headroom: Retrieve Original…');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill(markerId);
      await page.keyboard.press('Enter');
      await page
        .locator('.tab', { hasText: `${markerId}.txt` })
        .first()
        .waitFor({ timeout: 15000 });
      await page.keyboard.press('Escape');
    });

    const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await check('Show Compression Diffs lists the requests newest first, over 10,000 of them', async () => {
      await runCommand(page, 'View: Close Primary Side Bar');
      await runCommand(page, 'View: Close All Editors');
      const t0 = Date.now();
      await runCommand(page, 'Headroom: Show Compression Diffs');
      await frame.locator('body[data-ready="true"]').waitFor({ timeout: 30000 });
      await frame.locator('#request-list .row').nth(TRAFFIC.length).waitFor({ timeout: 15000 });
      timings.panelOpenMs = Date.now() - t0;
      const ids = await frame
        .locator('#request-list .row')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-request-id') ?? ''));
      if (ids.slice(0, TRAFFIC.length).some((id) => id.startsWith('seed-')))
        throw new Error(`live requests are not on top: ${ids.slice(0, 8)}`);
      if (ids[TRAFFIC.length] !== seeded.id) throw new Error(`row ${TRAFFIC.length} is ${ids[TRAFFIC.length]}`);
      const first = await frame.locator('#request-list .row').first().innerText();
      if (!/Continue/.test(first)) throw new Error(`newest row: ${first}`);
      const retrieval = await frame.locator('#retrievals tbody tr').first().innerText();
      if (!retrieval.includes(markerId) || !/extension/.test(retrieval)) throw new Error(`retrievals: ${retrieval}`);
    });

    await check('selecting a request shows the diff of original vs sent with the markers highlighted', async () => {
      await frame
        .locator('#request-list .row')
        .nth(TRAFFIC.length - 1)
        .click();
      await frame.locator('.diff .marker').first().waitFor({ timeout: 15000 });
      const stats = await frame.locator('#unit-stats').innerText();
      if (!/lines left out/.test(stats)) throw new Error(stats);
      const markers = await frame.locator('.diff .marker').count();
      const deleted = await frame.locator('.diff .tx.del').count();
      if (markers < 1 || deleted < 1) throw new Error(`${markers} markers, ${deleted} deleted lines`);
      await shot(page, 'panel-side-by-side.png');
    });

    await check('the list is keyboard accessible: arrows move the selection and the detail follows', async () => {
      await frame.locator('#request-list').focus();
      await page.keyboard.press('Home');
      await frame.locator('#request-list .row[aria-selected="true"][data-index="0"]').waitFor({ timeout: 5000 });
      await page.keyboard.press('ArrowDown');
      await frame.locator('#request-list .row[aria-selected="true"][data-index="1"]').waitFor({ timeout: 5000 });
      await frame.locator('#detail h2', { hasText: 'opencode' }).waitFor({ timeout: 5000 });
      await page.keyboard.press('ArrowDown');
      await frame.locator('#detail h2', { hasText: 'Claude Code' }).waitFor({ timeout: 5000 });
      await frame.locator('.diff').first().waitFor({ timeout: 10000 });
      await frame.locator('button.toggle', { hasText: 'Inline' }).click();
      await frame.locator('.diff.inline .d-row.ins').first().waitFor({ timeout: 5000 });
      await shot(page, 'panel-inline.png');
    });

    await check(
      'stays fast at scale: a 1 MB unit renders as a folded diff, and scrolling pages in all 10,006 requests',
      async () => {
        let t0 = Date.now();
        await frame.locator(`#request-list .row[data-request-id="${seeded.id}"]`).click();
        await frame.locator('#unit-stats', { hasText: `${seeded.lines} lines` }).waitFor({ timeout: 20000 });
        await frame.locator('.diff .marker').first().waitFor({ timeout: 20000 });
        timings.megabyteDiffMs = Date.now() - t0;
        const rendered = await frame.locator('.diff .d-row').count();
        if (rendered > 400) throw new Error(`${rendered} diff rows in the DOM for a 1 MB unit: folding failed`);
        await shot(page, 'panel-1mb-unit.png');
        t0 = Date.now();
        const list = frame.locator('#request-list');
        await scrollUntilRow(list, '.row[data-request-id="seed-00000"]', 'end');
        await frame.locator('#request-list .row[data-request-id="seed-00000"]').waitFor({ timeout: 5000 });
        timings.scrollAllMs = Date.now() - t0;
        const inDom = await frame.locator('#request-list .row').count();
        const height = await list.evaluate((el) => el.scrollHeight);
        if (inDom > 80) throw new Error(`${inDom} rows in the DOM: the list is not virtualised`);
        if (height < 10_006 * 26) throw new Error(`list height ${height}px: not every request is in it`);
        await list.evaluate((el) => {
          el.scrollTop = 0;
        });
        console.log(
          `${t()}   panel open ${timings.panelOpenMs} ms, 1 MB diff ${timings.megabyteDiffMs} ms (${rendered} rows), ` +
            `all 10,006 rows paged in ${timings.scrollAllMs} ms (${inDom} in the DOM)`,
        );
      },
    );

    await check('"Open in diff editor" opens VS Code\'s own diff on the headroom: documents', async () => {
      await frame
        .locator('#request-list .row')
        .nth(TRAFFIC.length - 1)
        .click();
      await frame.locator('#detail h2', { hasText: 'Claude Code' }).waitFor({ timeout: 5000 });
      await frame.locator('.diff .marker').first().waitFor({ timeout: 10000 });
      await frame.locator('#open-diff').click();
      await page.locator('.tab', { hasText: 'original ↔ sent' }).first().waitFor({ timeout: 15000 });
      await page
        .locator('.monaco-diff-editor .editor.modified .view-lines', { hasText: 'omitted' })
        .first()
        .waitFor({ timeout: 15000 });
      await page
        .locator('.monaco-diff-editor .editor.original .view-lines', { hasText: 'status' })
        .first()
        .waitFor({ timeout: 15000 });
      await shot(page, 'diff-editor.png');
      await page.keyboard.press('Escape');
    });

    await check(
      'Configure Agents: quick pick, diff preview and a non-modal question before anything is written',
      async () => {
        await runCommand(page, 'Headroom: Configure Agents');
        const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Continue' }).first();
        await row.waitFor({ timeout: 15000 });
        await row.click();
        await page.keyboard.press('Enter');
        // the question is a notification, so the diff and the plan summary stay readable while the user decides
        const ask = page.locator('.notification-toast', { hasText: 'Route Continue through Headroom' }).first();
        await ask.waitFor({ timeout: 15000 });
        await page.locator('.monaco-diff-editor').first().waitFor({ timeout: 15000 });
        await page.locator('.tab', { hasText: 'headroom-plan.md' }).first().waitFor({ timeout: 15000 });
        if ((await page.locator('.monaco-dialog-box').count()) !== 0) throw new Error('a modal dialog covers the diff');
        if (fs.readFileSync(continueFile, 'utf8') !== continueOriginal) throw new Error('written before consent');
        await shot(page, 'configure-agents.png');
        await ask.locator('.monaco-button', { hasText: 'Apply' }).click();
        await page
          .locator('.notification-toast', { hasText: 'now goes through Headroom' })
          .first()
          .waitFor({ timeout: 15000 });
        const routed = fs.readFileSync(continueFile, 'utf8');
        if (!routed.includes(`${proxy}/v1`)) throw new Error(`not routed:\n${routed}`);
      },
    );

    await check('Restore Agent Settings puts the file back byte for byte', async () => {
      await runCommand(page, 'Headroom: Restore Agent Settings');
      await page
        .locator('.quick-input-list .monaco-list-row', { hasText: 'Continue' })
        .first()
        .waitFor({ timeout: 15000 });
      await page.keyboard.press('Enter');
      const ask = page.locator('.notification-toast', { hasText: "Undo Headroom's changes to Continue" }).first();
      await ask.waitFor({ timeout: 15000 });
      await ask.locator('.monaco-button', { hasText: 'Restore' }).click();
      await page.locator('.notification-toast', { hasText: 'Restored Continue' }).first().waitFor({ timeout: 15000 });
      if (fs.readFileSync(continueFile, 'utf8') !== continueOriginal) throw new Error('not restored exactly');
    });

    /**
     * Switches the colour theme the way a user does (Preferences: Color Theme, by its label) and waits until the
     * workbench wears it.
     */
    const setTheme = async (theme: string) => {
      const input = page.locator('.quick-input-widget input');
      // "Preferences: Browse Color Themes in Marketplace" ranks first for this text: pick the command by its exact
      // label
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 5000 });
      await input.fill('>Preferences: Color Theme');
      const command = page
        .locator('.quick-input-list .monaco-list-row')
        .filter({ has: page.locator('.label-name').getByText('Preferences: Color Theme', { exact: true }) })
        .first();
      await command.waitFor({ timeout: 10000 });
      await command.click();
      await page.locator('.quick-input-widget input[placeholder^="Select Color Theme"]').waitFor({ timeout: 10000 });
      await input.fill(theme);
      const row = page
        .locator('.quick-input-list .monaco-list-row')
        .filter({ has: page.locator('.label-name').getByText(theme, { exact: true }) })
        .first();
      await row.waitFor({ timeout: 10000 });
      await row.click();
      const light = /Light/.test(theme);
      const cls = /High Contrast/.test(theme) ? (light ? 'hc-light' : 'hc-black') : light ? 'vs' : 'vs-dark';
      await page.locator(`.monaco-workbench.${cls}`).waitFor({ timeout: 15000 });
      // and the panel wears it too: the webview's frame names the theme on its body (code-server's
      // lib/vscode/out/vs/workbench/contrib/webview/browser/pre/index.html sets data-vscode-theme-name)
      await frame.locator(`body[data-vscode-theme-name="${theme}"]`).waitFor({ timeout: 15000 });
    };

    await check(
      "a model retrieval is counted against the savings (net beside gross), apart from the user's own lookups",
      async () => {
        // the model asks for the original behind the first marker; the proxy answers it from the store
        const r = await sendThroughProxy(
          proxy,
          messagesBody(
            `RETRIEVE ${markerId}`,
            'tail -n 400 /var/log/dpkg.log',
            // the same tool output the marker came from: a model retrieves what its own conversation holds (the
            // proxy scopes originals to the session that sent them, and shares them into any request that sends it)
            FIX('extension/dpkg-chromium-install.log'),
            'claude-sonnet-4-5',
          ),
        );
        if (r.status !== 200) throw new Error(`proxy answered ${r.status}: ${r.text.slice(0, 200)}`);
        const item = page.locator('.statusbar-item', { hasText: /\(net -?−?\d+%\)/ }).first();
        await item.waitFor({ timeout: 15000 });
        console.log(`${t()}   status bar: ${(await item.innerText()).trim()}`);
        await runCommand(page, 'Headroom: Show Compression Diffs');
        await frame.locator('body[data-ready="true"]').waitFor({ timeout: 30000 });
        const session = await frame.locator('#session').innerText();
        if (!/This session: .* net .* after 1 retrieval by models \([\d.]+k? tokens\) · 1 lookup by you/.test(session))
          throw new Error(`session line: ${session}`);
        const all = await frame.locator('#summary').innerText();
        if (!/^All time: 10,0\d\d requests/.test(all)) throw new Error(`all-time line: ${all}`);
        const rows = await frame.locator('#retrievals tbody tr').allInnerTexts();
        const modelRow = /model \(proxy\).*answered · [\d.]+k? tokens/s;
        if (!modelRow.test(rows[0]) || !/you \(extension\)/.test(rows.join('\n')))
          throw new Error(`retrievals:\n${rows.join('\n')}`);
      },
    );

    await check(
      'a request upstream did not answer is flagged in the list, and its detail says HTTP 502 and why',
      async () => {
        upstream.dropNext();
        const r = await sendThroughProxy(
          proxy,
          messagesBody(
            'what failed?',
            'cat build.log',
            FIX('extension/dpkg-chromium-install.log') + '\n# failed',
            'claude-sonnet-4-5',
          ),
        );
        if (r.status !== 502) throw new Error(`the proxy answered ${r.status}`);
        const row = frame.locator('#request-list .row[data-outcome="failed"]').first();
        await row.waitFor({ timeout: 15000 });
        const text = await row.innerText();
        if (!/✕ 502/.test(text)) throw new Error(`failed row: ${text}`);
        await row.click();
        const alert = await frame.locator('#detail-outcome').innerText();
        if (!/HTTP 502: .*(socket hang up|ECONNRESET|closed)/i.test(alert)) throw new Error(`detail: ${alert}`);
      },
    );

    await check(
      'Pause in a second window pauses the one proxy: both windows show it, and the request says it was paused',
      async () => {
        const page2 = await ctx.newPage();
        try {
          await openWorkbench(page2, csServer.windowUrl(ws));
          // the second window found the first one's proxy on the port: it shows that proxy's figures
          await page2
            .locator('.statusbar-item', { hasText: /saved · \d+%/ })
            .first()
            .waitFor({ timeout: 60000 });
          await runCommand(page2, 'Headroom: Pause Compression');
          await page2.locator('.statusbar-item', { hasText: 'Headroom paused' }).first().waitFor({ timeout: 10000 });
          await page.bringToFront();
          await page.locator('.statusbar-item', { hasText: 'Headroom paused' }).first().waitFor({ timeout: 10000 });
          await frame.locator('#status.warn', { hasText: 'compression paused' }).waitFor({ timeout: 10000 });
          const paused = (await fetch(`${proxy}/pause`).then((r) => r.json())).paused;
          if (paused !== true) throw new Error(`GET /pause says ${paused}`);
          const output = FIX('extension/rg-express-req.txt') + '\n# paused';
          const r = await sendThroughProxy(
            proxy,
            messagesBody('where is req.body parsed?', 'rg -n req', output, 'claude-haiku-4-5'),
            'Continue/1.2.0',
          );
          if (r.status !== 200) throw new Error(`proxy answered ${r.status}`);
          const sent = toolResultOf(upstream.received[upstream.received.length - 1]);
          if (sent !== output) throw new Error('the paused request was compressed anyway');
          const row = frame.locator('#request-list .row[data-outcome="paused"]').first();
          await row.waitFor({ timeout: 15000 });
          if (!/paused/.test(await row.innerText())) throw new Error(await row.innerText());
          await row.click();
          await frame.locator('#detail-outcome', { hasText: 'Compression paused' }).waitFor({ timeout: 5000 });
          await page.mouse.move(900, 600);
          await shot(page, 'status-paused.png');
          // resumed in the first window: the second one follows (it polls the proxy)
          await runCommand(page, 'Headroom: Resume Compression');
          await page
            .locator('.statusbar-item', { hasText: /saved · \d+%/ })
            .first()
            .waitFor({ timeout: 10000 });
          await page2
            .locator('.statusbar-item', { hasText: /saved · \d+%|Headroom$/ })
            .first()
            .waitFor({ timeout: 10000 });
          if (await page2.locator('.statusbar-item', { hasText: 'Headroom paused' }).count())
            throw new Error('the second window still says paused');
        } finally {
          await page2.close();
          await page.bringToFront();
        }
      },
    );

    await check('a marker of over 1,400 characters is found whole: highlighted and clickable', async () => {
      await frame.locator('#only-compressed').uncheck();
      const list = frame.locator('#request-list');
      await scrollUntilRow(list, `.row[data-request-id="${seeded.longMarker.id}"]`, 200);
      await frame.locator(`#request-list .row[data-request-id="${seeded.longMarker.id}"]`).click();
      const marker = frame.locator('.diff .marker').first();
      await marker.waitFor({ timeout: 10000 });
      const text = await marker.innerText();
      if (text.length !== seeded.longMarker.markerChars || !text.includes(seeded.longMarker.ccrId))
        throw new Error(`marker of ${text.length} characters: ${text.slice(0, 80)}…`);
      const stats = await frame.locator('#unit-stats').innerText();
      if (!/ 1 marker /.test(stats)) throw new Error(stats);
      const tab = await frame.locator('.tab.active').innerText();
      if (!/^Bash output · message 5/.test(tab)) throw new Error(`unit tab: ${tab}`);
      await list.evaluate((el) => {
        el.scrollTop = 0;
      });
    });

    await check('the list filters to compressed requests and can be widened; the chart has a legend', async () => {
      await frame.locator('#only-compressed').check();
      const compressed = await frame
        .locator('#request-list .row')
        .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-compressed-units'))));
      if (!compressed.length || compressed.some((n) => !(n > 0)))
        throw new Error(`filtered rows' compressed units: ${compressed}`);
      if (await frame.locator('#request-list .row[data-outcome="paused"]').count())
        throw new Error('a paused request is still listed');
      const pane = frame.locator('#list-pane');
      const w0 = (await pane.boundingBox())?.width ?? 0;
      await frame.locator('.splitter').focus();
      for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
      const w1 = (await pane.boundingBox())?.width ?? 0;
      if (w1 < w0 + 150) throw new Error(`list ${w0}px → ${w1}px`);
      const legend = await frame.locator('#chart-legend').innerText();
      if (!/before/.test(legend) || !/after/.test(legend) || !/saved/.test(legend)) throw new Error(legend);
      await frame.locator('#only-compressed').uncheck();
    });

    await check(
      'Learn opens both diffs, then asks once (Apply or Discard, no modal over the diffs), and writes both files',
      async () => {
        await runCommand(page, 'Headroom: Learn');
        const toast = page
          .locator('.notification-toast', { hasText: 'Headroom: Learn' })
          .filter({ has: page.locator('.monaco-button', { hasText: 'Apply' }) });
        await toast.first().waitFor({ timeout: 60000 });
        const tabs = await page.locator('.tab').allInnerTexts();
        if (!tabs.some((x) => /AGENTS\.md/.test(x)) || !tabs.some((x) => /CLAUDE\.md/.test(x)))
          throw new Error(`diff tabs: ${tabs.join(' | ')}`);
        if (await page.locator('.monaco-dialog-box').count()) throw new Error('a modal dialog covers the diffs');
        if ((await toast.count()) !== 1) throw new Error(`${await toast.count()} questions`);
        const buttons = await toast.first().locator('.monaco-button').allInnerTexts();
        if (buttons.map((b) => b.trim()).join(',') !== 'Apply,Discard') throw new Error(`buttons: ${buttons}`);
        if (fs.existsSync(path.join(ws, 'AGENTS.md'))) throw new Error('written before consent');
        await shot(page, 'learn-ask-once.png');
        await toast.first().locator('.monaco-button', { hasText: 'Apply' }).click();
        await page
          .locator('.notification-toast', { hasText: /wrote \d+ lessons?/ })
          .first()
          .waitFor({ timeout: 15000 });
        for (const f of ['AGENTS.md', 'CLAUDE.md'])
          if (!fs.readFileSync(path.join(ws, f), 'utf8').includes('headroom:learn:start'))
            throw new Error(`${f} not written`);
        await runCommand(page, 'Headroom: Show Compression Diffs');
      },
    );

    await check(
      'screenshots in the dark, light and High Contrast themes: removed and added lines stay marked',
      async () => {
        const pick = frame.locator('#request-list .row[data-outcome="compressed"]').first();
        await pick.click();
        await frame.locator('button.toggle', { hasText: 'Side by side' }).click();
        await frame.locator('.diff.split .tx.del').first().waitFor({ timeout: 10000 });
        const themes: [string, string, boolean][] = [
          ['Dark Modern', 'panel-dark.png', false],
          ['Light Modern', 'panel-light.png', false],
          ['Dark High Contrast', 'panel-high-contrast.png', true],
          ['Light High Contrast', 'panel-high-contrast-light.png', true],
        ];
        for (const [theme, file, hc] of themes) {
          await setTheme(theme);
          const del = frame.locator('.diff.split .tx.del').first();
          await del.waitFor({ timeout: 10000 });
          const look = await del.evaluate((el) => {
            const cs = getComputedStyle(el);
            return {
              bg: cs.backgroundColor,
              outline: cs.outlineStyle,
              before: getComputedStyle(el, '::before').content,
            };
          });
          const marked = hc ? look.outline === 'dashed' && /−/.test(look.before) : look.bg !== 'rgba(0, 0, 0, 0)';
          if (!marked) throw new Error(`${theme}: a removed cell is not marked (${JSON.stringify(look)})`);
          await shot(page, file);
        }
        await setTheme('Light Modern');
      },
    );
  } catch (e) {
    results.failed.push({ name: 'ui run', err: String((e as Error | undefined)?.stack ?? e) });
    console.error(e);
  } finally {
    if (results.failed.length && browser)
      await browser.page.screenshot({ path: path.join(OUT, 'ui-failure.png') }).catch(() => {});
    await browser?.close();
    await server?.stop();
    await upstream.close();
    if (results.failed.length && server) fs.writeFileSync(path.join(OUT, 'code-server-ui.log'), server.log());
    fs.writeFileSync(path.join(OUT, 'ui-results.json'), JSON.stringify({ ...results, timings }, null, 2));
    console.log(`${results.passed.length} passed, ${results.failed.length} failed`);
  }
}

main().then(
  () => process.exit(results.failed.length ? 1 : 0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
