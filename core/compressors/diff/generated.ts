const LOCK_FILES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'Cargo.lock',
  'go.sum',
  'composer.lock',
  'Gemfile.lock',
  'poetry.lock',
  'Pipfile.lock',
  'uv.lock',
  'mix.lock',
  'pubspec.lock',
  'Podfile.lock',
  'packages.lock.json',
  'gradle.lockfile',
  'flake.lock',
]);

/** Build output and machine-written files: their line-by-line diff answers nothing a reviewer asks. */
const GENERATED_RE = new RegExp(
  [
    /\.min\.(?:js|mjs|cjs|css)$|\.(?:js|css)\.map$|\.snap$|\.svg$|(?:^|\/)dist\//.source,
    /(?:^|\/)__generated__\/|\.pb\.go$|_pb2\.py$|\.g\.dart$|\.designer\.cs$/.source,
  ].join('|'),
);

/** 'lock file' / 'generated file' for paths whose big hunks get summarised, undefined for everything else. */
export function generatedKind(path: string): 'lock file' | 'generated file' | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (LOCK_FILES.has(base)) return 'lock file';
  if (GENERATED_RE.test(path)) return 'generated file';
  return undefined;
}
