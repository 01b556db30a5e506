import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  copilotUpstream,
  DEFAULT_COPILOT_BASE,
  normalizeCopilotBase,
  planApiBase,
} from '../../core/copilot/upstream.js';
import { withoutWebSocketResponses, WS_RESPONSES } from '../../core/copilot/models-answer.js';
import { copilotSecretCheck } from '../../core/copilot/secret-check.js';
import { COPILOT_SECRET_FILE, loadOrCreateCopilotSecret } from '../../core/copilot/secret.js';
import { resolveTarget, type PrefixConfig } from '../../core/proxy/resolve-target.js';
import { normalizeBases } from '../../core/providers/upstream-url.js';
import { COPILOT_TOKEN } from './copilot-client.js';

test(`planApiBase: the token's proxy-ep names the plan's API host; only hosts under githubcopilot.com are \
followed`, () => {
  assert.equal(planApiBase(`Bearer ${COPILOT_TOKEN}`), 'https://api.business.githubcopilot.com');
  assert.equal(
    planApiBase('Bearer tid=1;proxy-ep=proxy.individual.githubcopilot.com;exp=2:mac'),
    'https://api.individual.githubcopilot.com',
  );
  assert.equal(
    planApiBase('bearer tid=1;proxy-ep=PROXY.enterprise.githubcopilot.com;exp=2'),
    'https://api.enterprise.githubcopilot.com',
  );
  for (const auth of [
    'Bearer tid=1;proxy-ep=proxy.evil.example;exp=2', // another domain: never
    'Bearer tid=1;proxy-ep=proxy.githubcopilot.com.evil.example', // suffix trick
    'Bearer tid=1;proxy-ep=api.individual.githubcopilot.com', // not a proxy host
    'Bearer tid=1;exp=2:mac', // no field
    'Bearer x:proxy-ep=proxy.individual.githubcopilot.com', // after the MAC separator: not a field
    'Basic dXNlcjpwYXNz',
    undefined,
  ])
    assert.equal(planApiBase(auth), undefined, String(auth));
  assert.equal(planApiBase(['Bearer a', 'Bearer b']), undefined);
});

test('Copilot base: normalised without /v1; the default follows the plan, an explicit base always wins', () => {
  assert.equal(normalizeCopilotBase('https://api.githubcopilot.com/'), DEFAULT_COPILOT_BASE);
  assert.equal(normalizeCopilotBase('http://127.0.0.1:9/capi//'), 'http://127.0.0.1:9/capi');
  assert.throws(() => normalizeCopilotBase('ftp://x'), /http\(s\)/);
  assert.throws(() => normalizeCopilotBase('https://x/?a=1'), /query/);
  assert.deepEqual(copilotUpstream(undefined), { base: DEFAULT_COPILOT_BASE, followPlan: true });
  assert.deepEqual(copilotUpstream('https://api.githubcopilot.com/'), { base: DEFAULT_COPILOT_BASE, followPlan: true });
  assert.deepEqual(copilotUpstream('https://api.business.githubcopilot.com'), {
    base: 'https://api.business.githubcopilot.com',
    followPlan: false,
  });
});

const SECRET = 'S'.repeat(43);
function cfg(copilotBase?: string, named: PrefixConfig['namedUpstream'] = () => undefined): PrefixConfig {
  return {
    bases: normalizeBases({}),
    copilot: { isSecret: (s) => s === SECRET, upstream: copilotUpstream(copilotBase) },
    namedUpstream: named,
  };
}

test(`resolveTarget: /copilot/<secret>/<rest> maps <rest> onto the plan host or the configured base, query \
kept`, () => {
  const auth = { authorization: `Bearer ${COPILOT_TOKEN}` };
  const ok = (r: ReturnType<typeof resolveTarget>) => (assert.ok(r.ok), r.target);
  const t = ok(resolveTarget('POST', `/copilot/${SECRET}/chat/completions`, auth, cfg()));
  assert.equal(t.url.href, 'https://api.business.githubcopilot.com/chat/completions');
  assert.deepEqual(
    [t.route.provider, t.route.name, t.prefix, t.agent, t.rest],
    ['openai-chat', 'copilot.chat', 'copilot', 'copilot', '/chat/completions'],
  );
  assert.equal(
    ok(resolveTarget('POST', `/copilot/${SECRET}/responses`, {}, cfg())).url.href,
    'https://api.githubcopilot.com/responses',
  );
  assert.equal(ok(resolveTarget('POST', `/copilot/${SECRET}/v1/messages`, auth, cfg())).route.provider, 'anthropic');
  const pinned = ok(resolveTarget('GET', `/copilot/${SECRET}/models?x=1`, auth, cfg('http://127.0.0.1:9/capi')));
  assert.equal(pinned.url.href, 'http://127.0.0.1:9/capi/models?x=1');
  assert.equal(pinned.route.provider, undefined, '/models passes through');
  assert.equal(
    ok(resolveTarget('GET', `/copilot/${SECRET}/chat/completions`, auth, cfg())).route.provider,
    undefined,
    'only POST carries a conversation',
  );
  // the plain routes are untouched by the prefixes
  assert.equal(
    ok(resolveTarget('POST', '/v1/chat/completions', {}, cfg())).url.href,
    'https://api.openai.com/v1/chat/completions',
  );
  const bad = resolveTarget('POST', `/copilot/${'T'.repeat(43)}/chat/completions`, auth, cfg());
  assert.deepEqual(bad.ok ? undefined : bad.status, 403);
  const none = resolveTarget('POST', '/copilot', auth, cfg());
  assert.deepEqual(none.ok ? undefined : none.status, 404);
  const off = resolveTarget('POST', `/copilot/${SECRET}/chat/completions`, auth, { bases: normalizeBases({}) });
  assert.deepEqual(off.ok ? undefined : off.status, 404);
});

test('resolveTarget: /u/<name>/<rest> routes <rest> as usual to the named base; unknown names are refused', () => {
  const named: PrefixConfig['namedUpstream'] = (n) =>
    n === 'openrouter' ? { family: 'openai', base: 'https://openrouter.ai/api/v1', owner: 'copilot' } : undefined;
  const r = resolveTarget('POST', '/u/openrouter/v1/chat/completions?a=b', {}, cfg(undefined, named));
  assert.ok(r.ok);
  assert.equal(r.target.url.href, 'https://openrouter.ai/api/v1/chat/completions?a=b');
  assert.deepEqual(
    [r.target.route.provider, r.target.route.family, r.target.prefix, r.target.agent],
    ['openai-chat', 'openai', 'named', 'copilot'],
  );
  const models = resolveTarget('GET', '/u/openrouter/v1/models', { 'x-api-key': 'k' }, cfg(undefined, named));
  assert.ok(models.ok);
  assert.equal(
    models.target.url.href,
    'https://openrouter.ai/api/v1/models',
    'the named family decides the base, not the headers',
  );
  for (const path of ['/u/nobody/v1/chat/completions', '/u/Not_A_Name/v1/models', '/u/x']) {
    const refused = resolveTarget('POST', path, {}, cfg(undefined, named));
    assert.equal(refused.ok ? undefined : refused.status, 404, path);
  }
  const off = resolveTarget('POST', '/u/openrouter/v1/chat/completions', {}, { bases: normalizeBases({}) });
  assert.equal(off.ok ? undefined : off.status, 404);
});

test("withoutWebSocketResponses: only the models' ws:/responses entries go; anything else is the same Buffer", () => {
  const text =
    `{ "data": [ {"id":"a", "supported_endpoints": [ "/responses", "${WS_RESPONSES}" ] , "x": ` +
    `"${WS_RESPONSES}"}, {"id":"b"} ], "object":"list" }`;
  assert.equal(
    withoutWebSocketResponses(Buffer.from(text)).toString(),
    `{ "data": [ {"id":"a", "supported_endpoints": ["/responses"] , "x": "${WS_RESPONSES}"}, {"id":"b"} ], ` +
      `"object":"list" }`,
  );
  for (const other of [
    '{"data":[{"supported_endpoints":["/responses"]}]}',
    `not json ${WS_RESPONSES}`,
    `{"models":[{"supported_endpoints":["${WS_RESPONSES}"]}]}`,
    `["${WS_RESPONSES}"]`,
  ]) {
    const b = Buffer.from(other);
    assert.equal(withoutWebSocketResponses(b), b, other);
  }
});

test('the secret check reads HEADROOM_HOME once, and again when a segment does not match (a secret made anew)', () => {
  const home = mkdtempSync(join(tmpdir(), 'hr-secret-'));
  try {
    const check = copilotSecretCheck(home);
    assert.equal(check('nope'), false, 'the first check creates the secret; a wrong segment is refused');
    const first = loadOrCreateCopilotSecret(home);
    assert.equal(check(first), true);
    const next = 'N'.repeat(43);
    writeFileSync(join(home, COPILOT_SECRET_FILE), `${next}\n`);
    assert.equal(check(next), true, 'the new secret is accepted without a restart');
    assert.equal(check(first), false, 'the old one no longer is');
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test('a HEADROOM_HOME that cannot hold the secret refuses every segment and says why, once', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hr-secret-'));
  try {
    const notAFolder = join(dir, 'file');
    writeFileSync(notAFolder, 'x');
    const problems: string[] = [];
    const check = copilotSecretCheck(notAFolder, (m) => problems.push(m));
    assert.equal(check('S'.repeat(43)), false);
    assert.equal(check('S'.repeat(43)), false);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /Copilot route secret in .*file cannot be read or created/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
