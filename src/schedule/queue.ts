import { nextDayStart } from './day.js';
import { stateSummary, type CardState, type SummarisedStates } from './state.js';

/** A card in today's queue and when it is due. */
export interface QueueItem {
  id: string;
  due: Date;
}

/** What the day's queue is built from; the caller reads the clock, the log and the settings. */
export interface QueueInput {
  /** Every card in the notes, in notes order. */
  cardIds: readonly string[];
  /** A queue looks at every card and keeps few: it reads their summaries. */
  states: SummarisedStates;
  today: {
    /** New cards answered today (user-day), in earlier sessions too. */
    newDone: number;
    /** Review cards answered today; see {@link dailyCount}. */
    reviewsDone: number;
    /** Cards the user skipped today: left out of everything until the day ends. */
    skipped: ReadonlySet<string>;
  };
  now: Date;
  limits: {
    newPerDay: number;
    reviewsPerDay: number;
    /** New cards beyond the daily limit, asked for in this session. */
    extraNew?: number;
  };
  dayStartsAt: number;
}

/** Today's work. Build it with {@link buildQueue}; walk it with {@link pickNext} and {@link afterGrade}. */
export interface Queue {
  /** Cards in (re)learning due before the day ends, earliest first, including ones due later. */
  learning: QueueItem[];
  /** Review cards due before the day ends, most overdue relative to their interval first. */
  review: QueueItem[];
  /** New cards within today's limit, in notes order. */
  new: string[];
  /** New cards the daily limit holds back. */
  heldBackNew: number;
  /** Due review cards the daily limit holds back. */
  heldBackReviews: number;
  /**
   * The earliest due after now of a card not held back or skipped: a learning card due later
   * today, or a card due on a later day. For "next card due at".
   */
  nextDue?: Date;
  /** The earliest due among cards due on a later day (not in this queue). */
  laterDue?: Date;
  /** When today ends (the next day start): rebuild the queue from then on. */
  dayEnd: Date;
}

/** The answer to "what now?" in a quiz loop. */
export type NextStep =
  | { kind: 'card'; id: string; source: 'learning' | 'review' | 'new' }
  /** Only learning cards remain and the earliest is due at `until`; show it early or wait. */
  | { kind: 'wait'; id: string; until: Date }
  | { kind: 'done' };

/**
 * Builds today's queue: (re)learning cards, due reviews capped by what is left of the daily
 * review limit, and new cards (no state, or state still new) capped by what is left of the
 * new limit plus `extraNew`. Cards not in `cardIds` (history of deleted cards) are ignored.
 */
export function buildQueue(input: QueueInput): Queue {
  const { cardIds, states, today, now, limits, dayStartsAt } = input;
  const dayEnd = nextDayStart(now, dayStartsAt);
  const learning: QueueItem[] = [];
  const due: { item: QueueItem; overdue: number }[] = [];
  const fresh: string[] = [];
  let later = Infinity;
  const seen = new Set<string>();

  for (const id of cardIds) {
    if (seen.has(id) || today.skipped.has(id)) continue;
    seen.add(id);
    const state = stateSummary(states, id);
    if (!state || state.phase === 'new') {
      fresh.push(id);
    } else if (state.due >= dayEnd.getTime()) {
      later = Math.min(later, state.due);
    } else if (state.phase === 'review') {
      const overdue = (now.getTime() - state.due) / Math.max(state.scheduledDays, 1);
      due.push({ item: { id, due: new Date(state.due) }, overdue });
    } else {
      learning.push({ id, due: new Date(state.due) });
    }
  }

  learning.sort(byDue);
  due.sort((a, b) => b.overdue - a.overdue);
  const reviewRoom = Math.max(0, limits.reviewsPerDay - today.reviewsDone);
  const newRoom = Math.max(0, limits.newPerDay + (limits.extraNew ?? 0) - today.newDone);

  const queue: Queue = {
    ...(later !== Infinity ? { laterDue: new Date(later) } : {}),
    learning,
    review: due.slice(0, reviewRoom).map((d) => d.item),
    new: fresh.slice(0, newRoom),
    heldBackNew: Math.max(0, fresh.length - newRoom),
    heldBackReviews: Math.max(0, due.length - reviewRoom),
    dayEnd,
  };
  return withNextDue(queue, now);
}

/**
 * What to show next: (re)learning cards already due, then reviews, then new cards; when only
 * learning cards due later remain, wait for the earliest. Once `now` reaches `queue.dayEnd`
 * the caller should build a new queue, as daily limits start over.
 */
export function pickNext(queue: Queue, now: Date): NextStep {
  const first = queue.learning[0];
  if (first && first.due.getTime() <= now.getTime()) return { kind: 'card', id: first.id, source: 'learning' };
  const review = queue.review[0];
  if (review) return { kind: 'card', id: review.id, source: 'review' };
  const fresh = queue.new[0];
  if (fresh !== undefined) return { kind: 'card', id: fresh, source: 'new' };
  if (first) return { kind: 'wait', id: first.id, until: first.due };
  return { kind: 'done' };
}

/**
 * The queue after card `id` was answered at `now` and got state `next`: a card due again
 * before the day ends (a (re)learning step) goes back among the learning cards at its new
 * due; any other leaves the queue.
 */
export function afterGrade(queue: Queue, id: string, next: CardState, now: Date): Queue {
  const rest = removeCard(queue, id, now);
  if (next.due.getTime() >= queue.dayEnd.getTime()) {
    return withNextDue({ ...rest, laterDue: earliest(rest.laterDue, next.due) ?? next.due }, now);
  }
  const learning = [...rest.learning, { id, due: next.due }].sort(byDue);
  return withNextDue({ ...rest, learning }, now);
}

/** The queue without card `id`, e.g. after the user skipped it. */
export function removeCard(queue: Queue, id: string, now: Date): Queue {
  const rest: Queue = {
    ...queue,
    learning: queue.learning.filter((item) => item.id !== id),
    review: queue.review.filter((item) => item.id !== id),
    new: queue.new.filter((other) => other !== id),
  };
  return withNextDue(rest, now);
}

/**
 * Which daily count an answer uses up, judged by the card's state before the answer: a new
 * card counts against the new limit, a review card against the review limit, and a
 * (re)learning step against neither.
 */
export function dailyCount(before: CardState | undefined): 'new' | 'review' | undefined {
  if (!before || before.phase === 'new') return 'new';
  return before.phase === 'review' ? 'review' : undefined;
}

const byDue = (a: QueueItem, b: QueueItem): number => a.due.getTime() - b.due.getTime();

function earliest(a: Date | undefined, b: Date | undefined): Date | undefined {
  if (!a) return b;
  if (!b) return a;
  return a.getTime() <= b.getTime() ? a : b;
}

function withNextDue(queue: Queue, now: Date): Queue {
  let nextDue = queue.laterDue;
  for (const item of queue.learning) {
    if (item.due.getTime() > now.getTime()) nextDue = earliest(nextDue, item.due);
  }
  const result: Queue = { ...queue };
  delete result.nextDue;
  if (nextDue) result.nextDue = nextDue;
  return result;
}
