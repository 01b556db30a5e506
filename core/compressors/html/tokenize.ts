/**
 * A forgiving, linear-time HTML tokenizer. It reports text, start tags (with the few attributes extraction uses) and
 * end tags; comments, doctypes and processing instructions vanish. Every search goes through `Finder`, which
 * remembers failed searches, so unclosed comments, quotes or tags cost one scan in total, not one per `<`.
 */

/** Attributes extraction looks at; all others are skipped while scanning. */
export interface TagAttrs {
  href?: string;
  role?: string;
  hidden?: boolean;
}

export interface HtmlVisitor {
  /** Character data with entities still encoded; `raw` for the contents of script/style/textarea/title. */
  text(s: string, raw: boolean): void;
  open(name: string, attrs: TagAttrs, selfClosing: boolean): void;
  close(name: string): void;
}

/** Elements whose content is not markup: it runs to the matching end tag. */
const RAW_TEXT = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'noscript',
  'plaintext',
]);

class Finder {
  private readonly none = new Map<string, number>();
  constructor(private readonly s: string) {}
  /** `indexOf`, except that once a needle was not found from some position, later searches answer at once. */
  find(needle: string, from: number): number {
    const known = this.none.get(needle);
    if (known !== undefined && from >= known) return -1;
    const at = this.s.indexOf(needle, from);
    if (at === -1) this.none.set(needle, Math.min(from, known ?? from));
    return at;
  }
}

export function tokenize(html: string, v: HtmlVisitor): void {
  const n = html.length;
  const f = new Finder(html);
  let i = 0;
  let textFrom = 0; // start of text not yet reported: a `<` that starts no markup stays part of it
  const flush = (to: number): void => {
    if (to > textFrom) v.text(html.slice(textFrom, to), false);
  };
  while (i < n) {
    const lt = f.find('<', i);
    if (lt === -1) break;
    const c = html.charCodeAt(lt + 1);
    const markup = c === 33 || c === 63 || (c === 47 && isLetter(html.charCodeAt(lt + 2))) || isLetter(c);
    if (!markup) {
      i = lt + 1;
      continue;
    }
    flush(lt);
    if (c === 33 /* ! */) {
      if (html.startsWith('<!--', lt)) i = after(f.find('-->', lt + 4), 3, n);
      else if (html.startsWith('<![CDATA[', lt)) {
        const end = f.find(']]>', lt + 9);
        v.text(html.slice(lt + 9, end === -1 ? n : end), true);
        i = after(end, 3, n);
      } else i = after(f.find('>', lt + 2), 1, n);
    } else if (c === 63 /* ? */) {
      i = after(f.find('>', lt + 2), 1, n);
    } else if (c === 47 /* / */) {
      const nameEnd = nameEndAt(html, lt + 2);
      v.close(html.slice(lt + 2, nameEnd).toLowerCase());
      i = after(f.find('>', nameEnd), 1, n);
    } else {
      const nameEnd = nameEndAt(html, lt + 1);
      const name = html.slice(lt + 1, nameEnd).toLowerCase();
      const attrs: TagAttrs = {};
      const [end, selfClosing] = scanAttributes(html, nameEnd, attrs, f);
      v.open(name, attrs, selfClosing);
      i = end;
      if (RAW_TEXT.has(name) && !selfClosing) i = rawText(html, i, name, v, f);
    }
    textFrom = i;
  }
  textFrom = Math.min(textFrom, n);
  flush(n);
}

/** Content of a raw-text element up to `</name`, reported as one raw text; then its end tag. */
function rawText(html: string, from: number, name: string, v: HtmlVisitor, f: Finder): number {
  let at = f.find('</', from);
  while (at !== -1 && html.slice(at + 2, at + 2 + name.length).toLowerCase() !== name) at = f.find('</', at + 2);
  const end = at === -1 ? html.length : at;
  if (end > from) v.text(html.slice(from, end), true);
  if (at === -1) return html.length;
  v.close(name);
  return after(f.find('>', at + 2 + name.length), 1, html.length);
}

/** Reads attributes up to the tag's `>`; returns the position after it and whether the tag ended with `/>`. */
function scanAttributes(html: string, from: number, attrs: TagAttrs, f: Finder): [number, boolean] {
  const n = html.length;
  let i = from;
  while (i < n) {
    const c = html.charCodeAt(i);
    if (c === 62 /* > */) return [i + 1, html.charCodeAt(i - 1) === 47];
    if (c <= 32 || c === 47) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && !isNameStop(html.charCodeAt(j))) j++;
    const attr = html.slice(i, j).toLowerCase();
    i = j;
    while (i < n && html.charCodeAt(i) <= 32) i++;
    let value = '';
    if (html.charCodeAt(i) === 61 /* = */) {
      i++;
      while (i < n && html.charCodeAt(i) <= 32) i++;
      const q = html.charCodeAt(i);
      if (q === 34 || q === 39) {
        const close = f.find(q === 34 ? '"' : "'", i + 1);
        const end = close === -1 ? n : close;
        value = html.slice(i + 1, end);
        i = end + 1;
      } else {
        let k = i;
        while (k < n && html.charCodeAt(k) > 32 && html.charCodeAt(k) !== 62) k++;
        value = html.slice(i, k);
        i = k;
      }
    }
    if (attr === 'href') attrs.href = value;
    else if (attr === 'role') attrs.role = value.toLowerCase();
    else if (attr === 'hidden' || (attr === 'aria-hidden' && value.toLowerCase() === 'true')) attrs.hidden = true;
    if (j === i && i < n && attr === '') i++; // never stall on a stray character
  }
  return [n, false];
}

function nameEndAt(html: string, from: number): number {
  let j = from;
  while (j < html.length && !isNameStop(html.charCodeAt(j))) j++;
  return j;
}

function isNameStop(c: number): boolean {
  return c <= 32 || c === 62 /* > */ || c === 47 /* / */ || c === 61 /* = */;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function after(at: number, len: number, n: number): number {
  return at === -1 ? n : at + len;
}
