import { userDaysBefore } from '../schedule/day.js';
import { PHASES, type Rating } from '../schedule/state.js';
import { eachReviewRun, type LogView } from '../store/fold.js';
import { countRetention, emptyRetentionCounts, retentionOf } from './retention.js';
import type { RetentionPeriod } from './types.js';

const REVIEW_PHASE = PHASES.indexOf('review');

/** What the review history says, gathered in one pass. */
export interface ReviewDigest {
  /** Reviews per user-day, keyed by days before today (0 is today); reviews dated after today are left out. */
  perDay: Map<number, number>;
  /** Today's reviews, the time they took and how many were graded Again. */
  today: { reviewed: number; timeMs: number; again: number };
  trueRetention: RetentionPeriod[];
}

/**
 * Walks the effective reviews of the cards `inScope` accepts once, counting each by its user-day,
 * without an object per review (statistics walk ~200,000). A review's interval before it is the
 * one its previous review of the same card scheduled: the log visits a card's reviews together
 * and in order.
 */
export function digestHistory(log: LogView, inScope: (card: string) => boolean, now: Date, dayStartsAt: number): ReviewDigest {
  const today = { reviewed: 0, timeMs: 0, again: 0 };
  const retention = emptyRetentionCounts();
  // Reviews by days before today.
  const perDay: number[] = [];
  const daysAgoOf = userDaysBefore(now, dayStartsAt);
  let card: string | undefined;
  let counted = false;
  let scheduled = 0;
  eachReviewRun(log, ({ card: id, from, to, at, rating, ms, phaseBefore, scheduledDays }) => {
    if (id !== card) {
      card = id;
      counted = inScope(id);
      scheduled = 0;
    }
    for (let i = from; i < to; i++) {
      const intervalBefore = scheduled;
      scheduled = scheduledDays[i] ?? 0;
      if (!counted) continue;
      const daysAgo = daysAgoOf(at[i] ?? 0);
      if (daysAgo < 0) continue;
      perDay[daysAgo] = (perDay[daysAgo] ?? 0) + 1;
      if (daysAgo === 0) {
        today.reviewed += 1;
        today.timeMs += ms[i] ?? 0;
        if (rating[i] === 1) today.again += 1;
      }
      if (phaseBefore[i] === REVIEW_PHASE) countRetention(retention, daysAgo, (rating[i] ?? 1) as Rating, intervalBefore);
    }
  });
  const byDay = new Map<number, number>();
  // Days without reviews are holes in the array, which forEach skips.
  perDay.forEach((reviews, daysAgo) => byDay.set(daysAgo, reviews));
  return { perDay: byDay, today, trueRetention: retentionOf(retention) };
}
