import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { headroomHome } from '../config/home.js';
import { findModelManifests, installedModelsDir, type FoundModel } from '../prose-model/locate.js';
import { installModel, type InstallProgress } from '../prose-model/install.js';
import type { CliIo } from './io.js';
import { usageLine } from './usage.js';
import { formatBytes as mb } from '../util/format-bytes.js';

const USAGE = usageLine('model');

/** The models shipped with Headroom: beside the bundle (dist/models) or, running from source, the repo's models/. */
export function bundledModelsDir(): string | undefined {
  for (const dir of [join(__dirname, 'models'), join(__dirname, '..', '..', 'models')]) if (existsSync(dir)) return dir;
  return undefined;
}

/** `headroom model install PATH|URL [--force]`, `headroom model list [--json]` */
export async function modelCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'install') return install(rest, io);
  if (sub === 'list') return list(rest, io);
  io.err(sub ? `headroom model: unknown subcommand "${sub}"\n\n${USAGE}` : USAGE);
  return 2;
}

async function install(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { force: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) {
    io.err(USAGE);
    return 2;
  }
  const modelsDir = installedModelsDir(headroomHome(io.env));
  const progress = progressPrinter(io);
  try {
    const r = await installModel(positionals[0], {
      modelsDir,
      force: values.force,
      onProgress: progress,
      // loading is the only way to learn the tensor names and shapes; onnxruntime is imported only here
      check: async (m) => {
        io.err(`checking ${m.id}: loading it with onnxruntime…`);
        const { checkModelLoads } = await import('../prose-model/check-model.js');
        await checkModelLoads(m.manifestPath);
      },
    });
    if (r.alreadyInstalled) io.err(`${r.id} is already installed in ${r.dir}`);
    else
      io.err(
        `installed ${r.id} in ${r.dir} (${r.files.map((f) => `${f.name} ${mb(f.bytes)}`).join(', ')}; sha256 verified)`,
      );
    io.out(r.manifestPath + '\n');
    return 0;
  } catch (err) {
    io.err(`headroom model install: ${(err as Error).message}`);
    return 1;
  }
}

async function list(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean', default: false } } });
  const found = findModelManifests({
    bundled: bundledModelsDir(),
    installed: installedModelsDir(headroomHome(io.env)),
  });
  const rows = found.map(describe);
  if (values.json) {
    io.out(JSON.stringify(rows) + '\n');
    return 0;
  }
  if (rows.length === 0) {
    io.out('no prose models found\n');
    return 0;
  }
  for (const r of rows) {
    io.out(`${r.id ?? '?'}  ${r.origin}  ${r.size === undefined ? '' : mb(r.size) + '  '}${r.state}\n`);
    io.out(`  ${r.manifestPath}\n`);
    if (r.license) io.out(`  licence: ${r.license}\n`);
    if (r.description) io.out(`  ${r.description}\n`);
  }
  return 0;
}

interface Row {
  id?: string;
  origin: FoundModel['origin'];
  manifestPath: string;
  size?: number;
  state: string;
  license?: string;
  description?: string;
}

/** Cheap health check for a listing: the files exist at their declared sizes (hashes are checked on load). */
function describe(f: FoundModel): Row {
  const m = f.manifest;
  if (!m) return { origin: f.origin, manifestPath: f.manifestPath, state: `invalid manifest: ${f.error}` };
  let state = 'ok';
  if (!existsSync(m.modelPath)) state = `model file missing: ${m.modelPath}`;
  else if (statSync(m.modelPath).size !== m.size)
    state = `model file is ${statSync(m.modelPath).size} bytes, manifest says ${m.size}`;
  else if (!existsSync(m.tokenizerPath)) state = `tokenizer missing: ${m.tokenizerPath}`;
  return {
    id: m.id,
    origin: f.origin,
    manifestPath: f.manifestPath,
    size: m.size,
    state,
    license: m.license,
    description: m.description,
  };
}

/** Progress on stderr: a line per 10% (or per 10 MB when the size is unknown), the last one always. */
function progressPrinter(io: CliIo): (p: InstallProgress) => void {
  let lastFile = '';
  let lastStep = -1;
  return (p) => {
    if (p.file !== lastFile) {
      lastFile = p.file;
      lastStep = -1;
    }
    const step = p.total ? Math.floor((p.bytes / p.total) * 10) : Math.floor(p.bytes / 10_000_000);
    if (step === lastStep && p.bytes !== p.total) return;
    lastStep = step;
    const pct = p.total ? ` (${Math.floor((p.bytes / p.total) * 100)}%)` : '';
    io.err(`${p.file}: ${mb(p.bytes)}${p.total ? ' of ' + mb(p.total) : ''}${pct}`);
  };
}
