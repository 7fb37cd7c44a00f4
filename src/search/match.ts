import type { Card } from '../notes/card.js';
import { searchFold } from './fold.js';


/** A card's searchable text, best field first: question, section path, deck, answer. A match ranks by its worst word's field. */
interface FoldedCard {
  card: Card;
  fields: readonly [string, string, string, string];
}

/** The query as words to find: folded for width and case; empty words dropped. */
export function queryWords(query: string[]): string[] {
  return query.flatMap((part) => searchFold(part).split(/\s+/u)).filter((word) => word !== '');
}

/**
 * Cards whose deck, section path, question or answer contain every query word (case- and
 * width-insensitive, CJK by substring). Ranked: question matches, then section, then deck,
 * then answer-only; ties keep notes order.
 */
export function searchCards(cards: Card[], query: string[]): Card[] {
  const words = queryWords(query);
  if (words.length === 0) return cards;
  const ranked: { card: Card; rank: number; order: number }[] = [];
  cards.forEach((card, order) => {
    const rank = matchRank(foldCard(card), words);
    if (rank !== undefined) ranked.push({ card, rank, order });
  });
  return ranked.sort((a, b) => a.rank - b.rank || a.order - b.order).map((hit) => hit.card);
}

function foldCard(card: Card): FoldedCard {
  return { card, fields: [searchFold(card.question), searchFold(card.path.join(' ')), searchFold(card.deck), searchFold(card.answer)] };
}

function matchRank(folded: FoldedCard, words: string[]): number | undefined {
  let worst = 0;
  for (const word of words) {
    const field = folded.fields.findIndex((text) => text.includes(word));
    if (field === -1) return undefined;
    worst = Math.max(worst, field);
  }
  return worst;
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
