/**
 * Cuts a huge document into pieces of about `size` characters, at a paragraph break when one is near the cut, else
 * at a line break, else anywhere. Compressing pieces separately keeps memory (and the garbage collector's work)
 * bounded, so a 50 MB unit costs fifty times a 1 MB one and not more.
 */
export function chunkRanges(text: string, size: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  while (text.length - start > size * 1.5) {
    const limit = start + size;
    let cut = text.lastIndexOf('\n\n', limit);
    if (cut <= start + size / 2) cut = text.lastIndexOf('\n', limit);
    cut = cut <= start + size / 2 ? limit : cut + 1;
    out.push([start, cut]);
    start = cut;
  }
  out.push([start, text.length]);
  return out;
}
