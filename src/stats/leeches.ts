import type { CardFacts } from './facts.js';
import type { Leech } from './types.js';

/** A card with this many lapses or more is a leech, as in Anki. */
export const leechLapses = 8;

/** The leeches, most lapses first, ties in notes order. */
export function leechesOf(facts: readonly CardFacts[]): Leech[] {
  return facts
    .filter(({ state }) => (state?.lapses ?? 0) >= leechLapses)
    .map(({ card, state }) => ({ id: card.id, deck: card.deck, path: card.path, question: card.question, lapses: state?.lapses ?? 0 }))
    .sort((a, b) => b.lapses - a.lapses);
}
