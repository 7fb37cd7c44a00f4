import { buildQueue, type Queue } from '../schedule/queue.js';
import { dayStartOf, nextDayStart } from '../schedule/day.js';
import { todayCounts, type LogView, type TodayCounts } from '../store/fold.js';

/** The daily limits in force for a session. */
export interface DailyLimits {
  newPerDay: number;
  reviewsPerDay: number;
  /** New cards beyond the limit asked for with `--new`. */
  extraNew: number;
}

/** What was done today (from the log) and the queue of what is left, for `prep quiz` and `prep due`. */
export interface Today {
  counts: TodayCounts;
  queue: Queue;
}

/** Today's counts and queue for these cards, from the review log, at `now`. */
export function today(cardIds: readonly string[], log: LogView, limits: DailyLimits, dayStartsAt: number, now: Date): Today {
  const counts = todayCounts(log, dayStartOf(now, dayStartsAt), nextDayStart(now, dayStartsAt));
  const queue = buildQueue({ cardIds, states: log.states, today: counts, now, limits, dayStartsAt });
  return { counts, queue };
}
