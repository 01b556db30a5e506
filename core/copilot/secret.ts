import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The secret path segment of the Copilot route (`/copilot/<secret>/…`). Copilot Chat sends its own token to whatever
 * `overrideCapiUrl` names and VS Code cannot add a header to those requests, so the URL itself is the credential that
 * keeps other local processes from using the route. Generated once, kept at `<HEADROOM_HOME>/copilot-secret` (0600).
 */
export const COPILOT_SECRET_FILE = 'copilot-secret';
const SECRET_RE = /^[A-Za-z0-9_-]{32,128}$/;

/** Reads the secret, creating it (32 random bytes, base64url) the first time. Two processes racing agree on one. */
export function loadOrCreateCopilotSecret(home: string): string {
  const file = join(home, COPILOT_SECRET_FILE);
  const existing = readSecret(file);
  if (existing) return existing;
  mkdirSync(home, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const secret = readSecret(file);
  if (!secret) throw new Error(`${file} does not hold a valid Copilot route secret: delete it and a new one is made`);
  return secret;
}

function readSecret(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  return SECRET_RE.test(text) ? text : undefined;
}

/** Constant-time comparison of a path segment against the secret. */
export function isCopilotSecret(candidate: string, secret: string): boolean {
  const a = Buffer.from(candidate);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The base URL Copilot Chat's `overrideCapiUrl` is set to for a proxy at `origin` (e.g. `http://127.0.0.1:8787`). */
export function copilotBaseUrl(origin: string, secret: string): string {
  return `${origin.replace(/\/+$/, '')}/copilot/${secret}`;
}
