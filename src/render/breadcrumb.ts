// Light on purpose: `prep show --list` prints these without loading marked-terminal.
import type { Card } from '../notes/card.js';
import { sanitizeInline } from './sanitize.js';
import { palette, type RenderOptions } from './style.js';
import { displayWidth, truncateDisplay } from './width.js';

const SEPARATOR = ' › ';

/** Where a card sits, `deck › section › section`, sanitised to one line. */
export function breadcrumb(card: Pick<Card, 'deck' | 'path'>): string {
  return [card.deck, ...card.path].map((part) => sanitizeInline(part).trim()).join(SEPARATOR);
}

/**
 * One line of `prep show --list`: `id  deck › path  question`, cut to the width. The question's
 * first paragraph is shown (a question may go on with code); where the line is too long, the place
 * gives way first, down to a share of the width, so that the question can be read.
 */
export function cardListLine(card: Card, options: RenderOptions): string {
  const style = palette(options.color);
  const id = sanitizeInline(card.id);
  const question = sanitizeInline(firstParagraph(card.question)).trim();
  const room = options.width - displayWidth(id) - 2 * GAP.length;
  const place = breadcrumb(card);
  const placeRoom = Math.max(Math.floor(room * PLACE_SHARE), room - displayWidth(question));
  const shownPlace = displayWidth(place) > placeRoom ? truncateDisplay(place, placeRoom) : place;
  return truncateDisplay(`${style.dim(id)}${GAP}${style.cyan(shownPlace)}${GAP}${question}`, options.width);
}

const GAP = '  ';
/** The share of a list line the place keeps when the question needs the rest. */
const PLACE_SHARE = 0.35;

/** Text up to its first blank line: a question's words without the code that may follow them. */
function firstParagraph(text: string): string {
  const end = text.search(/\n[ \t]*\n/u);
  return end === -1 ? text : text.slice(0, end);
}
