import { isCopilotSecret, loadOrCreateCopilotSecret } from './secret.js';

/**
 * The proxy's check of a `/copilot/<secret>/` segment. The secret is read from HEADROOM_HOME on first use (created
 * then if `headroom configure` has not yet), and read again when a segment does not match, so a secret made anew
 * (file deleted, configure run again) is accepted without a restart. A home that cannot hold it refuses every segment
 * and says why through `onProblem` (once per distinct reason).
 */
export function copilotSecretCheck(
  home: string,
  onProblem: (message: string) => void = () => {},
): (candidate: string) => boolean {
  let secret: string | undefined;
  let told = '';
  const load = (): string | undefined => {
    try {
      return loadOrCreateCopilotSecret(home);
    } catch (e) {
      const message =
        `the Copilot route secret in ${home} cannot be read or created, ` +
        `so /copilot/… refuses every request: ${(e as Error).message}`;
      if (message !== told) onProblem((told = message));
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
