import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './run-command.js';
import type { RealContext, RealRun } from './types.js';

/**
 * `node --test` over three small test files (60 tests) of which three fail: a wrong total, a deep-equality
 * mismatch and a TypeError. Node prints TAP when stdout is not a terminal, as it is for an agent.
 * Facts: the failing tests' names, their error messages and the fail count.
 */
const FAILING = {
  cart: 'applies the bulk discount above 10 items',
  pricing: 'rounds half-cent prices up',
  format: 'formats negative amounts',
};

function passing(prefix: string, n: number): string {
  let s = '';
  for (let i = 1; i <= n; i++)
    s += `test('${prefix} case ${i}', () => {\n  assert.equal(${i} + ${i}, ${2 * i});\n});\n\n`;
  return s;
}

const HEADER = "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\n\n";

const FILES: Record<string, string> = {
  'cart.test.mjs':
    HEADER +
    passing('cart', 19) +
    `function total(items) {\n  const sum = items.reduce((a, i) => a + i.price * i.qty, 0);\n` +
    `  return items.length > 10 ? sum * 0.9 : sum; // bug: counts lines, not items\n}\n\n` +
    `test('${FAILING.cart}', () => {\n  assert.strictEqual(total([{ price: 10, qty: 10 }]), 90);\n});\n`,
  'pricing.test.mjs':
    HEADER +
    passing('pricing', 19) +
    `function round(p) {\n  return { cents: Math.floor(p * 100), currency: 'EUR' };\n}\n\n` +
    `test('${FAILING.pricing}', () => {\n  assert.deepStrictEqual(round(10.005), { cents: 1001, currency: 'EUR' ` +
    `});\n});\n`,
  'format.test.mjs':
    HEADER +
    passing('format', 19) +
    `function fmt(amount) {\n  return amount.value.toFixed(2);\n}\n\ntest('${FAILING.format}', () => {\n` +
    `  assert.equal(fmt(-5), '-5.00');\n});\n`,
};

export function nodeTestRun(ctx: RealContext): RealRun {
  const command = 'node --test';
  const dir = join(ctx.scratch, 'node-test');
  mkdirSync(dir, { recursive: true });
  for (const [name, src] of Object.entries(FILES)) writeFileSync(join(dir, name), src);
  const r = runCommand(process.execPath, ['--test'], {
    cwd: dir,
    timeoutMs: 60_000,
    env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  if (!r.ok) return { skipped: r.note ?? 'node --test did not run', command };
  const text = r.stdout;
  const wanted = [
    ...Object.values(FAILING),
    '100 !== 90',
    "Cannot read properties of undefined (reading 'toFixed')",
    'cents: 1001',
  ];
  const failCount = /^# fail (\d+)$/m.exec(text)?.[0];
  if (failCount) wanted.push(failCount);
  const facts = wanted.filter((f) => text.includes(f));
  return {
    workload: {
      id: 'node-test',
      title: 'node --test (3 of 60 tests fail)',
      command,
      question: 'Which tests failed, and with what errors?',
      source: 'real',
      units: [{ name: command, text, facts }],
    },
  };
}
