/**
 * What a file path is for, as far as answering "where is X used" goes. A search hit in a test, a mock, a fixture,
 * generated output (dist, bundles, source maps, minified files) or documentation is real, but it is rarely the
 * answer to a question about the code: those paths rank below source files unless the query asks for them.
 * Decided from the path alone (segments and file name), so it works for grep hits and API records alike.
 */
export type PathRole = 'source' | 'test' | 'mock' | 'fixture' | 'generated' | 'docs';

// one regex per role over the lower-cased path: a directory segment, or the file name's shape
const FIXTURE_RE = /(?:^|\/)(?:fixtures?|__fixtures__|testdata|test-data|__snapshots__|snapshots|golden)\/|\.snap$/;
const MOCK_RE = /(?:^|\/)(?:mocks?|__mocks__|stubs|fakes?)\/|[._-](?:mocks?|stub|fake)\.[a-z0-9]+$/;
const TEST_RE = new RegExp(
  [
    /(?:^|\/)(?:tests?|__tests?__|specs?|e2e|testing|integration-tests|cypress|playwright)\//.source,
    /[._-](?:test|spec|tests|e2e)\.[a-z0-9]+$|(?:^|\/)test_[^/]+\.py$|(?:^|\/)tests?\.[a-z]+$/.source,
  ].join('|'),
);
/** `FooTest.java`, `BarTests.cs`: a capital T after the class name (checked on the path as written). */
const TEST_CLASS_RE = /[a-z0-9]Tests?\.(?:java|kt|cs|swift|php)$/;
const GENERATED_RE = new RegExp(
  String.raw`(?:^|\/)(?:dist|build|out|\.next|\.nuxt|\.vercel|\.output|\.svelte-kit|coverage|target|\.turbo` +
    String.raw`|\.cache|bundles?|umd|esm|cjs)\/|\.(?:min|bundle|chunk)\.[a-z0-9]+$|\.map$|-debug\.js$` +
    String.raw`|(?:^|\/)(?:package-lock\.json|yarn\.lock|pnpm-lock\.yaml)$`,
);
const DOCS_RE = new RegExp(
  [
    /(?:^|\/)(?:docs?|documentation|site|website)\/|\.(?:md|mdx|markdown|rst|adoc|txt)$/.source,
    /(?:^|\/)(?:readme|changelog|history|contributing|license)(?:\.[^/]*)?$/.source,
  ].join('|'),
);

/** Any of the above: most paths are source files, and one test tells so. */
const ANY_ROLE_RE = new RegExp([FIXTURE_RE, MOCK_RE, TEST_RE, GENERATED_RE, DOCS_RE].map((r) => r.source).join('|'));

export function pathRole(path: string): PathRole {
  const p = (path.includes('\\') ? path.replace(/\\/g, '/') : path).toLowerCase();
  if (!ANY_ROLE_RE.test(p)) return TEST_CLASS_RE.test(path) ? 'test' : 'source';
  if (FIXTURE_RE.test(p)) return 'fixture';
  if (MOCK_RE.test(p)) return 'mock';
  if (TEST_RE.test(p) || TEST_CLASS_RE.test(path)) return 'test';
  if (GENERATED_RE.test(p)) return 'generated';
  if (DOCS_RE.test(p)) return 'docs';
  return 'source';
}

/** Query words that ask for a role, so its paths are not ranked down. */
const ROLE_WORDS: Record<Exclude<PathRole, 'source'>, readonly string[]> = {
  test: ['test', 'tests', 'spec', 'specs', 'testing', 'unit', 'e2e'],
  mock: ['mock', 'mocks', 'mocked', 'stub', 'stubs', 'fake'],
  fixture: ['fixture', 'fixtures', 'snapshot', 'snapshots', 'testdata'],
  generated: ['dist', 'build', 'bundle', 'bundled', 'minified', 'compiled', 'generated', 'output'],
  docs: ['doc', 'docs', 'documentation', 'readme', 'changelog', 'documented'],
};

/**
 * The roles a query asks for (its positive words name them), so those paths keep their rank. `non-test` and
 * `excluding mocks` name a role without asking for it: pass only the query's positive terms.
 */
export function wantedRoles(positiveTerms: readonly string[]): Set<PathRole> {
  const out = new Set<PathRole>(['source']);
  for (const [role, words] of Object.entries(ROLE_WORDS) as [PathRole, readonly string[]][]) {
    if (words.some((w) => positiveTerms.includes(w))) out.add(role);
  }
  return out;
}

/** A path-like string: has a `/` or a file extension, no spaces, not a URL. */
export function looksLikePath(s: string): boolean {
  if (s.length < 3 || s.length > 300 || /\s/.test(s) || /^[a-z]+:\/\//i.test(s)) return false;
  return s.includes('/') ? /[A-Za-z]/.test(s) : /^[\w.-]+\.[A-Za-z][A-Za-z0-9]{0,5}$/.test(s) && !/^\d/.test(s);
}
