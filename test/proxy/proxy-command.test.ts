import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter, once } from 'node:events';
import { startFakeProvider } from '../helpers/fake-provider.js';
import { anthropicJson } from '../helpers/provider-replies.js';
import { rawRequest } from '../helpers/raw-http.js';
import { until } from '../helpers/wait.js';
import { openStore } from '../../core/ccr/store.js';
import { proxyCommand } from '../../core/cli/proxy-command.js';
import type { CliIo } from '../../core/cli/io.js';
import { compress } from '../../core/compress.js';

const root = join(__dirname, '..', '..');

function bufferIo(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const written = new EventEmitter();
  const io: CliIo = {
    out: (d) => {
      out.push(String(d));
      written.emit('out');
    },
    err: (l) => void err.push(l),
    debug: () => undefined,
    env,
  };
  /** Resolves once the command printed its first line on stdout (the listening line). */
  const firstLine = () => until(written, 'out', () => out.length > 0);
  return { io, out, err, firstLine };
}

test(
  'headroom proxy: prints the listening line, forwards to --anthropic-base, and on SIGTERM closes and flushes the ' +
    'store',
  async () => {
    const provider = await startFakeProvider(() => ({ body: anthropicJson([{ type: 'text', text: 'ok' }]) }));
    const home = mkdtempSync(join(tmpdir(), 'hr-proxy-cli-'));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(root, 'core', 'cli.ts'), 'proxy', '--port', '0', '--anthropic-base', provider.url],
      {
        cwd: root,
        env: { ...process.env, HEADROOM_HOME: home },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      let stdout = '';
      child.stdout.on('data', (d) => (stdout += d));
      const line = await new Promise<string>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`exited (${code}) without a listening line; stdout=${stdout}`)));
        child.stdout.on('data', () => {
          const m = /^listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
          if (m) resolve(m[1]);
        });
      });
      const body = JSON.stringify({ model: 'claude-test', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] });
      const r = await rawRequest(`${line}/v1/messages`, {
        headers: { 'content-type': 'application/json', 'x-api-key': 'sk-cli-secret' },
        body,
      });
      assert.equal(r.status, 200);
      assert.equal(provider.received[0].url, '/v1/messages', 'a base without a path got /v1');
      assert.equal(provider.received[0].text, body);
      // the record is written just after forwarding: wait until the proxy's /stats shows it
      while (JSON.parse((await rawRequest(`${line}/stats`, { method: 'GET' })).text).recent.length === 0);
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      assert.equal(code, 0);
      assert.equal(stdout, `listening on ${line}\n`, 'exactly one line on stdout');
      const store = await openStore({ dir: home });
      try {
        assert.equal(store.totals().requests, 1, 'the request record was flushed to disk');
      } finally {
        await store.close();
      }
    } finally {
      child.kill('SIGKILL');
      await provider.close();
    }
  },
);

test('headroom proxy: bad flags are usage errors with a clear message', async () => {
  const a = bufferIo();
  assert.equal(await proxyCommand(['--port', 'abc'], a.io), 2);
  assert.match(a.err.join('\n'), /--port must be a number from 0 to 65535/);
  const b = bufferIo();
  assert.equal(await proxyCommand(['--openai-base', 'not a url'], b.io), 2);
  assert.match(b.err.join('\n'), /--openai-base is not a usable http\(s\) URL/);
  const o = bufferIo();
  assert.equal(await proxyCommand(['--ollama-base', 'ftp://gpu-box:11434'], o.io), 2);
  assert.match(o.err.join('\n'), /--ollama-base is not a usable http\(s\) URL/);
  await assert.rejects(proxyCommand(['--bogus'], bufferIo().io), /Unknown option '--bogus'/);
  const c = bufferIo({ HEADROOM_HOME: mkdtempSync(join(tmpdir(), 'hr-proxy-cli-')) });
  assert.equal(await proxyCommand(['--prose-model', 'no-such-model'], c.io), 2);
  assert.match(
    c.err.join('\n'),
    /no prose model "no-such-model" \(usable: headroom-prose-v1; see `headroom model list`\)/,
  );
  const d = bufferIo();
  assert.equal(await proxyCommand(['--prose-model', 'headroom-prose-v1', '--prose-budget-ms', '0'], d.io), 2);
  assert.match(d.err.join('\n'), /--prose-budget-ms must be a whole number of milliseconds from 1 to 60000, got "0"/);
});

test('headroom proxy --prose-model: prose tool results go upstream as the model pruned them', async () => {
  const provider = await startFakeProvider(() => ({ body: anthropicJson([{ type: 'text', text: 'ok' }]) }));
  const home = mkdtempSync(join(tmpdir(), 'hr-proxy-cli-'));
  const { io, out, err, firstLine } = bufferIo({ HEADROOM_HOME: home });
  let stop!: () => void;
  const stopped = new Promise<void>((r) => (stop = r));
  const done = proxyCommand(
    [
      '--port',
      '0',
      '--anthropic-base',
      provider.url,
      '--prose-model',
      'headroom-prose-v1',
      '--prose-budget-ms',
      '20000',
    ],
    io,
    { stopSignal: stopped },
  );
  try {
    await firstLine();
    const url = /^listening on (\S+)\n$/.exec(out[0])![1];
    const page = readFileSync(join(root, 'test/fixtures/prose/xz-readme.txt'), 'utf8');
    const body = JSON.stringify({
      model: 'claude-test',
      max_tokens: 5,
      messages: [
        { role: 'user', content: 'How do I report a bug in XZ Utils?' },
        {
          role: 'assistant',
          content: [
            { type: 'tool_use', id: 'toolu_1', name: 'Read', input: { file_path: '/usr/share/doc/xz-utils/README' } },
          ],
        },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: page }] },
      ],
    });
    const r = await rawRequest(`${url}/v1/messages`, {
      headers: { 'content-type': 'application/json', 'x-api-key': 'sk-x' },
      body,
    });
    assert.equal(r.status, 200, err.join('\n'));
    const sent = JSON.parse(provider.received[0].text) as { messages: Array<{ content: Array<{ content?: string }> }> };
    const unit = sent.messages[2].content[0].content!;
    assert.ok(unit.length < page.length);
    assert.notEqual(
      unit,
      compress(page, { query: 'How do I report a bug in XZ Utils?', fileName: '/usr/share/doc/xz-utils/README' })
        .output,
      'not the extractive form',
    );
    for (const fact of ['--enable-debug', '256 KiB']) assert.ok(unit.includes(fact), fact);
  } finally {
    stop();
    assert.equal(await done, 0);
    await provider.close();
  }
});

test('headroom proxy in-process: --port 0, a stop signal closes it', async () => {
  const home = mkdtempSync(join(tmpdir(), 'hr-proxy-cli-'));
  const { io, out, firstLine } = bufferIo({ HEADROOM_HOME: home });
  let stop!: () => void;
  const stopped = new Promise<void>((r) => (stop = r));
  const done = proxyCommand(['--port', '0', '--host', '127.0.0.1'], io, { stopSignal: stopped });
  await firstLine();
  const url = /^listening on (\S+)\n$/.exec(out[0])![1];
  const h = await rawRequest(`${url}/health`, { method: 'GET' });
  assert.equal(JSON.parse(h.text).status, 'ok');
  stop();
  assert.equal(await done, 0);
});
