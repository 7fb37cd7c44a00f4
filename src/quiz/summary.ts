import { dayStartOf, nextDayStart } from '../schedule/day.js';
import { formatInterval } from '../schedule/interval.js';
import type { Queue } from '../schedule/queue.js';
import type { SessionResult } from './session.js';

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

function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** Minutes and seconds: `8m 30s`. */
export function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
}

/** What is left today, and what holds cards back. */
export function leftToday(queue: Queue): string {
  const held = [
    queue.heldBackNew > 0 ? `${queue.heldBackNew} new held back by the daily limit` : '',
    queue.heldBackReviews > 0 ? `${queue.heldBackReviews} reviews held back by the daily limit` : '',
  ].filter((text) => text !== '');
  const counts = `learning ${queue.learning.length} · review ${queue.review.length} · new ${queue.new.length}`;
  return held.length > 0 ? `${counts} (${held.join('; ')})` : counts;
}

/**
 * When the next card can be asked: `now` while one is waiting (a review, a new card, a learning
 * step already due), else the earliest due later (`queue.nextDue` skips what is due now).
 */
export function nextCardDue(queue: Queue, now: Date): Date | undefined {
  const learning = queue.learning[0];
  const waiting = queue.review.length > 0 || queue.new.length > 0 || (learning !== undefined && learning.due.getTime() <= now.getTime());
  return waiting ? now : queue.nextDue;
}

/** The lines printed when a session ends. */
export function sessionSummary(result: SessionResult, queue: Queue, now: Date, dayStartsAt: number): string {
  const againShare = result.answered > 0 ? Math.round((100 * result.again) / result.answered) : 0;
  const lines = [
    `Done: ${counted(result.answered, 'answer')} on ${counted(result.cards, 'card')} in ${duration(result.ms)}, again ${result.again} (${againShare}%).`,
    `Left today: ${leftToday(queue)}.`,
  ];
  const next = nextCardDue(queue, now);
  if (next) lines.push(`Next card due ${whenDue(next, now, dayStartsAt)}.`);
  return lines.join('\n');
}

/** The message when nothing is due: when the next card is, and how to do more. */
export function nothingDue(queue: Queue, now: Date, newPerDay: number, dayStartsAt: number): string {
  const lines = ['Nothing is due now.'];
  lines.push(queue.nextDue ? `Next card due ${whenDue(queue.nextDue, now, dayStartsAt)}.` : 'No card is scheduled yet.');
  if (queue.heldBackNew > 0) {
    const cards = queue.heldBackNew === 1 ? 'new card waits' : 'new cards wait';
    lines.push(`${queue.heldBackNew} ${cards} behind today's limit of ${newPerDay}: \`prep quiz --new 10\` learns 10 more today.`);
  }
  lines.push('To practise a topic without changing its schedule: `prep quiz --cram <topic>`.');
  return lines.join('\n');
}
