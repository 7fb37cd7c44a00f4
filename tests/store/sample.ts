import type { ReviewEvent, UndoEvent } from '../../src/store/events.js';
import type { CardState, Phase, Rating } from '../../src/schedule/state.js';

/** A plausible card state after a review at 2026-11-24T01:30Z, due `days` later. */
export function sampleState(days = 1, phase: Phase = 'review'): CardState {
  const last = new Date('2026-11-24T01:30:00.000Z');
  return {
    phase,
    due: new Date(last.getTime() + days * 86_400_000),
    stability: 3.173 + days,
    difficulty: 5.28,
    elapsedDays: 0,
    scheduledDays: days,
    learningSteps: 0,
    reps: 1 + days,
    lapses: 0,
    lastReview: last,
  };
}

/** A review event with a fixed id. */
export function review(id: string, card: string, at: Date, state: CardState, rating: Rating = 3, phaseBefore: Phase = 'review', ms = 4000): ReviewEvent {
  return { type: 'review', id, card, at, rating, ms, phaseBefore, state };
}

/** An undo of review `undoes`. */
export function undo(id: string, card: string, at: Date, undoes: string): UndoEvent {
  return { type: 'undo', id, card, at, undoes };
}
