import type { Card } from '../notes/card.js';
import { searchFold } from './fold.js';

/**
 * Topics and questions that come closest to a query that matched nothing: section titles,
 * decks and questions ranked by how many of the query's character pairs they share.
 */
export function suggestTopics(cards: Card[], query: string[], limit = 5): string[] {
  const wanted = searchFold(query.join(' ')).trim();
  if (wanted === '') return [];
  const candidates = new Set<string>();
  for (const card of cards) {
    candidates.add(card.deck);
    for (const section of card.path) candidates.add(section);
    candidates.add(card.question.split('\n')[0] ?? '');
  }
  return [...candidates]
    .map((text) => ({ text, score: similarity(wanted, searchFold(text)) }))
    .filter((candidate) => candidate.score >= 0.3)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((candidate) => candidate.text);
}

/** Share of the query's character pairs (single characters for a one-character query) found in the text. */
function similarity(query: string, text: string): number {
  const wanted = grams(query);
  if (wanted.size === 0) return 0;
  const present = grams(text);
  let shared = 0;
  for (const gram of wanted) if (present.has(gram)) shared++;
  return shared / wanted.size;
}

function grams(text: string): Set<string> {
  const chars = [...text.replace(/\s+/gu, '')];
  if (chars.length === 1) return new Set(chars);
  const pairs = new Set<string>();
  for (let index = 0; index + 1 < chars.length; index++) pairs.add(`${chars[index]}${chars[index + 1]}`);
  return pairs;
}
