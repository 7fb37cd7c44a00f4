import { counted, duration, whenDue } from '../render/words.js';
import type { Queue } from '../schedule/queue.js';
import type { SessionResult } from './session.js';

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
