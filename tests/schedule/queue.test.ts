import { describe, expect, it } from 'vitest';
import {
  afterGrade,
  buildQueue,
  dailyCount,
  pickNext,
  removeCard,
  type NextStep,
  type Queue,
  type QueueInput,
} from '../../src/schedule/queue.js';
import { createScheduler } from '../../src/schedule/scheduler.js';
import { newCardState, type CardState, type Phase } from '../../src/schedule/state.js';
import { describeInZone } from './zones.js';

const at = (iso: string): Date => new Date(iso);
const dayMs = 86_400_000;

function stateAt(phase: Phase, due: string, scheduledDays = 0): CardState {
  const dueDate = at(due);
  return {
    ...newCardState(dueDate),
    phase,
    scheduledDays,
    stability: Math.max(scheduledDays, 0.5),
    difficulty: 5,
    reps: 3,
    lastReview: new Date(dueDate.getTime() - Math.max(scheduledDays, 1) * dayMs),
  };
}

const ids = (items: { id: string }[]): string[] => items.map((item) => item.id);

describeInZone('Asia/Shanghai', () => {
  // 10:00 local; the day (starting 04:00) ends at 2025-03-11T04:00+08:00.
  const now = '2025-03-10T10:00:00+08:00';
  const states = new Map<string, CardState>([
    ['r-a', stateAt('review', '2025-03-09T10:00:00+08:00', 1)], // 1 day late on 1: 1.0
    ['r-b', stateAt('review', '2025-03-05T10:00:00+08:00', 100)], // 5 late on 100: 0.05
    ['r-c', stateAt('review', '2025-03-07T10:00:00+08:00', 2)], // 3 late on 2: 1.5
    ['r-tonight', stateAt('review', '2025-03-11T03:00:00+08:00', 4)], // not yet due: last
    ['r-tomorrow', stateAt('review', '2025-03-11T06:00:00+08:00', 4)],
    ['l-now', stateAt('learning', '2025-03-10T09:55:00+08:00')],
    ['l-late', stateAt('relearning', '2025-03-10T10:30:00+08:00')],
    ['l-tomorrow', stateAt('learning', '2025-03-11T05:00:00+08:00')],
    ['n-seen', { ...newCardState(at(now)) }],
    ['skip-r', stateAt('review', '2025-03-01T10:00:00+08:00', 1)],
    ['skip-l', stateAt('learning', '2025-03-10T10:05:00+08:00')],
    ['gone', stateAt('review', '2025-03-01T10:00:00+08:00', 1)],
  ]);
  const cardIds = [
    'n1', 'r-a', 'n2', 'l-late', 'r-b', 'l-now', 'r-c', 'n-seen', 'r-tonight', 'r-tomorrow',
    'l-tomorrow', 'n3', 'skip-r', 'skip-n', 'skip-l', 'n1',
  ];
  const input = (overrides: Partial<QueueInput> = {}): QueueInput => ({
    cardIds,
    states,
    today: { newDone: 0, reviewsDone: 0, skipped: new Set(['skip-r', 'skip-n', 'skip-l']) },
    now: at(now),
    limits: { newPerDay: 20, reviewsPerDay: 200 },
    dayStartsAt: 4,
    ...overrides,
  });

  it('sorts learning by due and reviews by how overdue they are for their interval', () => {
    const queue = buildQueue(input());
    expect(ids(queue.learning)).toEqual(['l-now', 'l-late']);
    expect(ids(queue.review)).toEqual(['r-c', 'r-a', 'r-b', 'r-tonight']);
    // Notes order, once each; a state still new counts as new; skipped cards nowhere.
    expect(queue.new).toEqual(['n1', 'n2', 'n-seen', 'n3']);
    expect(queue).toMatchObject({ heldBackNew: 0, heldBackReviews: 0 });
    expect(queue.dayEnd.toISOString()).toBe(at('2025-03-11T04:00:00+08:00').toISOString());
    // l-late; the skipped skip-l (10:05) does not count.
    expect(queue.nextDue?.toISOString()).toBe(at('2025-03-10T10:30:00+08:00').toISOString());
  });

  it.each([
    { newPerDay: 3, newDone: 0, extraNew: 0, expected: ['n1', 'n2', 'n-seen'], heldBack: 1 },
    { newPerDay: 3, newDone: 1, extraNew: 0, expected: ['n1', 'n2'], heldBack: 2 },
    { newPerDay: 3, newDone: 3, extraNew: 0, expected: [], heldBack: 4 },
    { newPerDay: 3, newDone: 3, extraNew: 1, expected: ['n1'], heldBack: 3 },
    { newPerDay: 3, newDone: 5, extraNew: 1, expected: [], heldBack: 4 },
  ])('new limit $newPerDay, $newDone done, $extraNew extra → $expected', ({ newPerDay, newDone, extraNew, expected, heldBack }) => {
    const queue = buildQueue(
      input({
        today: { newDone, reviewsDone: 0, skipped: new Set() },
        limits: { newPerDay, reviewsPerDay: 200, extraNew },
        cardIds: cardIds.filter((id) => !id.startsWith('skip')),
      }),
    );
    expect(queue.new).toEqual(expected);
    expect(queue.heldBackNew).toBe(heldBack);
  });

  it.each([
    { reviewsPerDay: 5, reviewsDone: 3, expected: ['r-c', 'r-a'], heldBack: 2 },
    { reviewsPerDay: 5, reviewsDone: 5, expected: [], heldBack: 4 },
    { reviewsPerDay: 5, reviewsDone: 9, expected: [], heldBack: 4 },
  ])('review limit $reviewsPerDay, $reviewsDone done → $expected', ({ reviewsPerDay, reviewsDone, expected, heldBack }) => {
    const queue = buildQueue(
      input({
        today: { newDone: 0, reviewsDone, skipped: new Set(['skip-r', 'skip-n', 'skip-l']) },
        limits: { newPerDay: 20, reviewsPerDay },
      }),
    );
    expect(ids(queue.review)).toEqual(expected);
    expect(queue.heldBackReviews).toBe(heldBack);
    expect(ids(queue.learning)).toEqual(['l-now', 'l-late']); // never capped
  });

  it('takes "today" from the day start, not UTC midnight', () => {
    // r-tomorrow is due 06:00 local on 03-11: tomorrow here, but today for a UTC user at
    // 18:00 local (see below).
    const queue = buildQueue(input({ cardIds: ['r-tomorrow', 'l-tomorrow'], now: at('2025-03-10T18:00:00+08:00') }));
    expect(queue.review).toEqual([]);
    expect(queue.learning).toEqual([]);
    expect(queue.nextDue?.toISOString()).toBe(at('2025-03-11T05:00:00+08:00').toISOString());
    expect(pickNext(queue, at(now))).toEqual({ kind: 'done' });
  });

  it('counts new cards answered in an earlier session today', () => {
    const scheduler = createScheduler({ fuzz: false });
    const limits = { newPerDay: 2, reviewsPerDay: 200 };
    const notes = ['n1', 'n2', 'n3'];
    const first = buildQueue(input({ cardIds: notes, states: new Map(), limits }));
    expect(first.new).toEqual(['n1', 'n2']);
    // The user answers n1 and quits; the next session knows one new card is done.
    const answered = new Map([['n1', scheduler.grade(undefined, 3, at(now))]]);
    const second = buildQueue(
      input({
        cardIds: notes,
        states: answered,
        limits,
        now: at('2025-03-10T18:00:00+08:00'),
        today: { newDone: 1, reviewsDone: 0, skipped: new Set() },
      }),
    );
    expect(second.new).toEqual(['n2']);
    expect(second.heldBackNew).toBe(1);
    expect(ids(second.learning)).toEqual(['n1']);
  });

  it('runs a session: due learning, reviews, new cards, then waits for learning steps', () => {
    const scheduler = createScheduler({ fuzz: false });
    const known = new Map([['r', stateAt('review', '2025-03-09T10:00:00+08:00', 3)]]);
    let queue: Queue = buildQueue(input({ cardIds: ['a', 'r', 'b'], states: known }));
    let clock = at(now);
    const seen: string[] = [];
    const counts = { new: 0, review: 0 };
    for (let step: NextStep = pickNext(queue, clock); step.kind !== 'done'; step = pickNext(queue, clock)) {
      if (step.kind === 'wait') {
        seen.push(`wait ${step.id} ${step.until.toISOString()}`);
        clock = step.until;
        continue;
      }
      seen.push(`${step.id} ${step.source}`);
      const before = known.get(step.id);
      const after = scheduler.grade(before, 3, clock);
      const counted = dailyCount(before);
      if (counted) counts[counted] += 1;
      known.set(step.id, after);
      queue = afterGrade(queue, step.id, after, clock);
      clock = new Date(clock.getTime() + 60_000);
    }
    expect(seen).toEqual([
      'r review',
      'a new', // 10:01, next step at 10:11
      'b new', // 10:02, next step at 10:12
      `wait a ${at('2025-03-10T10:11:00+08:00').toISOString()}`,
      'a learning', // graduates to 2 days
      'b learning', // 10:12
    ]);
    expect(counts).toEqual({ new: 2, review: 1 });
    expect(queue).toMatchObject({ learning: [], review: [], new: [] });
    // Earliest of what is left: a, due two days after 10:11.
    expect(queue.nextDue?.toISOString()).toBe(at('2025-03-12T10:11:00+08:00').toISOString());
  });

  it('brings a card answered Again back a minute later, and waits for it', () => {
    const scheduler = createScheduler({ fuzz: false });
    const queue = buildQueue(input({ cardIds: ['a'], states: new Map() }));
    const graded = afterGrade(queue, 'a', scheduler.grade(undefined, 1, at(now)), at(now));
    const due = at('2025-03-10T10:01:00+08:00');
    expect(graded.learning).toEqual([{ id: 'a', due }]);
    expect(graded.new).toEqual([]);
    expect(graded.nextDue).toEqual(due);
    expect(pickNext(graded, at(now))).toEqual({ kind: 'wait', id: 'a', until: due });
    expect(pickNext(graded, due)).toEqual({ kind: 'card', id: 'a', source: 'learning' });
  });

  it('drops a skipped card from the session', () => {
    const queue = buildQueue(input());
    const rest = removeCard(removeCard(queue, 'r-c', at(now)), 'l-late', at(now));
    expect(ids(rest.review)).toEqual(['r-a', 'r-b', 'r-tonight']);
    expect(ids(rest.learning)).toEqual(['l-now']);
    // l-late was the next due; what is left after it is tomorrow's l-tomorrow.
    expect(rest.nextDue?.toISOString()).toBe(at('2025-03-11T05:00:00+08:00').toISOString());
  });
});

describeInZone('UTC', () => {
  it('counts a card due 06:00 Shanghai time on the 11th as today for a UTC user', () => {
    // 18:00 in Shanghai is 10:00 UTC: the UTC user's day ends 2025-03-11T04:00Z, after 22:00Z.
    const now = at('2025-03-10T18:00:00+08:00');
    const queue = buildQueue({
      cardIds: ['r'],
      states: new Map([['r', stateAt('review', '2025-03-11T06:00:00+08:00', 4)]]),
      today: { newDone: 0, reviewsDone: 0, skipped: new Set() },
      now,
      limits: { newPerDay: 20, reviewsPerDay: 200 },
      dayStartsAt: 4,
    });
    expect(ids(queue.review)).toEqual(['r']);
    expect(pickNext(queue, now)).toEqual({ kind: 'card', id: 'r', source: 'review' });
  });
});

describe('dailyCount', () => {
  it.each([
    [undefined, 'new'],
    ['new', 'new'],
    ['learning', undefined],
    ['relearning', undefined],
    ['review', 'review'],
  ] as const)('a card in phase %s counts as %s', (phase, expected) => {
    const before = phase === undefined ? undefined : stateAt(phase, '2025-03-10T10:00:00Z');
    expect(dailyCount(before)).toBe(expected);
  });
});
