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

/** The fields of a card that are searched. */
export type SearchableCard = Pick<Card, 'question' | 'path' | 'deck' | 'answer'>;

/**
 * UTF-8 needs at most three bytes for a UTF-16 code unit, and folding never takes more than three
 * bytes for one either: lower-casing lengthens only U+0130, to "i̇" (three bytes), and width folding
 * shortens (a test checks every code point). So a buffer of three bytes a unit of the unfolded
 * fields (and the spaces joining a section path), plus a line break each, holds the folded text.
 */
const MAX_BYTES_PER_UNIT = 3;

/**
 * The searchable text of the cards, in their order. Each field is folded and encoded straight
 * into one buffer sized for the worst case (only the pages written are touched): no joined
 * string of all the text, no second copy, and the folded fields are garbage at once.
 */
export function searchTextOf(cards: readonly SearchableCard[]): SearchText {
  let units = 0;
  for (const card of cards) {
    units += card.question.length + card.deck.length + card.answer.length;
    for (const section of card.path) units += section.length + 1;
  }
  const buffer = Buffer.allocUnsafe(MAX_BYTES_PER_UNIT * units + FIELDS * cards.length);
  const starts = new Uint32Array(cards.length * FIELDS + 1);
  let at = 0;
  let field = 0;
  const append = (text: string): void => {
    starts[field++] = at;
    at += buffer.write(searchFold(text), at);
    // A line break after each field: query words hold no white space, so no match spans two.
    buffer[at++] = 0x0a;
  };
  for (const card of cards) {
    append(card.question);
    append(card.path.join(' '));
    append(card.deck);
    append(card.answer);
  }
  starts[field] = at;
  return { bytes: buffer.subarray(0, at), starts };
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
