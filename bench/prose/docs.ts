/**
 * The benchmark's documents: real prose we did not write, copied into test/fixtures/prose/ from npm packages and
 * Debian's /usr/share/doc (versions below). Each has a question, the strings its answer needs, and other facts —
 * names, numbers, identifiers and one descriptive phrase — that a reader of the compressed text should still find.
 */
export interface BenchDoc {
  file: string;
  source: string;
  query: string;
  answer: string[];
  facts: string[];
}

export const DOCS: BenchDoc[] = [
  {
    file: 'express-readme.md',
    source: 'npm express 5.3.0, Readme.md',
    query: 'Which Node.js version does Express require?',
    answer: ['Node.js 18'],
    facts: ['TJ Holowaychuk', '14+', 'npm install express', 'MIT', 'Fast, unopinionated, minimalist web framework'],
  },
  {
    file: 'semver-readme.md',
    source: 'npm semver 7.8.6, README.md',
    query: 'What does the tilde range ~1.2.3 allow?',
    answer: ['>=1.2.3 <1.3.0-0', 'patch-level'],
    facts: ['npm install semver', 'semver.satisfies', 'Caret Ranges', '1.2.3'],
  },
  {
    file: 'undici-readme.md',
    source: 'npm undici 7.30.2, README.md',
    query: 'When should I use the undici module instead of the built-in fetch?',
    answer: ['ProxyAgent', 'connection pooling'],
    facts: ['keepAliveTimeout', 'Node.js v18+', 'undici.request', 'consume or cancel'],
  },
  {
    file: 'gdb-readme.txt',
    source: 'Debian gdb 13.1-3, /usr/share/doc/gdb/README.gz',
    query: 'What compiler does GDB need to build?',
    answer: ['C++11'],
    facts: ['Texinfo', 'http://www.gnu.org/software/gdb/bugs/', './configure --prefix=/usr/local', 'GMP'],
  },
  {
    file: 'zlib-faq.txt',
    source: 'Debian zlib1g-dev 1.2.13, /usr/share/doc/zlib1g-dev/FAQ.gz',
    query: 'Is zlib thread-safe?',
    answer: ['thread-safe', 'stdio'],
    facts: ['zlib@gzip.org', 'Z_BUF_ERROR', 'ZLIB_VERSION', 'http://zlib.net/'],
  },
  {
    file: 'xz-readme.txt',
    source: 'Debian xz-utils 5.4.1-1, /usr/share/doc/xz-utils/README.gz',
    query: 'How do I report a bug in XZ Utils?',
    answer: ['--enable-debug', '256 KiB'],
    facts: ['LZMA2', '30 %', 'bzip2', 'X.Y.ZS'],
  },
  {
    file: 'valgrind-faq.txt',
    source: 'Debian valgrind 3.19.0-1, /usr/share/doc/valgrind/FAQ.txt.gz',
    query: 'Can Valgrind attach to a program that is already running?',
    answer: ['No.', 'Callgrind'],
    facts: ['Heimdall', 'Valhalla', '--run-libc-freeres=no', '5x'],
  },
];
