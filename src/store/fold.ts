import { PHASES, type CardState, type Phase, type Rating } from '../schedule/state.js';
import type { LogEvent } from './events.js';

/** One effective (not undone) review, as statistics and undo need it. */
export interface ReviewRecord {
  /** The review event's id. */
  id: string;
  card: string;
  at: Date;
  rating: Rating;
  ms: number;
  phaseBefore: Phase;
  /** The card's state after this review. */
  state: CardState;
}

/** A cram answer (changes no schedule). */
export interface PracticeRecord {
  id: string;
  card: string;
  at: Date;
  rating: Rating;
  ms: number;
}

/** A card put off until the next day start. */
export interface SkipRecord {
  id: string;
  card: string;
  at: Date;
}

/**
 * The review log folded into what the rest of prep needs. Treat it as read-only, except through
 * {@link applyEvent}; the same CardState objects appear in `states` and `history`.
 */
export interface Folded {
  /** Each reviewed card's current state; a card with no entry is new. */
  states: Map<string, CardState>;
  /** Each card's effective reviews in log order; cards with none have no entry. */
  history: Map<string, ReviewRecord[]>;
  /** Every effective review by event id, in log order. */
  reviews: Map<string, ReviewRecord>;
  /** The most recent effective review: what the next undo takes back. */
  lastReview?: ReviewRecord;
  practice: PracticeRecord[];
  skips: SkipRecord[];
}

/** What a review says to statistics and daily limits: a ReviewRecord without its id and card. */
export interface ReviewFact {
  at: Date;
  rating: Rating;
  ms: number;
  phaseBefore: Phase;
  /** The card's state after the review, as far as statistics need it. */
  state: Pick<CardState, 'scheduledDays'>;
}

/**
 * What today's queue, `prep due` and `prep stats` read from the review log: a {@link Folded} log
 * is one, and so is the lighter view restored from the log snapshot (src/store/snapshot.ts).
 */
export interface LogView {
  /** Each reviewed card's current state; a card with no entry is new. Its cards are those of `history`. */
  states: ReadonlyMap<string, CardState>;
  /** Each card's effective reviews in log order; cards with none have no entry. */
  history: ReadonlyMap<string, readonly ReviewFact[]>;
  skips: readonly { card: string; at: Date }[];
  /** The reviews whose time falls in [from, to), when the view can find them faster than by walking `history`. */
  reviewsBetween?(from: Date, to: Date): Iterable<ReviewFact>;
  /** The skips whose time falls in [from, to), when the view can find them faster than by walking `skips`. */
  skipsBetween?(from: Date, to: Date): Iterable<{ card: string; at: Date }>;
  /** Visits every card's effective reviews as {@link eachReviewRun} does, when the view can without building `history`. */
  eachReviewRun?(visit: (run: ReviewRun) => void): void;
}

/**
 * One card's effective reviews, in log order, as columns: review `i` is row `i` of each, for
 * `from <= i < to`. The log snapshot hands out its own columns, so that statistics walk ~200,000
 * reviews without an object, or a boxed number, each.
 */
export interface ReviewRun {
  card: string;
  from: number;
  to: number;
  /** Times, in milliseconds since the epoch. */
  at: ArrayLike<number>;
  rating: ArrayLike<number>;
  ms: ArrayLike<number>;
  /** The phase before each review, as its index in PHASES. */
  phaseBefore: ArrayLike<number>;
  /** The interval each review scheduled. */
  scheduledDays: ArrayLike<number>;
}

/** Visits every card's effective reviews, card by card, each card's in log order (a card may come in several runs in a row). */
export function eachReviewRun(log: LogView, visit: (run: ReviewRun) => void): void {
  if (log.eachReviewRun) {
    log.eachReviewRun(visit);
    return;
  }
  for (const [card, facts] of log.history) visit(runOf(card, facts));
}

/** A card's reviews as a run. */
export function runOf(card: string, facts: readonly ReviewFact[]): ReviewRun {
  return {
    card,
    from: 0,
    to: facts.length,
    at: facts.map((fact) => fact.at.getTime()),
    rating: facts.map((fact) => fact.rating),
    ms: facts.map((fact) => fact.ms),
    phaseBefore: facts.map((fact) => PHASES.indexOf(fact.phaseBefore)),
    scheduledDays: facts.map((fact) => fact.state.scheduledDays),
  };
}

/**
 * Takes one effective review as plain values, so that walking ~200,000 of them creates no object
 * each. Reviews come card by card, each card's in log order: a review's interval before it is the
 * `scheduledDays` of the visit just before when that was of the same card, else 0.
 */
export type ReviewVisitor = (card: string, at: number, rating: Rating, ms: number, phaseBefore: Phase, scheduledDays: number) => void;

/** Visits every effective review of the log, card by card, each card's in log order. */
export function eachReview(log: LogView, visit: ReviewVisitor): void {
  eachReviewRun(log, (run) => {
    for (let i = run.from; i < run.to; i++) {
      visit(run.card, run.at[i] ?? 0, (run.rating[i] ?? 1) as Rating, run.ms[i] ?? 0, PHASES[run.phaseBefore[i] ?? 0] ?? 'new', run.scheduledDays[i] ?? 0);
    }
  });
}

/** A fold of an empty log. */
export function emptyFold(): Folded {
  return { states: new Map(), history: new Map(), reviews: new Map(), practice: [], skips: [] };
}

/**
 * Folds the review log, in log order (not by `at`: the clock may have gone backwards), into card
 * states and history. An undo takes its review out of effect: the card's state becomes the state
 * after its previous effective review, or none (a new card) when there is none.
 */
export function foldLog(events: Iterable<LogEvent>): Folded {
  const folded = emptyFold();
  for (const event of events) {
    applyEvent(folded, event);
  }
  return folded;
}

/**
 * Applies one more event to a fold, in place (e.g. the answer just appended to the log). Folding a
 * log's prefix and then applying the rest gives the same result as folding the whole log.
 */
export function applyEvent(folded: Folded, event: LogEvent): void {
  switch (event.type) {
    case 'review': {
      const record: ReviewRecord = {
        id: event.id,
        card: event.card,
        at: event.at,
        rating: event.rating,
        ms: event.ms,
        phaseBefore: event.phaseBefore,
        state: event.state,
      };
      const history = folded.history.get(event.card);
      if (history === undefined) {
        folded.history.set(event.card, [record]);
      } else {
        history.push(record);
      }
      folded.reviews.set(record.id, record);
      folded.states.set(event.card, event.state);
      folded.lastReview = record;
      return;
    }
    case 'undo':
      undo(folded, event.undoes);
      return;
    case 'skip':
      folded.skips.push({ id: event.id, card: event.card, at: event.at });
      return;
    case 'practice':
      folded.practice.push({ id: event.id, card: event.card, at: event.at, rating: event.rating, ms: event.ms });
      return;
  }
}

/** Takes a review out of effect; an undo of an unknown or already undone review changes nothing. */
function undo(folded: Folded, reviewId: string): void {
  const record = folded.reviews.get(reviewId);
  if (record === undefined) {
    return;
  }
  folded.reviews.delete(reviewId);
  const history = (folded.history.get(record.card) ?? []).filter((entry) => entry !== record);
  const previous = history.at(-1);
  if (previous === undefined) {
    folded.history.delete(record.card);
    folded.states.delete(record.card);
  } else {
    folded.history.set(record.card, history);
    folded.states.set(record.card, previous.state);
  }
  if (folded.lastReview === record) {
    let last: ReviewRecord | undefined;
    for (const entry of folded.reviews.values()) {
      last = entry;
    }
    if (last === undefined) {
      delete folded.lastReview;
    } else {
      folded.lastReview = last;
    }
  }
}

/** What has been done today, for the daily limits and the end-of-session summary. */
export interface TodayCounts {
  /** Effective reviews of new cards (count against the daily new-card limit). */
  newDone: number;
  /** Effective reviews of cards in the review phase (count against the daily review limit). */
  reviewsDone: number;
  /** All effective reviews today, learning steps included. */
  reviewed: number;
  /** Of those, how many were answered "again". */
  again: number;
  /** Time spent on them, in milliseconds. */
  ms: number;
  /** Cards skipped today. */
  skipped: Set<string>;
}

/**
 * Counts the effective reviews and skips whose time falls in [dayStart, nextDayStart). Learning and
 * relearning steps count in `reviewed` but not against the limits, as in Anki.
 */
export function todayCounts(log: LogView, dayStart: Date, nextDayStart: Date): TodayCounts {
  const from = dayStart.getTime();
  const to = nextDayStart.getTime();
  const inDay = (at: Date): boolean => at.getTime() >= from && at.getTime() < to;
  const counts: TodayCounts = { newDone: 0, reviewsDone: 0, reviewed: 0, again: 0, ms: 0, skipped: new Set() };
  for (const review of log.reviewsBetween ? log.reviewsBetween(dayStart, nextDayStart) : allFacts(log)) {
    if (!inDay(review.at)) {
      continue;
    }
    counts.reviewed += 1;
    counts.ms += review.ms;
    if (review.rating === 1) {
      counts.again += 1;
    }
    if (review.phaseBefore === 'new') {
      counts.newDone += 1;
    } else if (review.phaseBefore === 'review') {
      counts.reviewsDone += 1;
    }
  }
  for (const skip of log.skipsBetween ? log.skipsBetween(dayStart, nextDayStart) : log.skips) {
    if (inDay(skip.at)) {
      counts.skipped.add(skip.card);
    }
  }
  return counts;
}

function* allFacts(log: LogView): Iterable<ReviewFact> {
  for (const facts of log.history.values()) yield* facts;
}

/**
 * Card ids with review history but no card in the notes (deleted, or renamed so that the id
 * changed), sorted. Their history is kept and reported, never deleted.
 */
export function orphans(log: LogView, cardIds: ReadonlySet<string>): string[] {
  // A card has a state exactly when it has history, and states need no history built.
  const found: string[] = [];
  for (const id of log.states.keys()) if (!cardIds.has(id)) found.push(id);
  return found.sort();
}
