import { createScheduler } from '../../src/schedule/scheduler.js';
import type { CardState, Rating } from '../../src/schedule/state.js';
import type { ReviewEvent } from '../../src/store/events.js';

const minuteMs = 60_000;

/** How a simulated user answers: the rating for the nth answer overall. */
export type Answerer = (answer: number, card: string) => Rating;

/**
 * Simulated drills: on each of `days` (local times at which a session starts), every card due by
 * then is answered, new cards first-come up to `newPerDay`, one minute apart, each taking 5 s;
 * learning steps due within the session come back until none is due. Fuzz off, so reproducible.
 */
export function simulateDrills(cardIds: readonly string[], days: readonly Date[], answer: Answerer, newPerDay = 5): ReviewEvent[] {
  const scheduler = createScheduler({ fuzz: false });
  const states = new Map<string, CardState>();
  const events: ReviewEvent[] = [];
  for (const start of days) {
    let clock = start.getTime();
    const fresh = cardIds.filter((id) => !states.has(id)).slice(0, newPerDay);
    const dueAt = (id: string): boolean => (states.get(id)?.due.getTime() ?? Infinity) <= clock;
    for (let next = [...cardIds.filter(dueAt), ...fresh]; next.length > 0; next = cardIds.filter(dueAt)) {
      for (const id of next) {
        const before = states.get(id);
        const at = new Date(clock);
        const rating = answer(events.length, id);
        const state = scheduler.grade(before, rating, at);
        events.push({ type: 'review', id: `e${events.length}`, card: id, at, rating, ms: 5000, phaseBefore: before?.phase ?? 'new', state });
        states.set(id, state);
        clock += minuteMs;
      }
      clock += 10 * minuteMs;
    }
  }
  return events;
}
