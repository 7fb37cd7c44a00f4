import {
  fsrs,
  generatorParameters,
  Rating as FsrsRating,
  type Card as FsrsCard,
  type Grade,
} from 'ts-fsrs';
import { daysBetween, fromUserDayClock, toUserDayClock } from './day.js';
import { formatInterval } from './interval.js';
import { resolveSchedulerOptions, type SchedulerOptions } from './options.js';
import { fromFsrsCard, newCardState, ratings, toFsrsCard, type CardState, type Rating, type StateSummary } from './state.js';

/** What one answer would do: the state it leads to and a label for its interval. */
export interface PreviewItem {
  state: CardState;
  /** How long until the card is due again, e.g. `10m` or `3d` (see formatInterval). */
  interval: string;
}

/** FSRS scheduling in prep's terms: pure functions of a card state and the time. */
export interface Scheduler {
  /** The state after answering `rating` at `now`; `undefined` is a card never answered. */
  grade(state: CardState | undefined, rating: Rating, now: Date): CardState;
  /** What each of the four answers would do, for the labels under the buttons. */
  preview(state: CardState | undefined, now: Date): Record<Rating, PreviewItem>;
  /**
   * Probability of recall at `now` (0 for a new card), with elapsed time in user-days: counted by
   * `daysBefore` when given (see userDaysBefore, for many cards at once), else one by one.
   */
  retrievability(state: Pick<StateSummary, 'phase' | 'stability' | 'lastReview'>, now: Date, daysBefore?: (instant: number) => number): number;
}

const dayMs = 86_400_000;

const grades: Record<Rating, Grade> = {
  1: FsrsRating.Again,
  2: FsrsRating.Hard,
  3: FsrsRating.Good,
  4: FsrsRating.Easy,
};

/**
 * Creates a scheduler over ts-fsrs (FSRS-6). Missing options take their defaults; invalid
 * ones throw a RangeError (the settings layer validates with options.ts first).
 *
 * ts-fsrs counts elapsed days in UTC calendar days. prep counts the user's days, so every
 * instant goes to ts-fsrs on the user-day clock (see toUserDayClock), whose UTC date is the
 * user-day, and results come back: steps shorter than a day keep their exact length, day
 * intervals keep their wall-clock time, so a DST change never moves a card to another day.
 */
export function createScheduler(options: Partial<SchedulerOptions> = {}): Scheduler {
  const resolved = resolveSchedulerOptions(options);
  if (!resolved.ok) throw new RangeError(resolved.message);
  const { retention, learningSteps, relearningSteps, maximumInterval, fuzz, dayStartsAt } = resolved.value;
  const f = fsrs(
    generatorParameters({
      request_retention: retention,
      maximum_interval: maximumInterval,
      enable_fuzz: fuzz,
      learning_steps: learningSteps,
      relearning_steps: relearningSteps,
      enable_short_term: true,
    }),
  );

  const toFsrs = (state: CardState | undefined, now: Date): FsrsCard => {
    const current = state ?? newCardState(now);
    const card = toFsrsCard(current);
    card.due = toUserDayClock(current.due, dayStartsAt);
    if (current.lastReview) {
      // A clock that went backwards must not give negative elapsed days.
      const last = current.lastReview.getTime() > now.getTime() ? now : current.lastReview;
      card.last_review = toUserDayClock(last, dayStartsAt);
    }
    return card;
  };

  const fromFsrs = (card: FsrsCard, shiftedNow: Date, now: Date): CardState => {
    const state = fromFsrsCard(card);
    const ahead = card.due.getTime() - shiftedNow.getTime();
    state.due = ahead < dayMs ? new Date(now.getTime() + ahead) : fromUserDayClock(card.due, dayStartsAt);
    state.lastReview = new Date(now.getTime());
    return state;
  };

  return {
    grade(state, rating, now) {
      const shiftedNow = toUserDayClock(now, dayStartsAt);
      const { card } = f.next(toFsrs(state, now), shiftedNow, grades[rating]);
      return fromFsrs(card, shiftedNow, now);
    },

    preview(state, now) {
      const shiftedNow = toUserDayClock(now, dayStartsAt);
      const outcomes = f.repeat(toFsrs(state, now), shiftedNow);
      const item = (rating: Rating): PreviewItem => {
        const { card } = outcomes[grades[rating]];
        return {
          state: fromFsrs(card, shiftedNow, now),
          // ts-fsrs's own interval, so that "1d" stays "1d" across a DST change.
          interval: formatInterval(card.due.getTime() - shiftedNow.getTime()),
        };
      };
      const [again, hard, good, easy] = ratings.map(item) as [PreviewItem, PreviewItem, PreviewItem, PreviewItem];
      return { 1: again, 2: hard, 3: good, 4: easy };
    },

    retrievability(state, now, daysBefore) {
      if (state.phase === 'new' || state.lastReview === -1) return 0;
      const elapsed = Math.max(0, daysBefore ? daysBefore(state.lastReview) : daysBetween(new Date(state.lastReview), now, dayStartsAt));
      return f.forgetting_curve(elapsed, state.stability);
    },
  };
}
