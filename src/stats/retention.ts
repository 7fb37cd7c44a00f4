import type { Rating } from '../schedule/state.js';
import type { RetentionPeriod, RetentionTally } from './types.js';

/** The periods of the true-retention table, in user-days with today. */
const retentionPeriods: readonly number[] = [7, 30, 365];

/** An interval (in days) of 21 or more before a review makes it a review of a mature card. */
export const matureDays = 21;

/** A share rounded to four decimals, or `null` when there is nothing to divide. */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

/** Empty tallies for every period, to fill with {@link countRetention}. */
export function emptyRetention(): RetentionPeriod[] {
  const tally = (): RetentionTally => ({ passed: 0, failed: 0, rate: null });
  return retentionPeriods.map((days) => ({ days, young: tally(), mature: tally(), total: tally() }));
}

/**
 * Counts one review of a card in the review phase, `daysAgo` user-days before today, whose
 * interval before the review was `intervalBefore` days, in every period it falls in.
 */
export function countRetention(periods: RetentionPeriod[], daysAgo: number, rating: Rating, intervalBefore: number): void {
  const passed = rating >= 2;
  for (const period of periods) {
    if (daysAgo < 0 || daysAgo >= period.days) continue;
    for (const tally of [intervalBefore >= matureDays ? period.mature : period.young, period.total]) {
      if (passed) tally.passed += 1;
      else tally.failed += 1;
      tally.rate = share(tally.passed, tally.passed + tally.failed);
    }
  }
}
