import { dayStartOf, nextDayStart } from '../schedule/day.js';
import { formatInterval } from '../schedule/interval.js';

/** A count with its noun, `1 card`, `3 cards`. */
export function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * When the next card is due, relative and on the clock: `in 9m (09:41)` today; a card due on a
 * later day can be asked from that day's start, so `in 2d (Thu 26 Nov, from 04:00)`.
 */
export function whenDue(due: Date, now: Date, dayStartsAt: number): string {
  if (due.getTime() <= now.getTime()) return 'now';
  if (due.getTime() < nextDayStart(now, dayStartsAt).getTime()) {
    return `in ${formatInterval(due.getTime() - now.getTime())} (${clockTime(due)})`;
  }
  const from = dayStartOf(due, dayStartsAt);
  const day = from.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short' });
  return `in ${formatInterval(from.getTime() - now.getTime())} (${day}, from ${clockTime(from)})`;
}

function clockTime(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** Minutes and seconds: `8m 30s`. */
export function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
}
