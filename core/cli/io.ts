/** What commands write to; the CLI entry binds it to the process, tests to buffers. */
export interface CliIo {
  out(data: string | Uint8Array): void;
  err(line: string): void;
  debug(line: string): void;
  env: NodeJS.ProcessEnv;
}

/** True when HEADROOM_LOG_LEVEL asks for details on stderr. */
export function verboseLogging(env: NodeJS.ProcessEnv): boolean {
  return /^(debug|trace)$/i.test(env.HEADROOM_LOG_LEVEL ?? '');
}

export function processIo(): CliIo {
  const verbose = verboseLogging(process.env);
  return {
    out: (d) => void process.stdout.write(d),
    err: (l) => void process.stderr.write(l + '\n'),
    debug: (l) => verbose && void process.stderr.write(`[debug] ${l}\n`),
    env: process.env,
  };
}
