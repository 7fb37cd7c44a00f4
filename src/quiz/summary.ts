import { formatInterval } from '../schedule/interval.js';
import type { Queue } from '../schedule/queue.js';
import type { SessionResult } from './session.js';

/** When the next card is due, relative and on the clock: `in 9m (09:41)`, `in 2d (Thu 26 Nov 09:12)`. */
export function whenDue(due: Date, now: Date): string {
  if (due.getTime() <= now.getTime()) return 'now';
  const sameDay = due.toDateString() === now.toDateString();
  const clock = `${pad(due.getHours())}:${pad(due.getMinutes())}`;
  const day = due.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short' });
  return `in ${formatInterval(due.getTime() - now.getTime())} (${sameDay ? clock : `${day} ${clock}`})`;
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
export function sessionSummary(result: SessionResult, queue: Queue, now: Date): string {
  const againShare = result.answered > 0 ? Math.round((100 * result.again) / result.answered) : 0;
  const lines = [
    `Done: ${result.answered} ${result.answered === 1 ? 'card' : 'cards'} in ${duration(result.ms)}, again ${result.again} (${againShare}%).`,
    `Left today: ${leftToday(queue)}.`,
  ];
  const next = nextCardDue(queue, now);
  if (next) lines.push(`Next card due ${whenDue(next, now)}.`);
  return lines.join('\n');
}

/** The message when nothing is due: when the next card is, and how to do more. */
export function nothingDue(queue: Queue, now: Date, newPerDay: number): string {
  const lines = ['Nothing is due now.'];
  lines.push(queue.nextDue ? `Next card due ${whenDue(queue.nextDue, now)}.` : 'No card is scheduled yet.');
  if (queue.heldBackNew > 0) {
    const cards = queue.heldBackNew === 1 ? 'new card waits' : 'new cards wait';
    lines.push(`${queue.heldBackNew} ${cards} behind today's limit of ${newPerDay}: \`prep quiz --new 10\` learns 10 more today.`);
  }
  lines.push('To practise a topic without changing its schedule: `prep quiz --cram <topic>`.');
  return lines.join('\n');
}
