import { isCopilotSecret, loadOrCreateCopilotSecret } from './secret.js';

/**
 * The proxy's check of a `/copilot/<secret>/` segment. The secret is read from HEADROOM_HOME on first use (created
 * then if `headroom configure` has not yet), and read again when a segment does not match, so a secret made anew
 * (file deleted, configure run again) is accepted without a restart. A home that cannot hold it refuses every segment.
 */
export function copilotSecretCheck(home: string): (candidate: string) => boolean {
  let secret: string | undefined;
  const load = (): string | undefined => {
    try {
      return loadOrCreateCopilotSecret(home);
    } catch {
      return undefined;
    }
  };
  return (candidate) => {
    secret ??= load();
    if (secret && isCopilotSecret(candidate, secret)) return true;
    const again = load();
    if (!again || again === secret) return false;
    secret = again;
    return isCopilotSecret(candidate, secret);
  };
}
