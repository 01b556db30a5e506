/**
 * JSON compared by structure, not by bytes: when the original and what was sent both parse as JSON, the panel diffs
 * them both formatted the same way, so a lossless reformat (minified ↔ indented) shows no change instead of every
 * line removed and added. Pure; runs in the webview and under Node tests.
 */

export interface StructuralPair {
  original: string;
  sent: string;
}

/** `text` without the whitespace between tokens (strings kept exactly). Linear. */
export function stripJsonWhitespace(text: string): string {
  let out = '';
  let start = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      out += text.slice(start, i);
      start = i + 1;
    }
  }
  return out + text.slice(start);
}

/**
 * Parses `text` when it is a JSON object or array that formatting alone can reproduce: re-serialised, it must give
 * the same tokens back. A big number JSON.parse rounds, a duplicate key or an escape spelled differently fails that,
 * and the caller falls back to the line diff: the panel never shows a value the text did not have.
 */
function parseJson(text: string): { value: unknown; compact: string } | undefined {
  const t = text.trimStart();
  if (!t.startsWith('{') && !t.startsWith('[')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
  const compact = JSON.stringify(value);
  return compact === stripJsonWhitespace(text) ? { value, compact } : undefined;
}

/** Both sides formatted alike (2-space indent, keys in their own order), or undefined when either is not JSON. */
export function structuralJson(original: string, sent: string): StructuralPair | undefined {
  const a = parseJson(original);
  if (!a) return undefined;
  const b = parseJson(sent);
  if (!b) return undefined;
  return { original: JSON.stringify(a.value, null, 2), sent: JSON.stringify(b.value, null, 2) };
}
