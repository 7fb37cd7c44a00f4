import type { CardFacts } from './facts.js';
import { matureDays } from './retention.js';
import type { CollectionStats } from './types.js';

/** The cards counted by phase, and the history left without a card (`orphanIds`, sorted). */
export function collectionOf(facts: readonly CardFacts[], orphanIds: string[]): CollectionStats {
  const stats: CollectionStats = {
    total: facts.length,
    new: 0,
    learning: 0,
    review: 0,
    young: 0,
    mature: 0,
    relearning: 0,
    orphans: orphanIds.length,
    orphanIds,
  };
  for (const { state } of facts) {
    const phase = state?.phase ?? 'new';
    stats[phase] += 1;
    if (state?.phase !== 'review') continue;
    if (state.scheduledDays >= matureDays) stats.mature += 1;
    else stats.young += 1;
  }
  return stats;
}
