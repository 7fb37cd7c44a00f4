import type { CardFacts } from './facts.js';
import { share } from './retention.js';
import type { TopicStats } from './types.js';

interface TopicTally {
  deck: string;
  path: string[];
  cards: number;
  learned: number;
  recallSum: number;
  lapses: number;
  due: number;
}

/** A topic's key: deck and section path, joined by a character no title contains. */
const topicKey = (deck: string, path: readonly string[]): string => [deck, ...path].join('\u0000');

/**
 * {@link topicKey}, joined once per section: the cards of a section share one path array, so the
 * key is remembered by that array (with the deck it was joined with).
 */
function topicKeys(): (deck: string, path: readonly string[]) => string {
  const known = new Map<readonly string[], { deck: string; key: string }>();
  return (deck, path) => {
    const last = known.get(path);
    if (last?.deck === deck) return last.key;
    const key = topicKey(deck, path);
    known.set(path, { deck, key });
    return key;
  };
}

/**
 * The cards grouped by deck › section, weakest first: topics with learned cards by lowest average
 * recall, then lowest learned share; then topics with nothing learned; ties in notes order.
 */
export function topicsOf(facts: readonly CardFacts[]): TopicStats[] {
  const tallies = new Map<string, TopicTally>();
  const keyOf = topicKeys();
  for (const { card, state, recall, dueIn } of facts) {
    const key = keyOf(card.deck, card.path);
    const tally = tallies.get(key) ?? { deck: card.deck, path: card.path, cards: 0, learned: 0, recallSum: 0, lapses: 0, due: 0 };
    tallies.set(key, tally);
    tally.cards += 1;
    tally.lapses += state?.lapses ?? 0;
    if (recall === undefined) continue;
    tally.learned += 1;
    tally.recallSum += recall;
    if (dueIn === 0) tally.due += 1;
  }
  return [...tallies.values()].map(finish).sort(weakestFirst);
}

function finish(tally: TopicTally): TopicStats {
  const { deck, path, cards, learned, lapses, due } = tally;
  return {
    deck,
    path,
    cards,
    learned,
    learnedShare: share(learned, cards) ?? 0,
    averageRecall: share(tally.recallSum, learned),
    lapses,
    due,
  };
}

function weakestFirst(a: TopicStats, b: TopicStats): number {
  if (a.averageRecall === null || b.averageRecall === null) {
    return Number(a.averageRecall === null) - Number(b.averageRecall === null);
  }
  return a.averageRecall - b.averageRecall || a.learnedShare - b.learnedShare;
}
