import type { Card } from '../notes/card.js';
import { searchFold } from './fold.js';
import { NOT_FOUND, searchTextOf, worstFields, type SearchText } from './text.js';

/** The query as words to find: folded for width and case; empty words dropped. */
export function queryWords(query: string[]): string[] {
  return query.flatMap((part) => searchFold(part).split(/\s+/u)).filter((word) => word !== '');
}

/**
 * Cards whose deck, section path, question or answer contain every query word (case- and
 * width-insensitive, CJK by substring). Ranked: question matches, then section, then deck,
 * then answer-only; ties keep notes order. `text` is the cards' searchable text when the parse
 * cache has it; without it, the cards are folded here.
 */
export function searchCards(cards: Card[], query: string[], text?: SearchText): Card[] {
  const words = queryWords(query);
  if (words.length === 0) return cards;
  const worst = worstFields(text ?? searchTextOf(cards), words);
  const ranked: { card: Card; rank: number; order: number }[] = [];
  cards.forEach((card, order) => {
    const rank = worst[order] ?? NOT_FOUND;
    if (rank !== NOT_FOUND) ranked.push({ card, rank, order });
  });
  return ranked.sort((a, b) => a.rank - b.rank || a.order - b.order).map((hit) => hit.card);
}

/** The card a query names by id (or by an unambiguous id prefix of four or more characters). */
export function cardById(cards: Card[], query: string[]): Card | undefined {
  if (query.length !== 1) return undefined;
  const wanted = query[0]?.trim() ?? '';
  const exact = cards.find((card) => card.id === wanted);
  if (exact || wanted.length < 4) return exact;
  const prefixed = cards.filter((card) => card.id.startsWith(wanted));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}
