import type { Card } from '../../src/notes/card.js';
import type { CardState, Phase, Rating } from '../../src/schedule/state.js';
import type { LogEvent, PracticeEvent, ReviewEvent, UndoEvent } from '../../src/store/events.js';
import { defaultSettings } from '../../src/store/settings.js';
import type { StatsSettings } from '../../src/stats/aggregate.js';

/** A card with a question made from its id. */
export function card(id: string, path: string[] = [], deck = 'deck', question = `Question ${id}?`): Card {
  return { id, deck, path, question, answer: 'An answer.', source: { file: `/notes/${deck}.md`, line: 1 } };
}

/** A card state due at `due`; the rest as given, else plausible defaults. */
export function state(phase: Phase, due: string, extra: Partial<CardState> = {}): CardState {
  return {
    phase,
    due: new Date(due),
    stability: 1,
    difficulty: 5,
    elapsedDays: 0,
    scheduledDays: 0,
    learningSteps: 0,
    reps: 1,
    lapses: 0,
    ...extra,
  };
}

let eventCount = 0;

/** A review of `cardId` at `at`, leaving it in state `after`; ids are unique across a test file. */
export function answer(cardId: string, at: string, rating: Rating, phaseBefore: Phase, after: CardState, ms = 5000): ReviewEvent {
  eventCount += 1;
  return { type: 'review', id: `r${eventCount}`, card: cardId, at: new Date(at), rating, ms, phaseBefore, state: after };
}

/** An undo of `review`, a minute later. */
export function undoOf(review: ReviewEvent): UndoEvent {
  eventCount += 1;
  return { type: 'undo', id: `u${eventCount}`, card: review.card, at: new Date(review.at.getTime() + 60_000), undoes: review.id };
}

/** A cram answer, which changes no schedule and no statistic. */
export function practice(cardId: string, at: string, ms: number): PracticeEvent {
  eventCount += 1;
  return { type: 'practice', id: `p${eventCount}`, card: cardId, at: new Date(at), rating: 3, ms };
}

/** Reviews of `cardId` at each time, each leaving a review card; for figures that only count days. */
export function reviewsAt(cardId: string, times: string[]): LogEvent[] {
  return times.map((at) => answer(cardId, at, 3, 'review', state('review', '2027-01-01T10:00:00+08:00', { scheduledDays: 5 })));
}

/** The default settings with the day starting at `dayStartsAt` and the limits given. */
export function settings(overrides: Partial<StatsSettings> = {}): StatsSettings {
  return { ...defaultSettings(), ...overrides };
}
