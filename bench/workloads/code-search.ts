import { createRng, type Rng } from '../lib/prng.js';
import type { BenchUnit, Fact, Workload } from './types.js';

/**
 * "Code search with 100 results" (Headroom: 17,765 → 1,408 tokens). An agent searches an org for a symbol and must say
 * where it is defined and which non-test source files call it. Two tool outputs, as agents really get them:
 * a GitHub code-search JSON (100 file hits, pretty-printed as MCP servers return it) and a ripgrep run over the
 * local checkout (100 `path:line:text` hits). Most hits are noise that still contains the symbol: tests, mocks,
 * docs, build output and look-alike symbols (`resolveSessionTokenTtl`), which is what makes the question hard.
 */
const SYMBOL = 'resolveSessionToken';
const DEF_PATH = 'packages/auth/src/session/resolve-session-token.ts';
const DEF_SIGNATURE = `export async function ${SYMBOL}(`;
const QUESTION = `Where is ${SYMBOL} defined, and which non-test source files call it?`;

type Role = 'def' | 'reexport' | 'caller' | 'test' | 'mock' | 'doc' | 'similar' | 'dist' | 'fixture';

interface Hit {
  repo: string;
  path: string;
  role: Role;
}

const CALLERS: readonly Hit[] = [
  { repo: 'acme/storefront', path: 'apps/web/src/middleware/require-session.ts', role: 'caller' },
  { repo: 'acme/storefront', path: 'apps/web/src/server/graphql/context.ts', role: 'caller' },
  { repo: 'acme/storefront', path: 'apps/web/src/routes/api/cart/checkout.ts', role: 'caller' },
  { repo: 'acme/storefront', path: 'services/realtime/src/handshake.ts', role: 'caller' },
  { repo: 'acme/storefront', path: 'packages/payments-client/src/auth-headers.ts', role: 'caller' },
  { repo: 'acme/admin-portal', path: 'src/server/auth/session-guard.ts', role: 'caller' },
  { repo: 'acme/mobile-bff', path: 'src/plugins/session.ts', role: 'caller' },
  { repo: 'acme/edge-worker', path: 'src/handlers/session-refresh.ts', role: 'caller' },
];

const AREAS = [
  'cart',
  'checkout',
  'account',
  'orders',
  'wishlist',
  'search',
  'catalog',
  'payments',
  'profile',
  'loyalty',
  'returns',
  'shipping',
];
const REPOS = [
  'acme/storefront',
  'acme/storefront',
  'acme/storefront',
  'acme/admin-portal',
  'acme/mobile-bff',
  'acme/edge-worker',
];
const LOOKALIKES = [
  'resolveSessionTokenTtl',
  'resolveSessionTokens',
  'SessionTokenResolver',
  'unresolvedSessionToken',
  'resolveSessionTokenFromCookie',
];

/** The 100 files the org-wide search returns, in the (score) order the API gives them. */
function orgHits(rng: Rng): Hit[] {
  const hits: Hit[] = [
    { repo: 'acme/storefront', path: DEF_PATH, role: 'def' },
    { repo: 'acme/storefront', path: 'packages/auth/src/index.ts', role: 'reexport' },
    { repo: 'acme/storefront', path: 'packages/auth/src/session/index.ts', role: 'reexport' },
    ...CALLERS,
  ];
  const used = new Set(hits.map((h) => h.repo + '/' + h.path));
  const add = (role: Role, make: () => Hit): void => {
    for (let tries = 0; tries < 50; tries++) {
      const h = make();
      if (used.has(h.repo + '/' + h.path)) continue;
      used.add(h.repo + '/' + h.path);
      hits.push({ ...h, role });
      return;
    }
  };
  for (let i = 0; i < 24; i++)
    add('test', () => {
      const area = rng.pick(AREAS);
      return {
        repo: rng.pick(REPOS),
        path: rng.pick([
          `apps/web/src/routes/api/${area}/__tests__/${area}.test.ts`,
          `packages/${area}/src/${area}.service.test.ts`,
          `test/integration/${area}-session.spec.ts`,
        ]),
        role: 'test',
      };
    });
  for (let i = 0; i < 6; i++)
    add('mock', () => ({ repo: rng.pick(REPOS), path: `test/mocks/${rng.pick(AREAS)}-auth.mock.ts`, role: 'mock' }));
  for (let i = 0; i < 8; i++)
    add('doc', () => ({
      repo: rng.pick(REPOS),
      path: rng.pick([
        'docs/auth/sessions.md',
        'CHANGELOG.md',
        `docs/adr/00${rng.int(10, 40)}-session-tokens.md`,
        'packages/auth/README.md',
        `docs/guides/${rng.pick(AREAS)}.md`,
      ]),
      role: 'doc',
    }));
  for (let i = 0; i < 25; i++)
    add('similar', () => {
      const area = rng.pick(AREAS);
      return {
        repo: rng.pick(REPOS),
        path: rng.pick([
          `packages/auth/src/session/${rng.pick(['ttl', 'batch', 'resolver', 'cookie', 'rotate'])}.ts`,
          `apps/web/src/lib/${area}/session-cache.ts`,
          `services/${area}/src/auth/token-resolver.ts`,
          `packages/${area}/src/session-utils.ts`,
        ]),
        role: 'similar',
      };
    });
  for (let i = 0; i < 10; i++)
    add('dist', () => ({
      repo: 'acme/storefront',
      path: rng.pick([
        `packages/auth/dist/index.${rng.pick(['js', 'mjs', 'cjs', 'd.ts'])}`,
        `packages/auth/dist/session/resolve-session-token.${rng.pick(['js', 'd.ts', 'js.map'])}`,
        `apps/web/.vercel/output/functions/api/${rng.pick(AREAS)}.func/index.js`,
      ]),
      role: 'dist',
    }));
  while (hits.length < 100)
    add('fixture', () => ({
      repo: rng.pick(REPOS),
      path: `test/fixtures/${rng.pick(AREAS)}/${rng.pick(['session', 'request', 'headers'])}-${rng.int(1, 40)}.json`,
      role: 'fixture',
    }));
  // the search API orders by relevance, which interleaves roles: keep the definition near the top, shuffle the rest
  const [def, ...rest] = hits;
  const mixed = rng.shuffle(rest);
  mixed.splice(rng.int(2, 6), 0, def);
  return mixed;
}

/** A few lines around the match, as GitHub's text_matches fragment shows them. */
function fragment(rng: Rng, h: Hit): string {
  const v = rng.pick(['req', 'request', 'ctx.req', 'event.request']);
  const area = rng.pick(AREAS);
  switch (h.role) {
    case 'def':
      return (
        ` * Resolves the caller's session token from the Authorization header or the session cookie.\n` +
        ` */\n${DEF_SIGNATURE}req: IncomingRequest, opts: ResolveOptions = {}): Promise<SessionToken | null> {\n` +
        `  const raw = readBearer(req.headers.authorization) ?? req.cookies?.[opts.cookieName ?? SESSION_COOKIE];`
      );
    case 'reexport':
      return (
        `export { ${SYMBOL} } from './` +
        `${h.path.endsWith('session/index.ts') ? '' : 'session/'}resolve-session-token';\n` +
        `export type { SessionToken, ResolveOptions } from './session/types';`
      );
    case 'caller':
      return (
        `import { ${SYMBOL} } from '@acme/auth';\n\n  const token = await ${SYMBOL}(${v}, { cookieName: '` +
        `${rng.pick(['sf_session', 'acme_sid', 'adm_session'])}' });\n  if (!token) return unauthorized('${area}');`
      );
    case 'test':
      return (
        `  it('${rng.pick([
          'rejects an expired ' + 'token',
          'reads the bearer header',
          'falls back to the cookie',
          'returns null without credentials',
        ])}', ` +
        `async () => {\n    const token = await ${SYMBOL}(mockRequest({ ${rng.pick(['cookies', 'headers'])}: { ` +
        `session: '${rng.alnum(12)}' } }));\n    expect(token${rng.pick(['', '?.userId'])}).` +
        `${rng.pick(['toBeNull()', `toEqual('u_${rng.int(1000, 9999)}')`, 'toBeDefined()'])};`
      );
    case 'mock':
      return (
        `vi.mock('@acme/auth', () => ({\n  ${SYMBOL}: vi.fn().mockResolvedValue({ userId: 'u_` +
        `${rng.int(1000, 9999)}', scopes: ['${area}:read'] }),\n}));`
      );
    case 'doc':
      return (
        `Call \`${SYMBOL}(req)\` at the start of every handler that needs the ${area} session; it returns ` +
        `\`null\`\nwhen the cookie is missing or expired (see ADR-00${rng.int(10, 40)}).`
      );
    case 'similar': {
      const s = rng.pick(LOOKALIKES);
      return (
        `export function ${s}(` +
        `${rng.pick(['token: SessionToken', 'tokens: string[]', 'opts: ResolverOptions'])}) {\n` +
        `  // ${rng.pick(['cached for', 'refreshed every', 'expires after'])} ${rng.int(5, 120)} minutes in ` +
        `${area}\n  return ${s === 'SessionTokenResolver' ? 'new ' : ''}` +
        `${rng.pick(['cache.get', 'store.read', 'decode'])}(${rng.pick(['token', 'tokens', 'opts'])});`
      );
    }
    case 'dist':
      return (
        `exports.${SYMBOL} = ${SYMBOL};\nasync function ${SYMBOL}(e,t={}){const ` +
        `r=o(e.headers.authorization)??e.cookies?.[t.cookieName??"` +
        `${rng.pick(['sf_session', 'acme_sid'])}"];if(!r)return null;`
      );
    case 'fixture':
      return (
        `  "handler": "${SYMBOL}",\n  "request": { "method": "${rng.pick(['GET', 'POST'])}", "path": "/api/` +
        `${area}/${rng.int(1, 900)}" },`
      );
  }
}

function codeSearchJson(rng: Rng): string {
  const items = orgHits(rng).map((h) => {
    const frag = fragment(rng, h);
    const at = frag.indexOf(SYMBOL);
    return {
      path: h.path,
      sha: rng.hex(40),
      html_url: `https://github.com/${h.repo}/blob/main/${h.path}`,
      repository: { full_name: h.repo, private: h.repo !== 'acme/storefront' },
      score: Math.round((90 - rng.next() * 60) * 100) / 100,
      text_matches: [{ fragment: frag, matches: [{ text: SYMBOL, indices: [at, at + SYMBOL.length] }] }],
    };
  });
  return JSON.stringify({ total_count: items.length, incomplete_results: false, items }, null, 2);
}

interface RgHit {
  path: string;
  line: number;
  text: string;
}

/** `rg -n resolveSessionToken` over the storefront checkout: 100 lines, grouped by file in path order as rg prints. */
function ripgrepHits(rng: Rng): { text: string; facts: Fact[] } {
  const hits: RgHit[] = [];
  const facts: Fact[] = [];
  const defLine = rng.int(20, 40);
  hits.push({
    path: DEF_PATH,
    line: defLine,
    text: `${DEF_SIGNATURE}req: IncomingRequest, opts: ResolveOptions = {}): Promise<SessionToken | null> {`,
  });
  facts.push({ path: DEF_PATH, line: defLine });
  hits.push({
    path: 'packages/auth/src/index.ts',
    line: 7,
    text: `export { ${SYMBOL} } from './session/resolve-session-token';`,
  });
  for (const c of CALLERS.filter((x) => x.repo === 'acme/storefront')) {
    const importLine = rng.int(2, 9);
    const callLine = rng.int(20, 140);
    hits.push({ path: c.path, line: importLine, text: `import { ${SYMBOL} } from '@acme/auth';` });
    hits.push({
      path: c.path,
      line: callLine,
      text:
        `  const token = await ${SYMBOL}(${rng.pick(['req', 'request', 'ctx.req'])}, { cookieName: 'sf_session' ` +
        `});`,
    });
    facts.push({ path: c.path, line: callLine });
  }
  while (hits.length < 100) {
    const area = rng.pick(AREAS);
    const kind = rng.weighted<Role>([
      ['test', 40],
      ['similar', 22],
      ['mock', 8],
      ['doc', 10],
      ['dist', 6],
    ]);
    let path: string;
    let lines: string[];
    if (kind === 'test') {
      path = `apps/web/src/routes/api/${area}/__tests__/${area}.test.ts`;
      lines = [
        `import { ${SYMBOL} } from '@acme/auth';`,
        `    const token = await ${SYMBOL}(mockRequest({ cookies: { sf_session: '${rng.alnum(12)}' } }));`,
        `    vi.mocked(${SYMBOL}).mockResolvedValueOnce(null);`,
      ];
    } else if (kind === 'similar') {
      const s = rng.pick(LOOKALIKES);
      path = `apps/web/src/lib/${area}/session-cache.ts`;
      lines = [
        `export function ${s}(token: SessionToken): number {`,
        `  const ttl = ${s}(token) ?? DEFAULT_TTL_SECONDS;`,
        `import { ${s} } from '@acme/auth/session';`,
      ];
    } else if (kind === 'mock') {
      path = `test/mocks/${area}-auth.mock.ts`;
      lines = [`  ${SYMBOL}: vi.fn().mockResolvedValue({ userId: 'u_${rng.int(1000, 9999)}' }),`];
    } else if (kind === 'doc') {
      path = rng.pick(['docs/auth/sessions.md', 'CHANGELOG.md', 'packages/auth/README.md']);
      lines = [
        `- \`${SYMBOL}\` now ` +
          `${rng.pick([
            'accepts a cookieName ' + 'option',
            'returns null instead of throwing',
            'reads the bearer header first',
          ])} ` +
          `(#${rng.int(1200, 1900)})`,
        `Call \`${SYMBOL}(req)\` before reading \`req.session\`.`,
      ];
    } else {
      path = rng.pick(['packages/auth/dist/index.js', 'packages/auth/dist/index.mjs', 'packages/auth/dist/index.d.ts']);
      // bundlers leave one enormous line; rg prints all of it
      lines = path.endsWith('.d.ts')
        ? [
            `export declare function ${SYMBOL}(req: IncomingRequest, opts?: ResolveOptions): Promise<SessionToken | ` +
              `null>;`,
          ]
        : [
            `"use strict";var s=Object.defineProperty;var o=(e,t)=>{for(var r in ` +
              `t)s(e,r,{get:t[r],enumerable:!0})};o(exports,{${SYMBOL}:()=>${SYMBOL}});async function ` +
              `${SYMBOL}(e,t={}){const ` +
              `r=a(e.headers.authorization)??e.cookies?.[t.cookieName??"sf_session"];if(!r)return null;const ` +
              `n=await c(r);return n&&n.exp>Date.now()/1e3?n:null}function a(e){return e?.startsWith("Bearer ` +
              `")?e.slice(7):void 0}`,
          ];
    }
    const line = rng.int(1, 400);
    if (hits.some((h) => h.path === path && h.line === line)) continue; // rg prints a line once
    hits.push({ path, line, text: rng.pick(lines) });
  }
  hits.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  return { text: hits.map((h) => `${h.path}:${h.line}:${h.text}`).join('\n') + '\n', facts };
}

export function codeSearchWorkload(seed = 1765): Workload {
  const rng = createRng(seed);
  const json: BenchUnit = {
    name: 'github search_code (JSON, 100 files)',
    text: codeSearchJson(rng),
    facts: [DEF_PATH, DEF_SIGNATURE, ...CALLERS.map((c) => c.path)],
  };
  const rg = ripgrepHits(rng);
  const grep: BenchUnit = { name: 'rg -n (100 hits)', text: rg.text, facts: [...rg.facts, DEF_SIGNATURE] };
  return {
    id: 'code-search',
    title: 'Code search, 100 results',
    question: QUESTION,
    units: [json, grep],
    source: 'generated',
    claim: { before: 17765, after: 1408, reduction: 0.92 },
  };
}
