// The import graph rules that a per-file linter cannot see (biome.jsonc holds the per-file boundary rules):
//   1. no import cycles among core/, extension/ and webview/ sources, type-only imports included (a cycle held by a
//      type is still two files that cannot be understood apart);
//   2. no upward imports inside core/: each area (first folder or file under core/) sits in a layer, and a file may
//      import only from its own layer or lower ones;
//   3. webview/ takes nothing from extension/ but the types of extension/protocol.ts (import type).
// Usage: node scripts/check-imports.mjs [root]. Exit 1 with one readable line per finding.
import ts from 'typescript';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * core/'s areas, lowest layer first. An area may import from its own layer and the layers before it. A new folder
 * under core/ goes into the layer of the lowest area it needs to import.
 */
export const LAYERS = [
  ['types', 'util', 'config', 'wire'],
  ['router', 'ccr', 'memory', 'stash-context', 'guard'],
  ['compressors'],
  ['compress'],
  ['prose-model', 'providers', 'copilot', 'compress-pool'],
  ['messages', 'learn', 'agents'],
  ['proxy', 'mcp'],
  ['wrap', 'integrations'],
  ['cli'],
  ['index'],
];

const SOURCE_DIRS = ['core', 'extension', 'webview'];
const PROTOCOL = 'extension/protocol.ts';

function sources(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.(ts|mts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/**
 * Every module specifier a file names: static imports and re-exports (with whether they carry only types), import().
 */
export function importsOf(fileName, text) {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out = [];
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const c = node.importClause;
      const typeOnly =
        !!c &&
        (c.isTypeOnly ||
          (!c.name &&
            !!c.namedBindings &&
            ts.isNamedImports(c.namedBindings) &&
            c.namedBindings.elements.length > 0 &&
            c.namedBindings.elements.every((e) => e.isTypeOnly)));
      out.push({ spec: node.moduleSpecifier.text, typeOnly, line: lineOf(sf, node) });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const typeOnly =
        node.isTypeOnly ||
        (!!node.exportClause &&
          ts.isNamedExports(node.exportClause) &&
          node.exportClause.elements.length > 0 &&
          node.exportClause.elements.every((e) => e.isTypeOnly));
      out.push({ spec: node.moduleSpecifier.text, typeOnly, line: lineOf(sf, node) });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (arg && ts.isStringLiteralLike(arg)) out.push({ spec: arg.text, typeOnly: false, line: lineOf(sf, node) });
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      out.push({ spec: node.argument.literal.text, typeOnly: true, line: lineOf(sf, node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function lineOf(sf, node) {
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
}

/** The repository file a relative specifier names (`./x.js` is `./x.ts` on disk), or undefined for packages. */
function resolveSpec(fromFile, spec) {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(fromFile), spec);
  for (const c of [
    base.replace(/\.js$/, '.ts'),
    base.replace(/\.mjs$/, '.mts'),
    base + '.ts',
    join(base, 'index.ts'),
    base,
  ])
    if (existsSync(c) && statSync(c).isFile()) return c;
  return undefined;
}

/** `core/proxy/app.ts` → `proxy`, `core/compress.ts` → `compress`; undefined outside core/. */
function coreArea(rel) {
  const parts = rel.split('/');
  if (parts[0] !== 'core' || parts.length < 2) return undefined;
  return parts.length > 2 ? parts[1] : parts[1].replace(/\.(ts|mts|tsx)$/, '');
}

/** Strongly connected components with more than one file (Tarjan, iterative: no recursion limit on long chains). */
function cycles(graph) {
  const index = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const found = [];
  let next = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work = [{ v: start, edges: [...graph.get(start)], i: 0 }];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const top = work[work.length - 1];
      if (top.i < top.edges.length) {
        const w = top.edges[top.i++];
        if (!graph.has(w)) continue;
        if (!index.has(w)) {
          index.set(w, next);
          low.set(w, next++);
          stack.push(w);
          onStack.add(w);
          work.push({ v: w, edges: [...graph.get(w)], i: 0 });
        } else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v), index.get(w)));
        continue;
      }
      work.pop();
      if (work.length) low.set(work[work.length - 1].v, Math.min(low.get(work[work.length - 1].v), low.get(top.v)));
      if (low.get(top.v) === index.get(top.v)) {
        const scc = [];
        let w;
        do {
          w = stack.pop();
          onStack.delete(w);
          scc.push(w);
        } while (w !== top.v);
        if (scc.length > 1) found.push(scc.sort());
      }
    }
  }
  return found;
}

/** All findings for the repository at `root`, one readable sentence each. */
export function checkImports(root) {
  const files = SOURCE_DIRS.flatMap((d) => sources(join(root, d)));
  const rel = (f) => relative(root, f).split(sep).join('/');
  const layerOf = new Map(LAYERS.flatMap((areas, i) => areas.map((a) => [a, i])));
  const graph = new Map();
  const problems = [];
  const unknownAreas = new Set();
  for (const file of files) {
    const from = rel(file);
    const edges = new Set();
    for (const imp of importsOf(from, readFileSync(file, 'utf8'))) {
      const target = resolveSpec(file, imp.spec);
      if (!target) continue;
      const to = rel(target);
      edges.add(to);
      const fromArea = coreArea(from);
      const toArea = coreArea(to);
      if (fromArea && toArea && fromArea !== toArea) {
        for (const a of [fromArea, toArea]) if (!layerOf.has(a)) unknownAreas.add(a);
        if (layerOf.has(fromArea) && layerOf.has(toArea) && layerOf.get(toArea) > layerOf.get(fromArea))
          problems.push(
            `upward import: ${from}:${imp.line} imports ${to} (core/${toArea} sits above core/${fromArea}); ` +
              'move the shared piece down, or have the caller pass it in',
          );
      }
      if (from.startsWith('webview/') && to.startsWith('extension/') && (to !== PROTOCOL || !imp.typeOnly))
        problems.push(
          `webview import: ${from}:${imp.line} imports ${to}; webview/ may take only types from ${PROTOCOL} (import ` +
            `type)`,
        );
    }
    graph.set(from, edges);
  }
  for (const a of [...unknownAreas].sort())
    problems.push(
      `core/${a} has no layer: add it to LAYERS in scripts/check-imports.mjs, in the layer of the lowest area it ` +
        `imports`,
    );
  for (const scc of cycles(graph)) {
    const inCycle = new Set(scc);
    const links = scc.flatMap((f) => [...graph.get(f)].filter((t) => inCycle.has(t)).map((t) => `${f} → ${t}`));
    problems.push(`import cycle among ${scc.length} files: ${links.join(', ')}; move what both need into a third file`);
  }
  return { files: files.length, problems };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
  const { files, problems } = checkImports(root);
  for (const p of problems) console.error(p);
  if (problems.length) {
    console.error(`check-imports: ${problems.length} problem(s) in ${files} files`);
    process.exit(1);
  }
  console.log(`check-imports: ${files} files, no cycles, no upward imports`);
}
