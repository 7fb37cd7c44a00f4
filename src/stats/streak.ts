import type { StreakStats } from './types.js';

/**
 * The current and longest runs of consecutive user-days with reviews, from reviews per day keyed
 * by days before today. A current run may end yesterday: today without a review yet breaks nothing.
 */
export function streakOf(perDay: ReadonlyMap<number, number>): StreakStats {
  const active = (daysAgo: number): boolean => (perDay.get(daysAgo) ?? 0) > 0;
  const reviewedToday = active(0);
  let current = 0;
  for (let day = reviewedToday ? 0 : 1; active(day); day += 1) current += 1;
  let longest = 0;
  for (const day of perDay.keys()) {
    if (!active(day) || active(day + 1)) continue;
    let run = 0;
    while (active(day - run)) run += 1;
    longest = Math.max(longest, run);
  }
  return { current, longest, reviewedToday };
}
