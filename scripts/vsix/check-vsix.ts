/**
 * Opens a VSIX and says what it holds and what is wrong with it: every file outside the allow-list, native files of
 * another platform (or any native file in the universal VSIX), manifest fields (`main`, `types`, `exports`, the
 * icon, walkthrough media) and nested package.json fields that name files the VSIX does not hold, and README
 * images that will not resolve (a relative link to a file not in the VSIX; an absolute one outside the listing's
 * base URL or naming a file the repository does not have).
 *
 * Usage: node --import tsx scripts/vsix/check-vsix.ts <file.vsix> <target> [--base-url URL]
 * (`npm run package` runs the same check on every VSIX it builds.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { listZip, readZipEntry, type ZipEntry } from './read-zip.js';
import { ORT_COMMON_IN_VSIX, ORT_IN_VSIX, targetNamed, type PackageTarget } from './targets.js';

export interface VsixReport {
  target: string;
  bytes: number;
  entries: ZipEntry[];
  /** Native binaries (.node, .so, .dylib, .dll, .exe) with their sizes. */
  natives: ZipEntry[];
  /** Everything wrong; empty when the VSIX is fine. */
  problems: string[];
}

export interface ReadmeLinkBase {
  /** The absolute prefix the packaged README's relative links were rewritten to (vsce --baseImagesUrl). */
  url: string;
  /** The repository folder that URL serves. */
  root: string;
}

const NATIVE = /\.(node|dylib|dll|exe)$|\.so(\.\d+)*$/i;

/** What any VSIX of this extension may hold; the prose runtime and model only in platform VSIXes. */
function allowList(t: PackageTarget): RegExp[] {
  const common = [
    /^extension\.vsixmanifest$/,
    /^\[Content_Types\]\.xml$/,
    /^extension\/package\.json$/,
    /^extension\/(readme|changelog)\.md$/i,
    /^extension\/LICENSE(\.txt|\.md)?$/i,
    /^extension\/dist\/extension\.js$/,
    /^extension\/dist\/compress-worker\.js$/,
    /^extension\/dist\/sql-wasm\.wasm$/,
    /^extension\/dist\/webview\/panel\.(js|css)$/,
    /^extension\/dist\/syntaxes\/(languages\.json|grammars\/[\w.-]+\.wasm|queries\/[\w-]+\/[\w-]+\.scm)$/,
    /^extension\/media\/[\w-]+\.png$/,
    /^extension\/media\/screenshots\/[\w-]+\.png$/,
    /^extension\/media\/walkthrough\/[\w-]+\.(png|md|svg)$/,
  ];
  if (!t.ortBin) return common;
  const bin = t.ortBin.replace('/', '\\/');
  return [
    ...common,
    /^extension\/dist\/prose-worker\.js$/,
    /^extension\/dist\/models\/(README\.md|[\w.-]+\/(manifest\.json|model\.onnx|tokenizer\.json))$/,
    new RegExp(
      `^${ORT_IN_VSIX}/(package\\.json|dist/[\\w.-]+\\.js|bin/napi-v6/${bin}/(` +
        `${(t.ortFiles ?? []).map(escape).join('|')}))$`,
    ),
    new RegExp(`^${ORT_COMMON_IN_VSIX}/(package\\.json|dist/cjs/[\\w.-]+\\.(js|json))$`),
  ];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function inspectVsix(buf: Buffer, targetName: string, readmeBase?: ReadmeLinkBase): VsixReport {
  const target = targetNamed(targetName);
  if (!target) throw new Error(`unknown target "${targetName}"`);
  const entries = listZip(buf);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const has = (p: string) => byName.has(p);
  const json = (p: string): Record<string, unknown> | undefined => {
    const e = byName.get(p);
    if (!e) return undefined;
    try {
      return JSON.parse(readZipEntry(buf, e).toString('utf8')) as Record<string, unknown>;
    } catch (err) {
      problems.push(`${p}: not JSON (${(err as Error).message})`);
      return undefined;
    }
  };
  const problems: string[] = [];
  const natives = entries.filter((e) => NATIVE.test(e.name));

  const allowed = allowList(target);
  for (const e of entries) if (!allowed.some((r) => r.test(e.name))) problems.push(`not in the allow-list: ${e.name}`);

  const ownBin = target.ortBin ? `${ORT_IN_VSIX}/bin/napi-v6/${target.ortBin}/` : undefined;
  for (const e of natives) {
    if (!ownBin) problems.push(`native file in the universal VSIX: ${e.name}`);
    else if (!e.name.startsWith(ownBin)) problems.push(`native file of another platform in ${target.name}: ${e.name}`);
  }
  if (ownBin && !has(`${ownBin}onnxruntime_binding.node`))
    problems.push(`${target.name} lacks its onnxruntime binding (${ownBin}onnxruntime_binding.node)`);

  const manifest = json('extension/package.json');
  if (!manifest) problems.push('extension/package.json is missing');
  else {
    for (const ref of manifestFiles(manifest)) {
      if (!has(posix.join('extension', ref.path)))
        problems.push(`package.json ${ref.field} names ${ref.path}, which the VSIX does not hold`);
    }
  }
  // nested packages Node resolves at run time: their entry points must be there too
  for (const dir of [ORT_IN_VSIX, ORT_COMMON_IN_VSIX]) {
    const pkg = json(`${dir}/package.json`);
    if (!pkg) continue;
    for (const ref of packageEntryFiles(pkg)) {
      if (!has(posix.join(dir, ref.path)))
        problems.push(`${dir}/package.json ${ref.field} names ${ref.path}, which the VSIX does not hold`);
    }
  }

  // the in-host proxy compresses in worker threads started from this file (core/compress-pool/pool.ts)
  if (!has('extension/dist/compress-worker.js'))
    problems.push("extension/dist/compress-worker.js is missing (the proxy's compression workers)");
  const readme = byName.get('extension/readme.md');
  if (!readme) problems.push('extension/readme.md is missing');
  else problems.push(...readmeImageProblems(readZipEntry(buf, readme).toString('utf8'), has, readmeBase));

  return { target: target.name, bytes: buf.length, entries, natives, problems };
}

interface FileRef {
  field: string;
  path: string;
}

/** Files the extension manifest names: entry points, types, exports, icon, walkthrough media. */
function manifestFiles(m: Record<string, unknown>): FileRef[] {
  const refs = packageEntryFiles(m);
  if (typeof m.icon === 'string') refs.push({ field: 'icon', path: m.icon });
  const contributes = m.contributes as
    | { walkthroughs?: { id: string; steps?: { id: string; media?: Record<string, unknown> }[] }[] }
    | undefined;
  for (const w of contributes?.walkthroughs ?? []) {
    for (const s of w.steps ?? []) {
      for (const [kind, v] of Object.entries(s.media ?? {})) {
        if (kind === 'altText') continue;
        for (const p of typeof v === 'string' ? [v] : Object.values((v ?? {}) as Record<string, string>)) {
          refs.push({ field: `walkthrough ${w.id} step ${s.id} media.${kind}`, path: p });
        }
      }
    }
  }
  return refs.map((r) => ({ ...r, path: posix.normalize(r.path) }));
}

/** `main`, `browser`, `types`/`typings`, `module` and every path in `exports`. */
function packageEntryFiles(m: Record<string, unknown>): FileRef[] {
  const refs: FileRef[] = [];
  for (const f of ['main', 'browser', 'module', 'types', 'typings']) {
    if (typeof m[f] === 'string') refs.push({ field: f, path: withJs(m[f] as string) });
  }
  const walk = (v: unknown, field: string): void => {
    if (typeof v === 'string') refs.push({ field, path: v });
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${field}.${k}`);
  };
  walk(m.exports, 'exports');
  return refs.filter((r) => !r.path.includes('*')).map((r) => ({ ...r, path: posix.normalize(r.path) }));
}

/** `main: "dist/index"` means dist/index.js to Node. */
const withJs = (p: string) => (/\.[a-z]+$/i.test(p) ? p : `${p}.js`);

/** Image links of the packaged README: relative ones must be in the VSIX, absolute ones under the listing's base. */
export function readmeImageProblems(md: string, inVsix: (p: string) => boolean, base?: ReadmeLinkBase): string[] {
  const problems: string[] = [];
  for (const m of md.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)>?[^)]*\)|<img\b[^>]*\bsrc=["']([^"']+)["']/gi)) {
    const ref = (m[1] ?? m[2]).split('#')[0];
    if (/^data:/i.test(ref))
      problems.push(`README image is a data: URI (the Marketplace strips them): ${ref.slice(0, 40)}…`);
    else if (/^http:/i.test(ref)) problems.push(`README image over http (the Marketplace needs https): ${ref}`);
    else if (/^https:/i.test(ref)) {
      if (base && ref.startsWith(base.url)) {
        const rel = decodeURIComponent(ref.slice(base.url.length));
        if (!existsSync(join(base.root, rel)))
          problems.push(`README image ${ref} names ${rel}, which the repository does not have`);
      } else if (base) problems.push(`README image outside the listing's base URL ${base.url}: ${ref}`);
    } else {
      const p = posix.normalize(posix.join('extension', ref));
      if (!p.startsWith('extension/') || !inVsix(p)) problems.push(`README image ${ref} is not in the VSIX`);
      else if (base)
        problems.push(
          `README image ${ref} is relative: the Marketplace page cannot load it (vsce was not given the base URL)`,
        );
    }
  }
  return problems;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** A few lines per VSIX: size, file count, size per top folder, each native file. */
export function formatReport(file: string, r: VsixReport): string {
  const lines = [`${file}  ${r.target}  ${mb(r.bytes)}  ${r.entries.length} files`];
  const groups = new Map<string, { n: number; bytes: number }>();
  for (const e of r.entries) {
    const parts = e.name.split('/');
    const key =
      parts[1] === 'dist' && parts.length > 3
        ? parts.slice(0, parts[2] === 'node_modules' ? 4 : 3).join('/')
        : parts.slice(0, 2).join('/');
    const g = groups.get(key) ?? { n: 0, bytes: 0 };
    g.n++;
    g.bytes += e.size;
    groups.set(key, g);
  }
  for (const [k, g] of [...groups].sort((a, b) => b[1].bytes - a[1].bytes))
    lines.push(`    ${mb(g.bytes).padStart(9)}  ${String(g.n).padStart(4)} files  ${k}`);
  lines.push(r.natives.length ? `  native files:` : `  native files: none`);
  for (const e of r.natives) lines.push(`    ${mb(e.size).padStart(9)}  ${e.name.replace(/^extension\//, '')}`);
  for (const p of r.problems) lines.push(`  PROBLEM: ${p}`);
  return lines.join('\n');
}

if (require.main === module) {
  const [file, target] = process.argv.slice(2);
  const bi = process.argv.indexOf('--base-url');
  if (!file || !target) {
    console.error('usage: check-vsix.ts <file.vsix> <target> [--base-url URL]');
    process.exit(2);
  }
  const root = join(__dirname, '..', '..');
  const r = inspectVsix(readFileSync(file), target, bi > 0 ? { url: process.argv[bi + 1], root } : undefined);
  console.log(formatReport(file, r));
  process.exit(r.problems.length ? 1 : 0);
}
