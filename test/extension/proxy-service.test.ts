import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as net from 'node:net';
import { once } from 'node:events';
import { CONFIG_DEFAULTS, type HeadroomConfig } from '../../extension/config.js';
import { ProxyService, type ProxyState } from '../../extension/proxy-service.js';
import { HeadroomStore, type RequestRecord } from '../../extension/proxy-host.js';
import { startFakeProvider, type FakeProvider } from '../helpers/fake-provider.js';
import { deferred, until } from '../helpers/wait.js';

const LOG = readFileSync(join(__dirname, '..', 'fixtures', 'extension', 'dpkg-chromium-install.log'), 'utf8');
const OK = {
  body: {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    content: [{ type: 'text', text: 'ok' }],
    stop_reason: 'end_turn',
    usage: { input_tokens: 1, output_tokens: 1 },
  },
};

function body(toolOutput: string) {
  return {
    model: 'claude-test',
    max_tokens: 64,
    messages: [
      { role: 'user', content: 'What happened to libkrb5?' },
      {
        role: 'assistant',
        content: [{ type: 'tool_use', id: 't1', name: 'Bash', input: { command: 'tail /var/log/dpkg.log' } }],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: toolOutput }] },
    ],
  };
}

async function post(url: string, b: object): Promise<number> {
  const res = await fetch(`${url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'k', 'user-agent': 'claude-cli/1.0' },
    body: JSON.stringify(b),
  });
  await res.text();
  return res.status;
}

function sentToolResult(p: FakeProvider, i: number): string {
  const b = p.received[i].json<{ messages: { content: { content: string }[] }[] }>();
  return b.messages[2].content[0].content;
}

async function setup(over: Partial<HeadroomConfig> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-service-'));
  const provider = await startFakeProvider(() => OK);
  const config: HeadroomConfig = {
    ...CONFIG_DEFAULTS,
    port: 0,
    storeDir: join(dir, 'store'),
    upstream: { ...CONFIG_DEFAULTS.upstream, anthropic: `${provider.url}/v1` },
    ...over,
  };
  const service = new ProxyService({ defaultStoreDir: join(dir, 'unused') });
  return {
    dir,
    provider,
    config,
    service,
    async cleanup() {
      await service.dispose();
      await provider.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

test('starts on a free port, compresses a tool result, and reports the request and the totals', async () => {
  const s = await setup();
  try {
    const states: ProxyState['kind'][] = [];
    s.service.on('state', (st) => states.push(st.kind));
    await s.service.apply(s.config);
    assert.equal(s.service.state.kind, 'running');
    assert.deepEqual(states, ['starting', 'running']);
    const url = s.service.url!;
    const seen = once(s.service, 'request') as Promise<[RequestRecord]>;
    assert.equal(await post(url, body(LOG)), 200);
    const [rec] = await seen;
    assert.ok(sentToolResult(s.provider, 0).length < LOG.length / 4, 'compressed before it went upstream');
    assert.equal(rec.agent, 'Claude Code');
    assert.ok(rec.tokensBefore > rec.tokensAfter * 4);
    assert.deepEqual(s.service.session, {
      requests: 1,
      tokensBefore: rec.tokensBefore,
      tokensAfter: rec.tokensAfter,
      retrievals: 0,
      retrievedTokens: 0,
      lookups: 0,
    });
    assert.deepEqual(s.service.allTime, s.service.session);
    // the panel reads the unit back: exact original and the bytes that were sent
    const store = s.service.storeHandle!;
    const unit = rec.units[0];
    assert.equal(store.original(unit.originalId!), LOG);
    assert.equal(store.compressedFor(LOG), sentToolResult(s.provider, 0));
  } finally {
    await s.cleanup();
  }
});

test('headroom.bodyBudgetMb and headroom.bodyQueue reach the proxy: past them a large request gets 503', async () => {
  const s = await setup({ bodyBudgetMb: 1, bodyQueue: 0 });
  const arrived = deferred();
  const release = deferred();
  // holds its answer to the first request: that body keeps its share of the budget until the answer starts
  const provider = await startFakeProvider(async () => {
    arrived.resolve();
    await release.promise;
    return OK;
  });
  try {
    await s.service.apply({ ...s.config, upstream: { ...s.config.upstream, anthropic: `${provider.url}/v1` } });
    const large = body(`${LOG}\n`.repeat(Math.ceil((1.5 * 1048576) / LOG.length))); // over 1 MiB: counted
    const first = post(s.service.url!, large);
    await arrived.promise;
    const second = await fetch(`${s.service.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'k' },
      body: JSON.stringify(large),
    });
    assert.equal(second.status, 503, 'a 1 MiB budget taken and no queue: refused at once');
    assert.ok(second.headers.get('retry-after'));
    assert.match(await second.text(), /headroom\.bodyBudgetMb/);
    release.resolve();
    assert.equal(await first, 200);
  } finally {
    release.resolve();
    await s.cleanup();
    await provider.close();
  }
});

test('paused: bodies go upstream unchanged; resumed: compressed again', async () => {
  const s = await setup();
  try {
    await s.service.apply(s.config);
    await s.service.setPaused(true);
    const seen = once(s.service, 'request') as Promise<[RequestRecord]>;
    await post(s.service.url!, body(LOG));
    assert.equal(sentToolResult(s.provider, 0), LOG);
    const [rec] = await seen;
    assert.equal(rec.paused, true, 'the record says why nothing was compressed');
    assert.equal(rec.status, 200);
    await s.service.setPaused(false);
    await post(s.service.url!, body(LOG + '\n'));
    assert.ok(sentToolResult(s.provider, 1).length < LOG.length / 4);
  } finally {
    await s.cleanup();
  }
});

test('a port held by another program: state port-taken with the next free port; no proxy of ours runs', async () => {
  const blocker = net.createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  const port = (blocker.address() as net.AddressInfo).port;
  const s = await setup({ port });
  try {
    await s.service.apply(s.config);
    const st = s.service.state;
    assert.equal(st.kind, 'port-taken');
    assert.ok(st.kind === 'port-taken' && st.suggestion! > port);
    assert.equal(s.service.url, undefined);
  } finally {
    blocker.close();
    await s.cleanup();
  }
});

test(`a port served by another Headroom (another window): this one watches it, and takes over when it \
goes`, async () => {
  const a = await setup();
  let b: ProxyService | undefined;
  try {
    await a.service.apply(a.config);
    const port = a.service.state.kind === 'running' ? a.service.state.port : 0;
    await post(a.service.url!, body(LOG));
    b = new ProxyService({ defaultStoreDir: join(a.dir, 'b-store'), externalPollMs: 50 });
    await b.apply({ ...a.config, port, storeDir: join(a.dir, 'b-store') });
    assert.deepEqual(b.state, { kind: 'external', url: `http://127.0.0.1:${port}`, port });
    await until(b, 'totals', () => b!.allTime.requests === 1); // the other proxy's totals, read from its /stats
    assert.equal(b.allTime.requests, 1);
    await a.service.dispose(); // the other window closes
    await until(b, 'state', () => b!.state.kind === 'running');
    assert.deepEqual(b.state, { kind: 'running', url: `http://127.0.0.1:${port}`, port });
    assert.equal(await post(b.url!, body(LOG)), 200, 'agents routed to that port keep working');
  } finally {
    await b?.dispose();
    await a.cleanup();
  }
});

test("pause is the proxy's: a second window pausing it pauses the first window's proxy, and both show it", async () => {
  const a = await setup();
  let b: ProxyService | undefined;
  try {
    await a.service.apply(a.config);
    const port = a.service.state.kind === 'running' ? a.service.state.port : 0;
    b = new ProxyService({ defaultStoreDir: join(a.dir, 'b-store'), externalPollMs: 20 });
    const bs = b;
    await bs.apply({ ...a.config, port, storeDir: join(a.dir, 'b-store') });
    assert.equal(bs.state.kind, 'external');
    await bs.setPaused(true); // the second window's Pause
    assert.equal(bs.paused, true);
    assert.equal(a.service.paused, true, "the first window's proxy is paused, and says so");
    await post(a.service.url!, body(LOG));
    assert.equal(sentToolResult(a.provider, 0), LOG, 'went upstream unchanged');
    await a.service.setPaused(false); // the first window resumes: the second sees it on its next poll
    await until(bs, 'state', () => !bs.paused);
    await post(a.service.url!, body(LOG + '\n'));
    assert.ok(sentToolResult(a.provider, 1).length < LOG.length / 4, 'compressed again');
  } finally {
    await b?.dispose();
    await a.cleanup();
  }
});

test(`a bad upstream URL fails with the setting named; disabled stops the proxy; dispose flushes the \
store`, async () => {
  const s = await setup();
  try {
    await s.service.apply({ ...s.config, upstream: { ...s.config.upstream, openai: 'ftp://nope' } });
    assert.equal(s.service.state.kind, 'failed');
    assert.match((s.service.state as { message: string }).message, /^headroom\.upstream\.openai:/);
    await s.service.apply({ ...s.config, enabled: false });
    assert.equal(s.service.state.kind, 'disabled');
    await s.service.apply(s.config);
    await post(s.service.url!, body(LOG));
    await new Promise((r) => setImmediate(r));
    await s.service.dispose();
    const file = join(s.config.storeDir!, 'store.sqlite');
    assert.ok(existsSync(file));
    const reopened = await HeadroomStore.open(s.config.storeDir!);
    try {
      assert.equal(reopened.requests(10).length, 1, 'the request record was persisted on dispose');
      assert.equal(reopened.totals().requests, 1);
      // the all-time figures tell the user's own lookups from models' retrievals
      reopened.recordRetrieval({ id: 'hr_0123456789abcdef', time: 1, via: 'extension', found: false });
      reopened.recordRetrieval({ id: 'hr_0123456789abcdef', time: 2, via: 'mcp', found: true });
      reopened.recordRetrieval({ id: 'hr_0123456789abcdef', time: 3, via: 'proxy', found: true });
      const t = reopened.allTimeTotals();
      assert.deepEqual([t.requests, t.retrievals, t.lookups, t.retrievedTokens], [1, 2, 1, 0]);
    } finally {
      await reopened.close();
    }
  } finally {
    await s.cleanup();
  }
});

test(`a settings change restarts the proxy without cutting an answer streaming in; the next request uses the new \
settings`, async () => {
  const text = 'alpha beta gamma delta epsilon zeta eta theta';
  const dir = mkdtempSync(join(tmpdir(), 'headroom-service-'));
  const words = text.split(' ');
  const sse = [
    'event: message_start\ndata: {"type":"message_start","message":{"id":"m1","type":"message","role":"assistant",' +
      '"content":[],"model":"m","stop_reason":null,"usage":{"input_tokens":1,"output_tokens":0}}}\n\n',
    'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":' +
      '{"type":"text","text":""}}\n\n',
    ...words.map(
      (w, i) =>
        'event: content_block_delta\ndata: ' +
        JSON.stringify({
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'text_delta', text: (i ? ' ' : '') + w },
        }) +
        '\n\n',
    ),
    'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n',
    'event: message_stop\ndata: {"type":"message_stop"}\n\n',
  ];
  const release = deferred();
  const provider = await startFakeProvider((req) =>
    req.text.includes('"stream":true') ? { chunks: sse, holdAfter: { chunks: 3, until: release.promise } } : OK,
  );
  const service = new ProxyService({ defaultStoreDir: join(dir, 'unused') });
  const config: HeadroomConfig = {
    ...CONFIG_DEFAULTS,
    port: 0,
    storeDir: join(dir, 'store'),
    upstream: { ...CONFIG_DEFAULTS.upstream, anthropic: `${provider.url}/v1` },
  };
  try {
    await service.apply(config);
    const url = service.url!;
    const port = Number(new URL(url).port);
    const res = await fetch(`${url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'k' },
      body: JSON.stringify({ ...body('short'), stream: true }),
    });
    const reader = res.body!.getReader();
    const first = await reader.read(); // mid-stream: the provider holds the rest until released
    await service.apply({ ...config, port, minChars: 10_000_000 }); // same port, new settings
    assert.equal(service.state.kind, 'running');
    release.resolve();
    const utf8 = new TextDecoder();
    let streamed = utf8.decode(first.value, { stream: true });
    for (let r = await reader.read(); !r.done; r = await reader.read())
      streamed += utf8.decode(r.value, { stream: true });
    const deltas = [...streamed.matchAll(/"text":"([^"]*)"/g)].map((m) => m[1]).join('');
    assert.equal(deltas, text, 'the answer in flight arrived whole');
    assert.equal(await post(service.url!, body(LOG)), 200);
    assert.equal(sentToolResult(provider, 1), LOG, 'the new minChars applies: the log went upstream whole');
  } finally {
    await service.dispose();
    await provider.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
