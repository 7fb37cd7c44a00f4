import type { Card } from '../notes/card.js';
import { searchFold } from './fold.js';

/** The fields a card is searched in, best first: a match ranks by its worst word's field. */
const SEARCH_FIELDS = ['question', 'section path', 'deck', 'answer'] as const;
const FIELDS = SEARCH_FIELDS.length;
/** The rank of a card that does not contain a word. */
export const NOT_FOUND = FIELDS;

/**
 * Every card's searchable text, folded (see {@link searchFold}) and laid out as UTF-8 bytes: each
 * card's fields one after another, best field first. `starts[FIELDS * card + field]` is where a
 * field begins; the last entry is the end. The parse cache stores it as it is, so that a search
 * reads 4 MB of notes without decoding or folding them again.
 */
export interface SearchText {
  bytes: Uint8Array;
  starts: Uint32Array;
}

/** The searchable text of the cards, in their order. */
export function searchTextOf(cards: readonly Pick<Card, 'question' | 'path' | 'deck' | 'answer'>[]): SearchText {
  const folded: string[] = [];
  const starts = new Uint32Array(cards.length * FIELDS + 1);
  let at = 0;
  cards.forEach((card, index) => {
    const fields = [card.question, card.path.join(' '), card.deck, card.answer];
    fields.forEach((field, offset) => {
      starts[index * FIELDS + offset] = at;
      // A line break between fields: query words hold no white space, so no match spans two.
      const text = `${searchFold(field)}\n`;
      folded.push(text);
      at += Buffer.byteLength(text);
    });
  });
  starts[cards.length * FIELDS] = at;
  // One encoding of the whole text: a buffer per field took three times as long.
  return { bytes: Buffer.from(folded.join('')), starts };
}

/** Whether a search text is whole for `cards` cards: the parse cache checks what it reads. */
export function fitsCards(text: SearchText, cards: number): boolean {
  const { starts, bytes } = text;
  if (starts.length !== cards * FIELDS + 1 || starts[0] !== 0 || starts[starts.length - 1] !== bytes.length) return false;
  for (let index = 1; index < starts.length; index++) if ((starts[index] ?? 0) < (starts[index - 1] ?? 0)) return false;
  return true;
}

/**
 * For each card, the best field (0 for the question … 3 for the answer) that contains the folded
 * `word`, or {@link NOT_FOUND}. Fields are laid out best first, so a card's first occurrence is
 * its best and the scan jumps to the next card from there: one `indexOf` per matching card.
 */
export function fieldsContaining(text: SearchText, word: string): Uint8Array {
  const cards = (text.starts.length - 1) / FIELDS;
  const best = new Uint8Array(cards).fill(NOT_FOUND);
  const needle = Buffer.from(word);
  const haystack = Buffer.from(text.bytes.buffer, text.bytes.byteOffset, text.bytes.length);
  let card = 0;
  for (let at = haystack.indexOf(needle); at !== -1; ) {
    card = cardAt(text.starts, at, card);
    best[card] = fieldAt(text.starts, card, at);
    at = haystack.indexOf(needle, text.starts[(card + 1) * FIELDS]);
  }
  return best;
}

/** The card whose text holds byte `at`, searching forward from `from` (hits come in order). */
function cardAt(starts: Uint32Array, at: number, from: number): number {
  let low = from;
  let high = (starts.length - 1) / FIELDS - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle * FIELDS] ?? 0) <= at) low = middle;
    else high = middle - 1;
  }
  return low;
}

function fieldAt(starts: Uint32Array, card: number, at: number): number {
  let field = 0;
  while (field + 1 < FIELDS && (starts[card * FIELDS + field + 1] ?? 0) <= at) field++;
  return field;
}
