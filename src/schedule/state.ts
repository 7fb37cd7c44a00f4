import { State, type Card as FsrsCard } from 'ts-fsrs';

/** Where a card is in its life: never seen, in (re)learning steps, or on day intervals. */
export type Phase = 'new' | 'learning' | 'review' | 'relearning';

/** The phases in a fixed order: where a phase is stored as a number (the log snapshot), its index here. */
export const PHASES: readonly Phase[] = ['new', 'learning', 'review', 'relearning'];

/** An answer: 1 Again, 2 Hard, 3 Good, 4 Easy (the numbers FSRS and Anki use). */
export type Rating = 1 | 2 | 3 | 4;

/** Every rating, in button order. */
export const ratings: readonly Rating[] = [1, 2, 3, 4];

/**
 * A card's scheduling state, as prep stores it after each answer. Instants are real times;
 * `elapsedDays` and `scheduledDays` count the user's days (see day.ts), not UTC days.
 */
export interface CardState {
  phase: Phase;
  /** When the card is next due. */
  due: Date;
  /** FSRS stability: days until recall probability falls to 90%. */
  stability: number;
  /** FSRS difficulty, 1 (easy) to 10 (hard). */
  difficulty: number;
  /** User-days between the previous review and the last one. */
  elapsedDays: number;
  /** User-days from the last review to `due` (0 while in (re)learning steps). */
  scheduledDays: number;
  /** Index of the current (re)learning step. */
  learningSteps: number;
  reps: number;
  lapses: number;
  lastReview?: Date;
}

/**
 * The numbers of a state that the queue and the statistics read, without its Dates: instants are
 * milliseconds since the epoch, `lastReview` -1 for none.
 */
export interface StateSummary {
  phase: Phase;
  due: number;
  scheduledDays: number;
  stability: number;
  lapses: number;
  lastReview: number;
}

/** The summary of a state. */
export function summaryOf(state: CardState): StateSummary {
  const { phase, scheduledDays, stability, lapses } = state;
  return { phase, due: state.due.getTime(), scheduledDays, stability, lapses, lastReview: state.lastReview?.getTime() ?? -1 };
}

/**
 * Card states by id, which may give a card's {@link StateSummary} without building its state (a
 * log snapshot reads it from its columns: the queue and the statistics look at every card).
 */
export type SummarisedStates = ReadonlyMap<string, CardState> & { summary?: (id: string) => StateSummary | undefined };

/** The summary of a card's state, undefined for a card with none. */
export function stateSummary(states: SummarisedStates, id: string): StateSummary | undefined {
  if (states.summary) return states.summary(id);
  const state = states.get(id);
  return state && summaryOf(state);
}

/** The state of a card never answered: new, due at `now`. */
export function newCardState(now: Date): CardState {
  return {
    phase: 'new',
    due: new Date(now.getTime()),
    stability: 0,
    difficulty: 0,
    elapsedDays: 0,
    scheduledDays: 0,
    learningSteps: 0,
    reps: 0,
    lapses: 0,
  };
}

const phaseOfState: Record<State, Phase> = {
  [State.New]: 'new',
  [State.Learning]: 'learning',
  [State.Review]: 'review',
  [State.Relearning]: 'relearning',
};

const stateOfPhase: Record<Phase, State> = {
  new: State.New,
  learning: State.Learning,
  review: State.Review,
  relearning: State.Relearning,
};

/**
 * Converts to ts-fsrs's Card. Dates are copied as given: shifting them onto the user-day
 * clock is the scheduler's job.
 */
export function toFsrsCard(state: CardState): FsrsCard {
  const card: FsrsCard = {
    due: new Date(state.due.getTime()),
    stability: state.stability,
    difficulty: state.difficulty,
    elapsed_days: state.elapsedDays,
    scheduled_days: state.scheduledDays,
    learning_steps: state.learningSteps,
    reps: state.reps,
    lapses: state.lapses,
    state: stateOfPhase[state.phase],
  };
  if (state.lastReview) card.last_review = new Date(state.lastReview.getTime());
  return card;
}

/** Converts from ts-fsrs's Card; the inverse of {@link toFsrsCard}. */
export function fromFsrsCard(card: FsrsCard): CardState {
  const state: CardState = {
    phase: phaseOfState[card.state],
    due: new Date(card.due.getTime()),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
  };
  if (card.last_review) state.lastReview = new Date(card.last_review.getTime());
  return state;
}
