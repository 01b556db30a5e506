import { appendToArray, applyEdits, locateValues } from '../../wire/json-splice.js';

/**
 * Appends items to a top-level array of a request body (`messages`, `input`) by splicing, so everything the provider
 * already cached in this conversation's prefix stays byte-identical in the continued request.
 */
export function appendItems(bodyText: string, key: string, items: readonly unknown[]): string {
  const [span] = locateValues(bodyText, [[key]]);
  if (!span || bodyText[span.start] !== '[') throw new Error(`request body has no "${key}" array`);
  return applyEdits(bodyText, [
    appendToArray(
      bodyText,
      span,
      items.map((i) => JSON.stringify(i)),
    ),
  ]);
}
