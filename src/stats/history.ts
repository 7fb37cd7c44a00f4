import { daysBetween } from '../schedule/day.js';
import type { ReviewFact } from '../store/fold.js';
import { countRetention, emptyRetention } from './retention.js';
import type { RetentionPeriod } from './types.js';

/** What the review history says, gathered in one pass. */
export interface ReviewDigest {
  /** Reviews per user-day, keyed by days before today (0 is today); reviews dated after today are left out. */
  perDay: Map<number, number>;
  /** Today's reviews, the time they took and how many were graded Again. */
  today: { reviewed: number; timeMs: number; again: number };
  trueRetention: RetentionPeriod[];
}

/**
 * Walks the effective reviews of the cards `inScope` accepts once, counting each by its user-day.
 * A review's interval before it is the one its previous review in the card's history scheduled.
 */
export function digestHistory(
  history: ReadonlyMap<string, readonly ReviewFact[]>,
  inScope: (card: string) => boolean,
  now: Date,
  dayStartsAt: number,
): ReviewDigest {
  const digest: ReviewDigest = { perDay: new Map(), today: { reviewed: 0, timeMs: 0, again: 0 }, trueRetention: emptyRetention() };
  for (const [card, records] of history) {
    if (!inScope(card)) continue;
    records.forEach((record, index) => {
      const daysAgo = daysBetween(record.at, now, dayStartsAt);
      if (daysAgo < 0) return;
      digest.perDay.set(daysAgo, (digest.perDay.get(daysAgo) ?? 0) + 1);
      if (daysAgo === 0) countToday(digest.today, record);
      if (record.phaseBefore === 'review') {
        countRetention(digest.trueRetention, daysAgo, record.rating, records[index - 1]?.state.scheduledDays ?? 0);
      }
    });
  }
  return digest;
}

function countToday(today: ReviewDigest['today'], record: ReviewFact): void {
  today.reviewed += 1;
  today.timeMs += record.ms;
  if (record.rating === 1) today.again += 1;
}
