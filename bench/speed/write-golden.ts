/**
 * Writes bench/speed/golden.json: the sha256 of compress()'s whole result for every golden case. Run it only when
 * an output change is intended (and COMPRESSION_VERSION is bumped): `node --import tsx bench/speed/write-golden.ts`.
 */
import { writeFileSync } from 'node:fs';
import { goldenCases } from './cases.js';
import { caseHash, GOLDEN_FILE, initGrammars } from './golden.js';

async function main(): Promise<void> {
  await initGrammars();
  const hashes: Record<string, string> = {};
  for (const c of goldenCases()) hashes[c.id] = caseHash(c);
  writeFileSync(GOLDEN_FILE, JSON.stringify(hashes, null, 2) + '\n');
  process.stderr.write(`wrote ${Object.keys(hashes).length} hashes to ${GOLDEN_FILE}\n`);
}

void main();
