import { sanitize } from './sanitize.js';
import { displayWidth } from './width.js';

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  middot: '·',
  times: '×',
  larr: '←',
  rarr: '→',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
};

const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]+));/gi;

function decodeEntity(entity: string, decimal?: string, hex?: string, name?: string): string {
  if (name !== undefined) return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
  const codePoint = decimal !== undefined ? Number(decimal) : Number.parseInt(hex ?? '', 16);
  return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : entity;
}

/**
 * Decodes the HTML character references marked leaves in token text (`&amp;`, `&lt;`, `&#27;`)
 * and sanitises the result, since a reference can stand for a control character.
 */
export function decodeEntities(text: string): string {
  return sanitize(text.replace(ENTITY, decodeEntity));
}

/**
 * Turns the soft line breaks of a paragraph into spaces so that it can be wrapped again; a
 * break between two wide (CJK) characters disappears, as CJK text has no spaces between words.
 */
export function joinSoftBreaks(text: string): string {
  return text.replace(/\n/g, (_break, offset: number) => {
    const before = text.charAt(offset - 1);
    const after = text.charAt(offset + 1);
    return displayWidth(before) === 2 && displayWidth(after) === 2 ? '' : ' ';
  });
}

/**
 * Readable text from raw HTML (`<details><summary>…`): comments, scripts and styles dropped,
 * tags stripped, line breaks kept. Unless `preformatted` (`<pre>`), lines are trimmed and
 * blank ones removed.
 */
export function htmlToText(html: string, preformatted = false): string {
  const text = decodeEntities(
    html
      .replace(/<!--[\s\S]*?(?:-->|$)|<(script|style)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, '')
      .replace(/<br\s*\/?>|<\/(?:p|div|li|tr|summary|h[1-6]|blockquote)\s*>/gi, '\n')
      // No `<` inside a tag: a line of `<a<a<a…` would otherwise be scanned to its end from every `<`.
      .replace(/<\/?[a-z][^<>]*>/gi, ''),
  );
  if (preformatted) return text.replace(/^\n+|\s+$/g, '');
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .join('\n');
}
