import { shiftDayKey } from './days.js';
import type { CardFacts } from './facts.js';
import type { ForecastDay } from './types.js';

/** Days the forecast covers, today included. */
const forecastDays = 30;

/** Cards due on each of the next {@link forecastDays} user-days; today's count takes in overdue cards and steps due later today. */
export function forecastOf(facts: readonly CardFacts[], today: string): ForecastDay[] {
  const due = new Array<number>(forecastDays).fill(0);
  for (const { dueIn } of facts) {
    if (dueIn !== undefined && dueIn < forecastDays) due[dueIn] = (due[dueIn] ?? 0) + 1;
  }
  return due.map((count, index) => ({ date: shiftDayKey(today, index), due: count }));
}
