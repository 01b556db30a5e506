import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROVIDERS } from '../../core/providers/index.js';

/**
 * One home per provider (issue 13): what differs between request shapes lives in core/providers/<id>/, behind the
 * ProviderAdapter interface. Outside that folder, no code branches on a provider's name.
 */
const root = join(__dirname, '..', '..');
const IDS = PROVIDERS.map((p) => p.id);
const alt = IDS.map((id) => id.replace(/-/g, '\\-')).join('|');

const RULES: { why: string; re: RegExp }[] = [
  {
    why: 'compares a provider to a name',
    re: new RegExp(`\\bprovider\\s*[!=]==?\\s*['"](?:${alt})['"]|['"](?:${alt})['"]\\s*[!=]==?\\s*[\\w.]*provider\\b`),
  },
  { why: 'switches on a provider name', re: new RegExp(`\\bcase\\s+['"](?:${alt})['"]\\s*:`) },
  { why: 'keeps a per-provider table', re: /\bRecord<\s*Provider\s*,/ },
  // the ids that are no family or agent name at the same time may not be spelled out at all
  { why: 'names a provider', re: new RegExp(`['"](?:${IDS.filter((id) => id.includes('-')).join('|')})['"]`) },
];

/** The rule each line breaks, as `file:line: why`. */
export function providerBranches(file: string, text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (/^\s*(\/\/|\*)/.test(line)) return; // comments may talk about providers
    for (const r of RULES) if (r.re.test(line)) out.push(`${file}:${i + 1}: ${r.why}`);
  });
  return out;
}

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

test('the check finds provider branches and leaves family names alone', () => {
  assert.equal(providerBranches('x.ts', "if (provider === 'gemini') return 1;").length, 1);
  assert.equal(providerBranches('x.ts', "  if (o.provider !== 'anthropic') return;").length, 1);
  assert.equal(providerBranches('x.ts', "    case 'openai-responses':").length, 2);
  assert.equal(providerBranches('x.ts', 'const T: Record<Provider, string> = {};').length, 1);
  assert.equal(providerBranches('x.ts', "const family: Family = 'anthropic';").length, 0);
  assert.equal(providerBranches('x.ts', "if (typeof settings.provider === 'string') x();").length, 0);
  assert.equal(providerBranches('x.ts', "// provider === 'gemini' was how it was done").length, 0);
});

test('no provider switch or if-chain on provider names outside core/providers/', () => {
  const files = sources(join(root, 'core')).filter((f) => !relative(root, f).startsWith(join('core', 'providers')));
  assert.ok(files.length > 50, 'core/ sources found');
  const found = files.flatMap((f) => providerBranches(relative(root, f), readFileSync(f, 'utf8')));
  assert.deepEqual(found, [], 'move what differs between providers into their adapter (core/providers/<id>/)');
});
