/**
 * `headroom wrap gemini` around the real Gemini CLI (npm `@google/gemini-cli`), against the scripted fake provider
 * (../shared/agents/fake-provider.js) inside a loopback-only network namespace (run-agent.sh; needs root): wrap
 * starts a proxy for the run that forwards to the CLI's old GOOGLE_GEMINI_BASE_URL, points the CLI at it, and the
 * shell output reaches the provider compressed, with `headroom_retrieve` declared beside the CLI's own functions.
 *
 *   npm install --prefix $AGENTS_DIR/install/gemini @google/gemini-cli     (once; AGENTS_DIR default /tmp/agents-try)
 *   node --import tsx --test test/wrap/e2e/gemini-cli.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const shared = join(root, '..', 'shared', 'agents');
const agentsDir = process.env.AGENTS_DIR ?? '/tmp/agents-try';
const gemini = join(agentsDir, 'install', 'gemini', 'node_modules', '.bin', 'gemini');
const missing = !existsSync(gemini)
  ? `Gemini CLI not installed at ${gemini}`
  : process.getuid?.() !== 0
    ? 'needs root (unshare)'
    : undefined;
const loader = 'file://' + join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs');

test(`wrap gemini: a proxy for the run, the shell output compressed, headroom_retrieve declared, the savings \
reported`, {
  skip: missing,
}, () => {
  const gen = join(agentsDir, 'gen-gemini-wrap-listing.js');
  writeFileSync(
    gen,
    'const r=Array.from({length:150},(_, i)=>' +
      "({id:i,service:'svc-'+(i%9),status:i===77?'degraded':'ok',p99_ms:20+(i*7)%60}));" +
      'console.log(JSON.stringify(r,null,2));\n',
  );
  const wrap =
    `node --import ${loader} ${join(root, 'core', 'cli.ts')} wrap gemini --bin ${gemini} -- -p 'Run a ` +
    `shell command to look at the services' --yolo -m gemini-2.5-flash --output-format stream-json`;
  const r = spawnSync(
    join(shared, 'bin', 'run-agent.sh'),
    ['gemini', 'wrap', `node ${gen}`, '150', '--', 'bash', '-c', wrap],
    {
      encoding: 'utf8',
      timeout: 200_000,
      env: {
        ...process.env,
        AGENTS_DIR: agentsDir,
        PRE: 'mkdir -p $HOME/.gemini && cp $S/config/gemini-settings.json $HOME/.gemini/settings.json',
        AGENT_ENV:
          'GEMINI_API_KEY=g-dummy GOOGLE_GEMINI_BASE_URL=http://127.0.0.1:18080 GEMINI_CLI_TRUST_WORKSPACE=true',
      },
    },
  );
  const run = join(agentsDir, 'run', 'gemini-wrap');
  const stderr = existsSync(join(run, 'agent.stderr')) ? readFileSync(join(run, 'agent.stderr'), 'utf8') : '';
  assert.match(r.stdout, /rc=0/, `${r.stdout}\n${r.stderr}\n${stderr.slice(-3000)}`);
  assert.match(stderr, /no Headroom proxy on 127\.0\.0\.1:8787; started one at http:\/\/127\.0\.0\.1:\d+ for this run/);
  assert.match(stderr, /headroom: gemini — \d+ requests?, [\d,]+ → [\d,]+ tool-output tokens/);
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
  const withResult = log.find((e) => e.toolResultSeen);
  assert.ok(withResult, 'the shell output reached the provider');
  const names = (withResult.body.tools ?? []).flatMap((t) => (t.functionDeclarations ?? []).map((f) => f.name));
  assert.ok(names.includes('headroom_retrieve'));
  const raw = spawnSync('node', [gen], { encoding: 'utf8' }).stdout;
  assert.ok(
    !withResult.toolResultSeen!.text.includes(raw.slice(0, 300).replace(/\n/g, '\\n')),
    'compressed on the way',
  );
});
