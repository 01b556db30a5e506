import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeProvider } from '../helpers/fake-provider.js';
import { chatSse } from '../helpers/provider-replies.js';
import { proxyCommand } from '../../core/cli/proxy-command.js';
import type { CliIo } from '../../core/cli/io.js';
import { copilotBaseUrl, loadOrCreateCopilotSecret } from '../../core/copilot/secret.js';
import { chatTurn, copilotSend } from './copilot-client.js';

function io(env: NodeJS.ProcessEnv) {
  const err: string[] = [];
  let listening!: (url: string) => void;
  const url = new Promise<string>((r) => (listening = r));
  const cli: CliIo = {
    out: (d) => {
      const m = /^listening on (\S+)\n$/.exec(String(d));
      if (m) listening(m[1]);
    },
    err: (l) => void err.push(l),
    debug: () => undefined,
    env,
  };
  return { cli, err, url };
}

test(`headroom proxy --copilot-base: /copilot/<secret>/ reaches that base with the secret kept in \
HEADROOM_HOME`, async () => {
  const home = mkdtempSync(join(tmpdir(), 'hr-copilot-cli-'));
  const api = await startFakeProvider(() => ({ chunks: chatSse({ text: 'ok' }) }));
  const { cli, url } = io({ HEADROOM_HOME: home });
  let stop!: () => void;
  const done = proxyCommand(['--port', '0', '--copilot-base', `${api.url}/capi/`], cli, {
    stopSignal: new Promise<void>((r) => (stop = r)),
  });
  try {
    const base = copilotBaseUrl(await url, loadOrCreateCopilotSecret(home));
    const sent = await copilotSend(base, 'POST', '/chat/completions', chatTurn());
    assert.equal(sent.response.status, 200);
    assert.deepEqual(
      api.received.map((r) => r.url),
      ['/capi/chat/completions'],
    );
  } finally {
    stop();
    assert.equal(await done, 0);
    await api.close();
    rmSync(home, { recursive: true, force: true });
  }
});

test('headroom proxy --copilot-base: an unusable URL is a usage error naming the flag', async () => {
  const { cli, err } = io({ HEADROOM_HOME: mkdtempSync(join(tmpdir(), 'hr-copilot-cli-')) });
  assert.equal(await proxyCommand(['--copilot-base', 'ftp://example.com'], cli), 2);
  assert.match(err.join('\n'), /--copilot-base is not a usable http\(s\) URL: ftp:\/\/example\.com/);
});
