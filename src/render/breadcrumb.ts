// Light on purpose: `prep show --list` prints these without loading marked-terminal.
import type { Card } from '../notes/card.js';
import { sanitizeInline } from './sanitize.js';
import { palette, type RenderOptions } from './style.js';
import { truncateDisplay } from './width.js';

const SEPARATOR = ' › ';

/** Where a card sits, `deck › section › section`, sanitised to one line. */
export function breadcrumb(card: Pick<Card, 'deck' | 'path'>): string {
  return [card.deck, ...card.path].map((part) => sanitizeInline(part).trim()).join(SEPARATOR);
}

/** One line of `prep show --list`: `id  deck › path  question`, cut to the width. */
export function cardListLine(card: Card, options: RenderOptions): string {
  const style = palette(options.color);
  const id = style.dim(sanitizeInline(card.id));
  const question = sanitizeInline(card.question).trim();
  return truncateDisplay(`${id}  ${style.cyan(breadcrumb(card))}  ${question}`, options.width);
}
