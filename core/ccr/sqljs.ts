import initSqlJs from 'sql.js';
import type { SqlJsStatic } from 'sql.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// Initialising sql.js compiles a ~650 KB wasm module; do it once per process and share it between stores.
let loading: Promise<SqlJsStatic> | undefined;

/**
 * Where `sql-wasm.wasm` is: the caller's path, else next to the bundle (scripts/build.mjs copies it beside
 * dist/cli.js and esbuild keeps `__dirname` as the bundle's folder), else undefined: sql.js then finds the file
 * next to its own script in node_modules.
 */
export function resolveSqlWasm(wasmPath?: string): string | undefined {
  if (wasmPath) return wasmPath;
  if (typeof __dirname === 'string') {
    const beside = join(__dirname, 'sql-wasm.wasm');
    if (existsSync(beside)) return beside;
  }
  return undefined;
}

/** The sql.js module, initialised once per process (the first caller's wasm path wins). */
export function loadSqlJs(wasmPath?: string): Promise<SqlJsStatic> {
  if (!loading) {
    const file = resolveSqlWasm(wasmPath);
    loading = initSqlJs(file ? { locateFile: () => file } : undefined);
    // A failed load (missing wasm) must not poison the process: the next caller tries again.
    loading.catch(() => (loading = undefined));
  }
  return loading;
}
