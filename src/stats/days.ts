/*
 * Arithmetic on user-day keys (`YYYY-MM-DD`, as schedule/day.ts's dayKey gives them). A key
 * names a calendar date, so it is computed on UTC midnights, where no DST change can move it.
 */

const dayMs = 86_400_000;

const keyTime = (key: string): number => Date.parse(`${key}T00:00:00Z`);

/** The key `days` user-days after `key` (before it when negative). */
export function shiftDayKey(key: string, days: number): string {
  return new Date(keyTime(key) + days * dayMs).toISOString().slice(0, 10);
}

/** The weekday of a key, Monday 0 to Sunday 6. */
export function weekdayOf(key: string): number {
  return (new Date(keyTime(key)).getUTCDay() + 6) % 7;
}

/** The month of a key, 0 for January. */
export function monthOf(key: string): number {
  return new Date(keyTime(key)).getUTCMonth();
}
