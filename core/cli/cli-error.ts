/**
 * A failure the CLI reports as one line, `headroom <command>: <message>`, with a defined exit code (1 failed, 2 usage).
 * Anything else that escapes a command is a bug: the entry prints one line too and keeps the stack for debug logs.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Recognises a CliError by shape: each command is a bundle of its own, so `instanceof` across bundles fails. */
export function isCliError(e: unknown): e is CliError {
  return (
    e instanceof Error && e.name === 'CliError' && ((e as CliError).exitCode === 1 || (e as CliError).exitCode === 2)
  );
}
