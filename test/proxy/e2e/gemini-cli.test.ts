/**
 * A real Gemini CLI (npm `@google/gemini-cli`) through the proxy, offline: the scripted fake provider
 * (../shared/agents/fake-provider.js) asks for a shell command and answers once its output comes back. The tool
 * output is big enough to compress, so the proxy declares `headroom_retrieve` beside Gemini CLI's own functions from
 * that request on; the CLI must carry on unbothered. Runs in a loopback-only network namespace (root, unshare).
 *
 *   npm install --prefix $AGENTS_DIR/install/gemini @google/gemini-cli     (once; AGENTS_DIR default /tmp/agents-try)
 *   node --import tsx --test test/proxy/e2e/gemini-cli.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../../core/ccr/store.js';

const root = join(__dirname, '..', '..', '..');
const shared = join(root, '..', 'shared', 'agents');
const agentsDir = process.env.AGENTS_DIR ?? '/tmp/agents-try';
const gemini = join(agentsDir, 'install', 'gemini', 'node_modules', '.bin', 'gemini');
const missing = !existsSync(gemini)
  ? `Gemini CLI not installed at ${gemini}`
  : process.getuid?.() !== 0
    ? 'needs root (unshare)'
    : undefined;

test('Gemini CLI runs a real shell tool through the proxy: the output is compressed, headroom_retrieve declared, the ' +
  'answer arrives', {
  skip: missing,
}, () => {
  const gen = join(agentsDir, 'gen-gemini-listing.js');
  writeFileSync(
    gen,
    "const r=Array.from({length:150},(_, i)=>({id:i,service:'svc-'+(i%9)," +
      "status:i===77?'degraded':'ok',p99_ms:20+(i*7)%60}));" +
      'console.log(JSON.stringify(r,null,2));\n',
  );
  const loader = 'file://' + join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs');
  const pre =
    // API-key auth, no telemetry
    'mkdir -p $HOME/.gemini && cp $S/config/gemini-settings.json $HOME/.gemini/settings.json && ' +
    `HEADROOM_HOME=$R/home/.headroom node --import ${loader} ${join(root, 'core', 'cli.ts')} proxy --port 8787 ` +
    `--gemini-base http://127.0.0.1:18080 > $R/proxy.out 2> $R/proxy.err & ` +
    'for i in $(seq 100); do grep -qs listening $R/proxy.out && break; sleep 0.1; done';
  const r = spawnSync(
    join(shared, 'bin', 'run-agent.sh'),
    [
      'gemini',
      'headroom',
      `node ${gen}`,
      '120',
      '--',
      gemini,
      '-p',
      'Run a shell command to look at the services',
      '--yolo',
      '-m',
      'gemini-2.5-flash',
      '--output-format',
      'stream-json',
    ],
    {
      encoding: 'utf8',
      timeout: 180_000,
      env: {
        ...process.env,
        AGENTS_DIR: agentsDir,
        PRE: pre,
        AGENT_ENV:
          'GEMINI_API_KEY=g-dummy GOOGLE_GEMINI_BASE_URL=http://127.0.0.1:8787 GEMINI_CLI_TRUST_WORKSPACE=true',
      },
    },
  );
  const run = join(agentsDir, 'run', 'gemini-headroom');
  assert.match(
    r.stdout,
    /rc=0/,
    `${r.stdout}\n${r.stderr}\n${readFileSync(join(run, 'agent.stderr'), 'utf8').slice(-2000)}`,
  );
  assert.match(readFileSync(join(run, 'agent.stdout'), 'utf8'), /FINAL ANSWER: the command ran/);

  type Entry = {
    path: string;
    body: { tools?: Array<{ functionDeclarations?: Array<{ name: string }> }> };
    toolResultSeen?: { text: string };
  };
  const log = readFileSync(join(run, 'provider.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Entry);
  const turns = log.filter((e) => /:streamGenerateContent$/.test(e.path) && e.body.tools);
  const withResult = turns.find((e) => e.toolResultSeen);
  assert.ok(withResult, 'the tool output reached the provider');
  const names = (e: Entry) => (e.body.tools ?? []).flatMap((t) => (t.functionDeclarations ?? []).map((f) => f.name));
  assert.ok(
    names(withResult).includes('headroom_retrieve'),
    'the request carrying the compressed output declares headroom_retrieve',
  );
  assert.ok(!names(turns[0]).includes('headroom_retrieve'), 'nothing compressed before it: no tool');
  const raw = spawnSync('node', [gen], { encoding: 'utf8' }).stdout;
  assert.ok(
    !withResult.toolResultSeen!.text.includes(raw.slice(0, 300).replace(/\n/g, '\\n')),
    'the provider saw a compressed tool output',
  );

  return openStore({ dir: join(run, 'home', '.headroom') }).then(async (store) => {
    const t = store.totals();
    await store.close();
    assert.ok(t.tokensAfter < t.tokensBefore, `${t.tokensBefore} → ${t.tokensAfter}`);
  });
});
