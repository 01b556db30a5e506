/** Finds one JSON object/array inside prose that makes up most of the text (e.g. "Here is the response:\n{...}"). */
export function findEmbeddedJson(text: string): { start: number; end: number } | undefined {
  const start = firstOpen(text);
  if (start < 0) return undefined;
  const close = text[start] === '{' ? '}' : ']';
  const end = text.lastIndexOf(close) + 1;
  if (end <= start || (end - start) / text.length < 0.5) return undefined;
  try {
    JSON.parse(text.slice(start, end));
    return { start, end };
  } catch {
    return undefined;
  }
}

function firstOpen(text: string): number {
  const a = text.search(/(^|\n)\s*[{[]/);
  if (a < 0) return -1;
  const b = text.slice(a).search(/[{[]/);
  return a + b;
}
