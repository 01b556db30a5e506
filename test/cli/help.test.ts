import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, root, runCli } from './run-cli.js';
import { COMMAND_NAMES, synopsis } from '../../core/cli/usage.js';
import { AGENT_NAMES } from '../../core/agents/wrap-agents.js';

before(() => assert.ok(existsSync(cli), 'dist/cli.js is built (npm run build)'));

test('every subcommand answers --help and -h with its own usage, exit 0, nothing on stderr', () => {
  for (const name of COMMAND_NAMES) {
    for (const flag of ['--help', '-h']) {
      const r = runCli([name, flag]);
      assert.equal(r.code, 0, `${name} ${flag}: ${r.err}`);
      assert.ok(r.out.startsWith(`usage: headroom ${name}`), `${name} ${flag}: ${r.out.slice(0, 80)}`);
      assert.equal(r.err, '', `${name} ${flag}`);
    }
  }
});

test('help after other arguments, and before -- only: retrieve does not look "--help" up, wrap does not start', () => {
  for (const args of [
    ['retrieve', '--help'],
    ['model', 'install', '--help'],
    ['wrap', 'claude', '--help'],
    ['compress', '-', '--json', '-h'],
    ['help', 'stats'],
  ]) {
    const r = runCli(args);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.err}`);
    assert.match(r.out, /^usage: headroom /, args.join(' '));
  }
});

test('the top usage and the README CLI block are the same synopsis; it names every wrap agent', () => {
  const top = runCli(['--help']);
  assert.equal(top.code, 0);
  assert.ok(top.out.includes(synopsis()), 'headroom --help prints the synopsis');
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const cliSection = readme.slice(readme.indexOf('## CLI'));
  const block = /```sh\n([\s\S]*?)```/.exec(cliSection)?.[1];
  assert.equal(block, synopsis() + '\n', 'README ## CLI block = synopsis() (copy it from `headroom --help`)');
  for (const a of AGENT_NAMES) assert.ok(synopsis().includes(a), a);
  for (const documented of ['--days', '-w', '-q', '--workspace', 'HEADROOM_LOG_LEVEL'])
    assert.ok(cliSection.includes(documented), documented);
});

test('no command: the usage with exit 2; unknown command: exit 2', () => {
  assert.equal(runCli([]).code, 2);
  const u = runCli(['frobnicate']);
  assert.equal(u.code, 2);
  assert.match(u.err, /unknown command "frobnicate"/);
});

test('a usage error points at --help', () => {
  const r = runCli(['stats', '--bogus']);
  assert.equal(r.code, 2);
  assert.match(r.err, /headroom stats: .*--bogus.*\(headroom stats --help for usage\)/);
});
