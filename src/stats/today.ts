import { formatLocalIso } from '../store/events.js';
import type { Queue } from '../schedule/queue.js';
import type { ReviewDigest } from './history.js';
import { share } from './retention.js';
import type { TodayStats } from './types.js';

/** Today's figures: what was done (from the history) and what is left (from the queue `prep quiz` would build). */
export function todayOf(done: ReviewDigest['today'], queue: Queue, now: Date): TodayStats {
  const stepsDue = queue.learning.filter((item) => item.due.getTime() <= now.getTime()).length;
  return {
    reviewed: done.reviewed,
    timeMs: done.timeMs,
    again: done.again,
    againRate: share(done.again, done.reviewed),
    dueNow: stepsDue + queue.review.length,
    dueLaterToday: queue.learning.length - stepsDue,
    newLeft: queue.new.length,
    nextDue: queue.nextDue ? formatLocalIso(queue.nextDue) : null,
  };
}
