import { ascendingTo, type CacheFileWriter } from '../cache-file.js';
import type { Card } from '../notes/card.js';
import { writeSearchFold } from './fold.js';

/** The fields a card is searched in, best first: a match ranks by its worst word's field. */
const SEARCH_FIELDS = ['question', 'section path', 'deck', 'answer'] as const;
const FIELDS = SEARCH_FIELDS.length;
/** The rank of a card that does not contain a word. */
export const NOT_FOUND = FIELDS;

/**
 * Every card's searchable text, folded (see {@link searchFold}) and laid out as UTF-8 bytes: each
 * card's fields one after another, best field first. `starts[FIELDS * card + field]` is where a
 * field begins; the last entry is the end. The parse cache stores it as it is, so that a search
 * reads 4 MB of notes without decoding or folding them again, and reads it a run of cards at a
 * time into one small buffer: a buffer for the whole text costs more in fresh memory than the read.
 */
export interface SearchText {
  starts: Uint32Array;
  /**
   * Calls `visit` with the bytes in order, in runs of whole cards; `offset` is where a run begins.
   * A run's bytes may be reused for the next one.
   */
  forEachRun(visit: (bytes: Uint8Array, offset: number) => void): void;
}

/** A search text held in memory whole, as built from the cards (and written to the parse cache). */
export interface FoldedText extends SearchText {
  bytes: Uint8Array;
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
export function searchTextOf(cards: readonly SearchableCard[]): FoldedText {
  let units = 0;
  for (const card of cards) {
    units += card.question.length + card.deck.length + card.answer.length;
    for (const section of card.path) units += section.length + 1;
  }
  const buffer = Buffer.allocUnsafe(MAX_BYTES_PER_UNIT * units + FIELDS * cards.length);
  let at = 0;
  const starts = layOutFields(cards, (text) => {
    const length = writeField(buffer, text, at);
    at += length;
    return length;
  });
  const bytes = buffer.subarray(0, at);
  return { bytes, starts, forEachRun: (visit) => visit(bytes, 0) };
}

/**
 * Appends the searchable text of the cards to a cache file being written, folded straight into
 * the writer's buffer, and returns its field starts: no buffer of its own, whose fresh memory
 * cost more than the folding (the parse cache's writer; a search reads it back from the file).
 */
export function writeSearchText(out: CacheFileWriter, cards: readonly SearchableCard[]): Uint32Array {
  // One encoder for every field (forty thousand on notes-L), given the field to write before each call.
  let field = '';
  const encodeField = (buffer: Buffer, at: number): number => writeField(buffer, field, at);
  return layOutFields(cards, (text) => {
    const before = out.position;
    field = text;
    out.encoded(MAX_BYTES_PER_UNIT * text.length + 1, encodeField);
    return out.position - before;
  });
}

/** The field starts of the cards' text, each field written by `write`, which returns its length in bytes. */
function layOutFields(cards: readonly SearchableCard[], write: (text: string) => number): Uint32Array {
  const starts = new Uint32Array(startsCount(cards.length));
  let at = 0;
  let field = 0;
  const put = (text: string): void => {
    starts[field++] = at;
    at += write(text);
  };
  // Indexed, and no array of a card's fields: unoptimised, each would allocate for every card.
  for (let index = 0; index < cards.length; index++) {
    const card = cards[index] as SearchableCard;
    put(card.question);
    put(card.path.join(' '));
    put(card.deck);
    put(card.answer);
  }
  starts[field] = at;
  return starts;
}

/** Writes a field folded, and a line break after it (query words hold no white space, so no match spans two); its length in bytes. */
function writeField(buffer: Buffer, text: string, at: number): number {
  const length = writeSearchFold(buffer, text, at);
  buffer[at + length] = 0x0a;
  return length + 1;
}

/** How many field starts a text of `cards` cards has: one a field, and the end. */
export function startsCount(cards: number): number {
  return cards * FIELDS + 1;
}

/** Whether field starts are whole for `cards` cards and a text of `byteLength` bytes: the parse cache checks what it reads. */
export function fitsCards(starts: Uint32Array, byteLength: number, cards: number): boolean {
  return starts.length === startsCount(cards) && starts[0] === 0 && ascendingTo(starts, byteLength);
}

/**
 * Byte ranges of runs of whole cards that cover the text in order, each at most `most` bytes
 * unless one card alone is longer: a search reads the cached text a run at a time.
 */
export function cardRuns(starts: Uint32Array, most: number): [number, number][] {
  const runs: [number, number][] = [];
  const cards = (starts.length - 1) / FIELDS;
  let from = 0;
  let to = 0;
  for (let card = 0; card < cards; card++) {
    const end = starts[(card + 1) * FIELDS] ?? 0;
    if (end - from > most && to > from) {
      runs.push([from, to]);
      from = to;
    }
    to = end;
  }
  if (to > from) runs.push([from, to]);
  return runs;
}

/**
 * For each card, the best field (0 for the question … 3 for the answer) that contains every one
 * of the folded `words`, judged by the word found in the worst field, or {@link NOT_FOUND} when
 * a word is missing. Fields are laid out best first, so a card's first occurrence of a word is
 * its best and the scan jumps to the next card from there: one `indexOf` per matching card.
 */
export function worstFields(text: SearchText, words: readonly string[]): Uint8Array {
  const cards = (text.starts.length - 1) / FIELDS;
  const worst = new Uint8Array(cards);
  const best = new Uint8Array(cards);
  const needles = words.map((word) => Buffer.from(word));
  text.forEachRun((bytes, offset) => {
    const haystack = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    const first = cardAt(text.starts, offset, 0);
    const end = cardAt(text.starts, offset + bytes.length - 1, first) + 1;
    for (const needle of needles) {
      best.fill(NOT_FOUND, first, end);
      findBest(text.starts, haystack, offset, needle, best, first);
      for (let card = first; card < end; card++) worst[card] = Math.max(worst[card] ?? 0, best[card] ?? NOT_FOUND);
    }
  });
  return worst;
}

/** Sets `best[card]` for the cards of a run whose text holds `needle`, from card `first` on. */
function findBest(starts: Uint32Array, haystack: Buffer, offset: number, needle: Buffer, best: Uint8Array, first: number): void {
  let card = first;
  for (let at = haystack.indexOf(needle); at !== -1; ) {
    card = cardAt(starts, offset + at, card);
    best[card] = fieldAt(starts, card, offset + at);
    at = haystack.indexOf(needle, (starts[(card + 1) * FIELDS] ?? 0) - offset);
  }
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
