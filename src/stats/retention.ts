import type { Rating } from '../schedule/state.js';
import type { RetentionPeriod, RetentionTally } from './types.js';

/** The periods of the true-retention table, in user-days with today. */
const retentionPeriods: readonly number[] = [7, 30, 365];
const longestPeriod = Math.max(...retentionPeriods);

/** An interval (in days) of 21 or more before a review makes it a review of a mature card. */
export const matureDays = 21;

/** A share rounded to four decimals, or `null` when there is nothing to divide. */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

/**
 * Reviews of cards in the review phase by user-day before today, over the longest period: four
 * counts a day (young failed, young passed, mature failed, mature passed). Statistics count
 * ~100,000 reviews one by one; the periods' tallies are summed from these once, at the end.
 */
export type RetentionCounts = Uint32Array;

/** No review counted yet, to fill with {@link countRetention}. */
export function emptyRetentionCounts(): RetentionCounts {
  return new Uint32Array(longestPeriod * 4);
}

/**
 * Counts one review of a card in the review phase, `daysAgo` user-days before today, whose
 * interval before the review was `intervalBefore` days (days outside every period count nowhere).
 */
export function countRetention(counts: RetentionCounts, daysAgo: number, rating: Rating, intervalBefore: number): void {
  if (daysAgo < 0 || daysAgo >= longestPeriod) return;
  const slot = slotOf(daysAgo, intervalBefore >= matureDays, rating >= 2);
  counts[slot] = (counts[slot] ?? 0) + 1;
}

/** The true-retention table from the counts: young, mature and both, over each period. */
export function retentionOf(counts: RetentionCounts): RetentionPeriod[] {
  return retentionPeriods.map((days) => {
    const sum = (mature: boolean, passed: boolean): number => {
      let reviews = 0;
      for (let daysAgo = 0; daysAgo < days; daysAgo++) reviews += counts[slotOf(daysAgo, mature, passed)] ?? 0;
      return reviews;
    };
    const young = tally(sum(false, true), sum(false, false));
    const mature = tally(sum(true, true), sum(true, false));
    return { days, young, mature, total: tally(young.passed + mature.passed, young.failed + mature.failed) };
  });
}

const slotOf = (daysAgo: number, mature: boolean, passed: boolean): number => daysAgo * 4 + (mature ? 2 : 0) + (passed ? 1 : 0);

const tally = (passed: number, failed: number): RetentionTally => ({ passed, failed, rate: share(passed, passed + failed) });
