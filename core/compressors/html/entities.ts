/** The named entities that turn up in real pages; anything rarer stays as written (still readable). */
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  shy: '',
  zwj: '',
  zwnj: '',
  lrm: '',
  rlm: '',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  minus: '−',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  laquo: '«',
  raquo: '»',
  lsaquo: '‹',
  rsaquo: '›',
  bull: '•',
  middot: '·',
  times: '×',
  divide: '÷',
  deg: '°',
  plusmn: '±',
  para: '¶',
  sect: '§',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  curren: '¤',
  micro: 'µ',
  larr: '←',
  rarr: '→',
  uarr: '↑',
  darr: '↓',
  harr: '↔',
  lArr: '⇐',
  rArr: '⇒',
  hArr: '⇔',
  le: '≤',
  ge: '≥',
  ne: '≠',
  asymp: '≈',
  equiv: '≡',
  infin: '∞',
  sum: '∑',
  prod: '∏',
  radic: '√',
  part: '∂',
  nabla: '∇',
  isin: '∈',
  notin: '∉',
  cap: '∩',
  cup: '∪',
  and: '∧',
  or: '∨',
  not: '¬',
  forall: '∀',
  exist: '∃',
  empty: '∅',
  prime: '′',
  Prime: '″',
  dagger: '†',
  Dagger: '‡',
  permil: '‰',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
  sup1: '¹',
  sup2: '²',
  sup3: '³',
  ordf: 'ª',
  ordm: 'º',
  iexcl: '¡',
  iquest: '¿',
  acute: '´',
  cedil: '¸',
  uml: '¨',
  macr: '¯',
  brvbar: '¦',
  check: '✓',
  hearts: '♥',
  star: '☆',
  starf: '★',
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  lambda: 'λ',
  mu: 'μ',
  pi: 'π',
  sigma: 'σ',
  tau: 'τ',
  phi: 'φ',
  omega: 'ω',
  Delta: 'Δ',
  Sigma: 'Σ',
  Omega: 'Ω',
  aacute: 'á',
  eacute: 'é',
  iacute: 'í',
  oacute: 'ó',
  uacute: 'ú',
  agrave: 'à',
  egrave: 'è',
  ograve: 'ò',
  acirc: 'â',
  ecirc: 'ê',
  ocirc: 'ô',
  auml: 'ä',
  euml: 'ë',
  iuml: 'ï',
  ouml: 'ö',
  uuml: 'ü',
  Auml: 'Ä',
  Ouml: 'Ö',
  Uuml: 'Ü',
  szlig: 'ß',
  ntilde: 'ñ',
  Ntilde: 'Ñ',
  ccedil: 'ç',
  Ccedil: 'Ç',
  aring: 'å',
  Aring: 'Å',
  aelig: 'æ',
  oslash: 'ø',
  Oslash: 'Ø',
  Eacute: 'É',
  tilde: '˜',
  circ: 'ˆ',
  grave: '`',
  colon: ':',
  comma: ',',
  period: '.',
  excl: '!',
  quest: '?',
  num: '#',
  dollar: '$',
  percnt: '%',
  ast: '*',
  plus: '+',
  equals: '=',
  lowbar: '_',
  lpar: '(',
  rpar: ')',
  lsqb: '[',
  rsqb: ']',
  lbrack: '[',
  rbrack: ']',
  lcub: '{',
  rcub: '}',
  lbrace: '{',
  rbrace: '}',
  vert: '|',
  verbar: '|',
  bsol: '\\',
  sol: '/',
  semi: ';',
  Tab: '\t',
  NewLine: '\n',
};
/** Pages still write these four without the semicolon (`&amp` in old query strings). */
const LEGACY = new Set(['amp', 'lt', 'gt', 'quot']);
const MAX_ENTITY = 32;

/** Decodes `&name;`, `&#123;` and `&#x1F600;` in one pass; anything unknown or malformed is left as written. */
export function decodeEntities(s: string): string {
  let amp = s.indexOf('&');
  if (amp === -1) return s;
  const parts: string[] = [];
  let from = 0;
  while (amp !== -1) {
    let j = amp + 1;
    const limit = Math.min(s.length, amp + MAX_ENTITY);
    while (j < limit && isEntityChar(s.charCodeAt(j))) j++;
    const body = s.slice(amp + 1, j);
    const semi = s.charCodeAt(j) === 59;
    const decoded = body.length ? decodeOne(body, semi) : undefined;
    if (decoded !== undefined) {
      parts.push(s.slice(from, amp), decoded);
      from = semi ? j + 1 : j;
    }
    amp = s.indexOf('&', Math.max(j, amp + 1));
  }
  parts.push(s.slice(from));
  return parts.join('');
}

function decodeOne(body: string, semi: boolean): string | undefined {
  if (body.charCodeAt(0) === 35 /* # */) {
    if (!semi && body.length < 2) return undefined;
    const hex = body[1] === 'x' || body[1] === 'X';
    const digits = body.slice(hex ? 2 : 1);
    if (!digits || !(hex ? /^[0-9a-fA-F]{1,6}$/ : /^[0-9]{1,7}$/).test(digits)) return undefined;
    const code = parseInt(digits, hex ? 16 : 10);
    // NUL, surrogates and out-of-range code points become U+FFFD, as browsers do
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
    return String.fromCodePoint(code);
  }
  if (semi) return Object.hasOwn(NAMED, body) ? NAMED[body] : undefined;
  return LEGACY.has(body) ? NAMED[body] : undefined;
}

function isEntityChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 35;
}
