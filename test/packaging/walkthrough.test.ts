import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_DEFAULTS } from '../../extension/config.js';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

interface Step {
  id: string;
  title: string;
  description: string;
  media: Record<string, string>;
  completionEvents?: string[];
}

test('the Getting Started walkthrough: proxy running → configure agents → watch savings → diff → restore', () => {
  const [w] = pkg.contributes.walkthroughs as { id: string; steps: Step[] }[];
  assert.equal(w.id, 'gettingStarted');
  assert.deepEqual(
    w.steps.map((s) => s.id),
    ['proxyRunning', 'configureAgents', 'watchSavings', 'inspectDiff', 'restore'],
  );
  const commands = new Set((pkg.contributes.commands as { command: string }[]).map((c) => c.command));
  for (const s of w.steps) {
    // each step's button runs a command the extension contributes, and its media is a file the VSIX ships
    const links = [...s.description.matchAll(/\]\(command:([\w.]+)\)/g)].map((m) => m[1]);
    assert.ok(links.length >= 1, s.id);
    for (const c of links) assert.ok(commands.has(c), `${s.id}: ${c}`);
    for (const [kind, file] of Object.entries(s.media))
      if (kind !== 'altText') assert.ok(existsSync(join(root, file)), `${s.id}: ${file}`);
    if (s.media.image) assert.ok(s.media.altText, `${s.id} has alt text`);
    for (const e of s.completionEvents ?? []) {
      const c = /^onCommand:(.+)$/.exec(e)?.[1];
      if (c) assert.ok(commands.has(c), `${s.id}: ${e}`);
    }
  }
  // the first step completes on the context key the extension sets when its proxy (or another window's) serves, or
  // on its Show Logs button (VS Code 1.100 never checks an onContext step whose key was true at registration)
  assert.deepEqual(w.steps[0].completionEvents, ['onContext:headroom.proxyRunning', 'onCommand:headroom.showLogs']);
  assert.match(
    readFileSync(join(root, 'extension', 'extension.ts'), 'utf8'),
    /setContext',\s*'headroom\.proxyRunning'/,
  );
});

test("the proxy's default port is not offered as an app to open (remote.portsAttributes default)", () => {
  const attrs = pkg.contributes.configurationDefaults['remote.portsAttributes'];
  assert.deepEqual(Object.keys(attrs), [String(CONFIG_DEFAULTS.port)]);
  assert.equal(attrs[String(CONFIG_DEFAULTS.port)].onAutoForward, 'ignore');
});
