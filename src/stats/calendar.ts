import { shiftDayKey, weekdayOf } from './days.js';
import type { CalendarDay } from './types.js';

/** Weeks the calendar covers, this week included. */
const calendarWeeks = 26;

/**
 * Reviews per user-day for whole weeks (Monday first) up to today: the calendar heatmap's cells,
 * oldest first. `perDay` is keyed by days before today.
 */
export function calendarOf(perDay: ReadonlyMap<number, number>, today: string): CalendarDay[] {
  const days = (calendarWeeks - 1) * 7 + weekdayOf(today) + 1;
  return Array.from({ length: days }, (_, index) => {
    const daysAgo = days - 1 - index;
    return { date: shiftDayKey(today, -daysAgo), reviews: perDay.get(daysAgo) ?? 0 };
  });
}
