/**
 * A flag whose value must be a whole number within bounds (`--compress-workers 2`, `--body-budget-mb 128`): the
 * number, or the one-line reason it is unusable, worded the same for every flag — `--<flag> must be a whole number
 * [of <unit>] from <min> to <max>, got "<raw>"`. Callers print it as `headroom <command>: …` (exit 2).
 */
export function wholeNumberFlag(
  raw: string,
  flag: string,
  min: number,
  max: number,
  unit?: string,
): { ok: true; value: number } | { ok: false; message: string } {
  const n = Number(raw);
  if (/^\d+$/.test(raw) && n >= min && n <= max) return { ok: true, value: n };
  return {
    ok: false,
    message: `--${flag} must be a whole number${unit ? ` of ${unit}` : ''} from ${min} to ${max}, got "${raw}"`,
  };
}
