// Copies the tree-sitter runtime and grammar wasm files named in syntaxes/languages.json from node_modules into
// syntaxes/grammars/ (the build then ships syntaxes/ next to the bundle). Grammars are data the code compressor reads
// from the grammarsDir its caller passes; they are generated, not committed (see syntaxes/grammars/.gitignore).
// Usage: node scripts/copy-grammars.mjs   (also imported by scripts/build.mjs and the code compressor's tests)
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

/** Copies every wasm file the manifest names (skipping ones already up to date); returns the files copied. */
export function copyGrammars(syntaxesDir = join(root, 'syntaxes')) {
  const manifest = JSON.parse(readFileSync(join(syntaxesDir, 'languages.json'), 'utf8'));
  const outDir = join(syntaxesDir, 'grammars');
  mkdirSync(outDir, { recursive: true });
  const wanted = [manifest.runtime, ...Object.values(manifest.languages)].map((e) => ({
    file: e.file ?? e.grammar,
    source: e.source,
  }));
  const copied = [];
  for (const { file, source } of wanted) {
    const from = join(root, 'node_modules', source);
    if (!existsSync(from)) throw new Error(`copy-grammars: ${source} not found in node_modules (npm install?)`);
    const to = join(outDir, file);
    if (existsSync(to) && statSync(to).size === statSync(from).size && statSync(to).mtimeMs >= statSync(from).mtimeMs)
      continue;
    copyFileSync(from, to);
    copied.push(file);
  }
  return copied;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const copied = copyGrammars();
  console.log(
    copied.length ? `copied ${copied.length} grammar files to syntaxes/grammars` : 'syntaxes/grammars up to date',
  );
}
