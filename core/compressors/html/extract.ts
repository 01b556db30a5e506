import { tokenize, type TagAttrs } from './tokenize.js';
import { decodeEntities } from './entities.js';
import { TextBuilder } from './text-builder.js';

/** Never rendered: code, styling, graphics, metadata (the head's <title> is read separately). */
const DROPPED = new Set([
  'script',
  'style',
  'noscript',
  'svg',
  'head',
  'template',
  'iframe',
  'object',
  'embed',
  'canvas',
  'noembed',
  'noframes',
  'map',
  'audio',
  'video',
]);
/** Site chrome, dropped when the page marks its content with <main>, <article> or role="main". */
const CHROME = new Set(['nav', 'aside', 'footer']);
const CHROME_ROLES = new Set(['navigation', 'contentinfo', 'complementary', 'banner', 'search']);
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
  'keygen',
]);
const PARAGRAPH = new Set(['p', 'blockquote', 'figure', 'dl', 'address', 'table']);
const BLOCK = new Set([
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'nav',
  'aside',
  'form',
  'fieldset',
  'details',
  'summary',
  'figcaption',
  'dt',
  'dd',
  'caption',
  'legend',
  'center',
  'tr',
  'li',
  'body',
  'html',
  'hgroup',
  'option',
  'menu',
]);
const HEADING = /^h([1-6])$/;
/** Link texts that are only a permalink mark next to a heading. */
const PERMALINK = new Set(['#', '¶', '§', '🔗', '#️⃣']);

interface Link {
  href: string;
  text: string;
  mark: ReturnType<TextBuilder['mark']>;
}
const MAIN_RE = /<(?:main|article)[\s>]|\brole\s*=\s*["']?main\b/i;
/** How far up the open-element stack an implied end tag (a new <li> closing the last one) is looked for. */
const IMPLIED_CLOSE_DEPTH = 64;

/**
 * Turns an HTML page into readable text: headings as `#`, list items as `- `, table rows as `a | b`, <pre> fenced
 * and verbatim, inline <code> in backticks, links as `text (url)` the first time a URL appears, entities decoded,
 * whitespace collapsed. Scripts, styles, graphics, the head (but its title), comments and, when the page has a main
 * region, its nav/aside/footer chrome are left out.
 */
export function htmlToText(html: string): string {
  const out = new TextBuilder();
  const dropChrome = MAIN_RE.test(html);
  const stack: string[] = [];
  const open = new Map<string, number>();
  const shownUrls = new Set<string>();
  let title = '';
  let skipFrom = -1; // stack index of the element whose whole subtree is being left out
  let skipName = '';
  let preDepth = 0;
  let preStart = false;
  let listDepth = 0;
  const cells: number[] = []; // per open table: cells written in the current row
  let link: Link | undefined;
  let mainDepth = 0; // open <main>/<article>/role=main elements: a <header> outside them is the site banner
  const mainAt: number[] = [];

  const push = (name: string): void => {
    stack.push(name);
    open.set(name, (open.get(name) ?? 0) + 1);
  };
  const end = (name: string): void => {
    open.set(name, (open.get(name) ?? 1) - 1);
    if (mainAt.length && mainAt[mainAt.length - 1] === stack.length) {
      mainAt.pop();
      mainDepth--;
    }
    if (skipFrom >= 0) {
      if (stack.length === skipFrom) skipFrom = -1;
      return;
    }
    const h = HEADING.exec(name);
    if (h || PARAGRAPH.has(name)) out.blankLine();
    else if (BLOCK.has(name)) out.newline();
    if (name === 'table') cells.pop();
    else if (name === 'ul' || name === 'ol') {
      listDepth = Math.max(0, listDepth - 1);
      if (listDepth === 0) out.blankLine();
      else out.newline();
    } else if (name === 'pre') {
      preDepth = Math.max(0, preDepth - 1);
      if (preDepth === 0) {
        out.newline();
        out.prefix('```');
        out.blankLine();
      }
    } else if (name === 'code' && preDepth === 0) out.text('`');
    else if (name === 'a' && link) {
      const { href, text, mark } = link;
      link = undefined;
      const t = text.trim();
      if (PERMALINK.has(t)) out.rollback(mark);
      else if (href && t && !shownUrls.has(href) && t !== href) {
        shownUrls.add(href);
        out.text(` (${href})`);
      }
    }
  };
  /** Pops elements down to and including the latest `name`; ignored when none is open. */
  const closeTo = (name: string): void => {
    if (!open.get(name)) return;
    for (;;) {
      const top = stack.pop()!;
      end(top);
      if (top === name) return;
    }
  };
  /** A new <li>/<tr>/<td>/<dt> closes the previous one of its kind inside the same container. */
  const closeImplied = (names: readonly string[], container: readonly string[]): void => {
    for (let k = stack.length - 1; k >= 0 && k >= stack.length - IMPLIED_CLOSE_DEPTH; k--) {
      if (container.includes(stack[k])) return;
      if (names.includes(stack[k])) {
        closeTo(stack[k]);
        return;
      }
    }
  };

  tokenize(html, {
    text(s) {
      const top = stack[stack.length - 1];
      if (top === 'title') {
        if (!title && (skipFrom < 0 || skipName === 'head')) title = collapse(decodeEntities(s));
        return;
      }
      // raw text of script/style/iframe arrives inside a skipped element; textarea, xmp and CDATA are content
      if (skipFrom >= 0) return;
      const decoded = decodeEntities(s);
      if (link && link.text.length < 300) link.text += decoded;
      if (preDepth > 0) {
        out.verbatim(preStart && decoded.startsWith('\n') ? decoded.slice(1) : decoded);
        preStart = false;
      } else out.text(decoded);
    },
    open(name, attrs, selfClosing) {
      if (name === 'body') closeTo('head');
      if (name === 'li') closeImplied(['li'], ['ul', 'ol', 'menu']);
      else if (name === 'dt' || name === 'dd') closeImplied(['dt', 'dd'], ['dl']);
      else if (name === 'tr') closeImplied(['tr'], ['table']);
      else if (name === 'td' || name === 'th') closeImplied(['td', 'th'], ['tr', 'table']);
      else if (name === 'p' && stack[stack.length - 1] === 'p') closeTo('p');
      const isVoid = VOID.has(name) || (selfClosing && (skipFrom >= 0 || name === 'svg' || name === 'path'));
      if (!isVoid && (name === 'main' || name === 'article' || attrs.role === 'main')) {
        mainAt.push(stack.length);
        mainDepth++;
      }
      if (skipFrom < 0) {
        if (!isVoid && (skips(name, attrs, dropChrome) || (dropChrome && name === 'header' && mainDepth === 0))) {
          skipFrom = stack.length;
          skipName = name;
        } else startElement(name, attrs);
      }
      if (!isVoid) push(name);
    },
    close(name) {
      closeTo(name);
    },
  });

  function startElement(name: string, attrs: TagAttrs): void {
    const h = HEADING.exec(name);
    if (h) {
      out.blankLine();
      out.prefix('#'.repeat(Number(h[1])) + ' ');
    } else if (PARAGRAPH.has(name)) out.blankLine();
    else if (name === 'dt')
      out.blankLine(); // a term starts its entry; its <dd> follows on the next line
    else if (BLOCK.has(name) && name !== 'li') out.newline();
    if (name === 'br') preDepth > 0 ? out.verbatim('\n') : out.newline();
    else if (name === 'hr') {
      out.blankLine();
      out.prefix('---');
      out.blankLine();
    } else if (name === 'ul' || name === 'ol') {
      if (listDepth === 0) out.blankLine();
      listDepth++;
    } else if (name === 'li') out.prefix('  '.repeat(Math.max(0, listDepth - 1)) + '- ');
    else if (name === 'table') cells.push(0);
    else if (name === 'tr') {
      out.newline();
      if (cells.length) cells[cells.length - 1] = 0;
    } else if (name === 'td' || name === 'th') {
      if (cells.length && cells[cells.length - 1]++ > 0) out.text(' | ');
    } else if (name === 'pre') {
      if (preDepth++ === 0) {
        out.blankLine();
        out.prefix('```');
        out.newline();
        preStart = true;
      }
    } else if (name === 'code' && preDepth === 0) out.text('`');
    else if (name === 'a') link = { href: usableHref(attrs.href), text: '', mark: out.mark() };
  }

  const body = out.toString().trim();
  return title && !body.startsWith(title) ? `${title}\n\n${body}` : body;
}

function skips(name: string, attrs: TagAttrs, dropChrome: boolean): boolean {
  if (DROPPED.has(name) || attrs.hidden) return true;
  return dropChrome && (CHROME.has(name) || (attrs.role !== undefined && CHROME_ROLES.has(attrs.role)));
}

/** A link's URL when worth printing (not scripts, in-page anchors or data blobs), else ''. */
function usableHref(href: string | undefined): string {
  const h = href ? decodeEntities(href).trim() : '';
  if (!h || h.startsWith('#') || /^(?:javascript|data|vbscript):/i.test(h)) return '';
  return h;
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
