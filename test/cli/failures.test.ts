import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accessLog, oneLine, runCli } from './run-cli.js';

const fileHome = () => {
  const f = join(mkdtempSync(join(tmpdir(), 'hr-home-file-')), 'hostname');
  writeFileSync(f, 'not a folder\n');
  return f;
};

test('HEADROOM_HOME is a file: stats and retrieve fail with one line, exit 1', () => {
  const home = fileHome();
  for (const args of [['stats'], ['retrieve', 'hr_0000000000000000']]) {
    const r = runCli(args, { home });
    assert.equal(r.code, 1, args[0]);
    assert.ok(oneLine(r.err), r.err);
    assert.match(
      r.err,
      new RegExp(
        `^headroom ${args[0]}: store folder .*hostname: it is a file, not a folder; set HEADROOM_HOME to a folder ` +
          `you can write`,
      ),
    );
  }
});

test('HEADROOM_HOME under a parent that is a file: one line naming that file', () => {
  const r = runCli(['stats'], { home: join(fileHome(), 'sub', 'dir') });
  assert.equal(r.code, 1);
  assert.ok(oneLine(r.err), r.err);
  assert.match(r.err, /hostname is a file, not a folder/);
});

test('HEADROOM_HOME cannot be created (/sys/nope, /proc/nope): one line, exit 1, no hang', {
  skip: !existsSync('/proc/self') && 'needs Linux /proc and /sys',
}, () => {
  for (const home of ['/sys/nope', '/proc/nope', '/proc/nope/deeper']) {
    const r = runCli(['stats'], { home, timeoutMs: 20_000 });
    assert.equal(r.code, 1, `${home}: ${r.err}`);
    assert.ok(oneLine(r.err), r.err);
    assert.match(
      r.err,
      new RegExp(
        `^headroom stats: cannot create the store folder ${home.split('/').slice(0, 3).join('/')} \\(E[A-Z]+\\)`,
      ),
    );
  }
});

test('compress with an unusable HEADROOM_HOME passes the input through: no markers that point at nothing', () => {
  const input = accessLog(1500);
  for (const home of [fileHome(), ...(existsSync('/proc/self') ? ['/proc/nope'] : [])]) {
    const plain = runCli(['compress', '-'], { input, home, timeoutMs: 20_000 });
    assert.equal(plain.code, 0, plain.err);
    assert.equal(plain.out, input);
    assert.match(plain.err, /passed through unchanged/);
    const json = JSON.parse(runCli(['compress', '-', '--json'], { input, home }).out);
    assert.equal(json.output, input);
    assert.equal(json.originalId, undefined);
    assert.deepEqual(json.ccr, []);
    assert.match(json.reason, /^originals cannot be stored: /);
  }
});

/** A folder that exists but takes no new files: a read-only mode for a normal user; root ignores modes, so sysfs. */
function readOnlyHome(): string | undefined {
  if (process.getuid?.() !== 0) {
    const dir = mkdtempSync(join(tmpdir(), 'hr-ro-'));
    require('node:fs').chmodSync(dir, 0o555);
    return dir;
  }
  return existsSync('/sys/kernel') ? '/sys/kernel' : undefined;
}

test('read-only HEADROOM_HOME: compress passes through with the reason, exit 0, in both modes', (t) => {
  const home = readOnlyHome();
  if (!home) return t.skip('no read-only folder available');
  const input = accessLog(1500);
  const plain = runCli(['compress', '-'], { input, home });
  assert.equal(plain.code, 0, plain.err);
  assert.equal(plain.out, input, 'the input, unchanged');
  assert.doesNotMatch(plain.out, /retrieve hr_/);
  assert.match(
    plain.err,
    /^headroom compress: the store folder .* is not writable \(E[A-Z]+\); passed through unchanged\n$/,
  );
  const json = runCli(['compress', '-', '--json'], { input, home });
  assert.equal(json.code, 0);
  const obj = JSON.parse(json.out);
  assert.equal(obj.output, input);
  assert.equal(obj.compressedTokens, obj.originalTokens);
  assert.match(obj.reason, /not writable/);
});
