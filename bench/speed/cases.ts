/**
 * The inputs the compressor speed bench times and the byte-identical golden test pins: every real output we keep
 * (bench/corpus/cases, test/fixtures of each kind, bench/speed/captured — real tools run on this machine: rg, grep,
 * `npm ls --all --json`, `git log -p`, `git log --stat`, `find`, tsc errors, `pytest -v`, two JS sources), the seeded
 * samples of every kind, and the hostile shapes (one long run without whitespace). Same files → same cases, in the
 * same order.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { loadCorpus } from '../corpus/load.js';
import { sample, SAMPLE_KINDS } from '../workloads/samples.js';

export interface SpeedCase {
  /** Unique, stable: `<source>/<name>`. */
  id: string;
  /** Report group (the content kind it was produced as: json, log, search, diff, code, html, table, text). */
  family: string;
  text: string;
  query?: string;
  fileName?: string;
}

const ROOT = join(__dirname, '..', '..');
const CAPTURED_DIR = join(__dirname, 'captured');
/** The question the generated samples are compressed for (the bench's speed runs use the same one). */
export const SPEED_QUERY = 'why did the payment requests fail and which session handler is involved';
/** The question fixture files are compressed for: a typical agent question that matches little, so rules decide. */
const FIXTURE_QUERY = 'where does the error come from and which function handles the request';

/** Fixture folders by the family they report under (generators and notes beside the fixtures are skipped). */
const FIXTURE_DIRS = ['code', 'diff', 'html', 'json', 'log', 'prose', 'search', 'table', 'text'];
const SKIP = /(^SOURCES\.md$|^make-.*\.ts$|-worker\.ts$)/;

/** Family of a captured real output by its file name. */
function capturedFamily(name: string): string {
  if (name.startsWith('code-')) return 'code';
  if (name.startsWith('rg-') || name.startsWith('grep-')) return 'search';
  if (name.endsWith('.json.gz')) return 'json';
  if (name.startsWith('git-log-p')) return 'diff';
  return 'log';
}

function fixtureCases(): SpeedCase[] {
  const out: SpeedCase[] = [];
  for (const dir of FIXTURE_DIRS) {
    const abs = join(ROOT, 'test', 'fixtures', dir);
    for (const name of readdirSync(abs).sort()) {
      const p = join(abs, name);
      if (SKIP.test(name) || !statSync(p).isFile()) continue;
      const text = readFileSync(p, 'utf8');
      const family = dir === 'prose' ? 'text' : dir;
      out.push({
        id: `fixture/${dir}/${name}`,
        family,
        text,
        query: FIXTURE_QUERY,
        fileName: dir === 'code' ? name : undefined,
      });
    }
  }
  return out;
}

function capturedCases(): SpeedCase[] {
  return readdirSync(CAPTURED_DIR)
    .filter((n) => n.endsWith('.gz'))
    .sort()
    .map((name) => {
      const fileName = name.replace(/\.gz$/, '');
      const family = capturedFamily(name);
      return {
        id: `captured/${fileName}`,
        family,
        text: gunzipSync(readFileSync(join(CAPTURED_DIR, name))).toString('utf8'),
        query: FIXTURE_QUERY,
        fileName: family === 'code' ? fileName : undefined,
      };
    });
}

/** Every real output: the corpus (with its own question), the fixtures and the captured outputs. */
export function realCases(): SpeedCase[] {
  const corpus: SpeedCase[] = loadCorpus().map((c) => ({
    id: `corpus/${c.id}`,
    family: c.family,
    text: c.text,
    query: c.question,
    fileName: c.fileName,
  }));
  return [...corpus, ...fixtureCases(), ...capturedCases()];
}

/** Seeded samples of every kind at `bytes`, compressed for SPEED_QUERY. */
export function sampleCases(bytes: number, seed = 13): SpeedCase[] {
  return SAMPLE_KINDS.map((kind) => ({
    id: `sample/${kind}-${bytes}`,
    family: kind,
    text: sample(kind, bytes, seed),
    query: SPEED_QUERY,
  }));
}

/** Shapes that once froze the proxy or that a careless regex would backtrack on. */
export function hostileCases(): SpeedCase[] {
  const b64 = Buffer.from(Array.from({ length: 150_000 }, (_, i) => (i * 7919) % 251)).toString('base64');
  return [
    { id: 'hostile/A-200k', family: 'text', text: 'A'.repeat(200_000) },
    { id: 'hostile/base64-200k', family: 'text', text: b64 },
    { id: 'hostile/spaces-100k', family: 'text', text: `x${' '.repeat(100_000)}y` },
    { id: 'hostile/json-deep', family: 'json', text: '['.repeat(5000) + '1' + ']'.repeat(5000) },
    { id: 'hostile/one-line-json', family: 'json', text: JSON.stringify(JSON.parse(sample('json', 120_000, 5))) },
  ];
}

/** The golden set: real outputs, samples at 100 KB and 1 MB, hostile shapes; also each real output without a query. */
export function goldenCases(): SpeedCase[] {
  const real = realCases();
  return [
    ...real,
    ...real.map((c) => ({ ...c, id: `${c.id}#noquery`, query: undefined })),
    ...sampleCases(100 * 1024),
    ...sampleCases(1024 * 1024, 11),
    ...hostileCases(),
  ];
}
