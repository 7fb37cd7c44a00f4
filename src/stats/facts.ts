import type { Card } from '../notes/card.js';
import { userDaysBefore } from '../schedule/day.js';
import type { Scheduler } from '../schedule/scheduler.js';
import { stateSummary, type StateSummary, type SummarisedStates } from '../schedule/state.js';

/** One card with what the statistics need from its state, worked out once. */
export interface CardFacts {
  card: Card;
  /** The numbers of the card's state; none for a card never answered. */
  state?: StateSummary;
  /** Probability of recall now; only for cards answered at least once. */
  recall?: number;
  /** User-days from today to the day it is due (0 for due today or overdue); only for cards answered at least once. */
  dueIn?: number;
}

/** Facts for each card: its state, recall now and due day, from the folded log. */
export function cardFacts(
  cards: readonly Card[],
  states: SummarisedStates,
  scheduler: Pick<Scheduler, 'retrievability'>,
  now: Date,
  dayStartsAt: number,
): CardFacts[] {
  const daysBefore = userDaysBefore(now, dayStartsAt);
  return cards.map((card) => {
    const state = stateSummary(states, card.id);
    if (!state || state.phase === 'new') return state ? { card, state } : { card };
    const dueIn = Math.max(0, -daysBefore(state.due));
    return { card, state, recall: scheduler.retrievability(state, now, daysBefore), dueIn };
  });
}
