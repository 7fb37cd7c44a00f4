import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CardState, Phase, Rating } from '../../src/schedule/state.js';
import type { LogEvent } from '../../src/store/events.js';
import { applyEvent, foldLog, orphans, todayCounts } from '../../src/store/fold.js';
import { appendEvent, readLog } from '../../src/store/log.js';
import { testdir } from '../helpers/testdir.js';
import { review, sampleState, undo } from './sample.js';

const t = (iso: string): Date => new Date(iso);
const s1 = sampleState(1, 'learning');
const s2 = sampleState(3, 'review');
const s3 = sampleState(9, 'review');

describe('foldLog', () => {
  it('gives each card the state after its last review, and keeps the history', () => {
    const folded = foldLog([
      review('r1', 'a', t('2026-11-24T01:00:00Z'), s1, 3, 'new'),
      review('r2', 'b', t('2026-11-24T01:01:00Z'), s2, 4, 'new'),
      review('r3', 'a', t('2026-11-24T01:10:00Z'), s3, 3, 'learning'),
    ]);
    expect(folded.states).toEqual(new Map([['a', s3], ['b', s2]]));
    expect(folded.history.get('a')?.map((entry) => [entry.id, entry.rating, entry.phaseBefore, entry.state])).toEqual([
      ['r1', 3, 'new', s1],
      ['r3', 3, 'learning', s3],
    ]);
    expect(folded.lastReview?.id).toBe('r3');
  });

  it('applies events in log order, not by time (the clock may go backwards)', () => {
    const folded = foldLog([review('r1', 'a', t('2026-11-24T05:00:00Z'), s1), review('r2', 'a', t('2026-11-24T01:00:00Z'), s2)]);
    expect(folded.states.get('a')).toEqual(s2);
  });

  it('restores exactly the state before an undone review', () => {
    const before = [review('r1', 'a', t('2026-11-24T01:00:00Z'), s1, 3, 'new'), review('r2', 'b', t('2026-11-24T01:01:00Z'), s2)];
    const folded = foldLog([...before, review('r3', 'a', t('2026-11-24T01:10:00Z'), s3), undo('u1', 'a', t('2026-11-24T01:11:00Z'), 'r3')]);
    expect(folded.states.get('a')).toBe(s1);
    expect(folded).toEqual(foldLog(before));
  });

  it('turns a card back into a new card when its only review is undone', () => {
    const folded = foldLog([review('r1', 'a', t('2026-11-24T01:00:00Z'), s1, 3, 'new'), undo('u1', 'a', t('2026-11-24T01:01:00Z'), 'r1')]);
    expect(folded.states.has('a')).toBe(false);
    expect(folded.history.has('a')).toBe(false);
    expect(folded.lastReview).toBeUndefined();
  });

  it('undoes reviews one after another, newest first', () => {
    const folded = foldLog([
      review('r1', 'a', t('2026-11-24T01:00:00Z'), s1),
      review('r2', 'b', t('2026-11-24T01:01:00Z'), s2),
      review('r3', 'a', t('2026-11-24T01:02:00Z'), s3),
      undo('u1', 'a', t('2026-11-24T01:03:00Z'), 'r3'),
    ]);
    expect(folded.lastReview?.id).toBe('r2');
    applyEvent(folded, undo('u2', 'b', t('2026-11-24T01:04:00Z'), 'r2'));
    expect(folded.lastReview?.id).toBe('r1');
    expect([...folded.states.keys()]).toEqual(['a']);
  });

  it('ignores an undo of an unknown or already undone review', () => {
    const base = [review('r1', 'a', t('2026-11-24T01:00:00Z'), s1), review('r2', 'a', t('2026-11-24T01:01:00Z'), s2), undo('u1', 'a', t('2026-11-24T01:02:00Z'), 'r2')];
    expect(foldLog([...base, undo('u2', 'a', t('2026-11-24T01:03:00Z'), 'r2'), undo('u3', 'a', t('2026-11-24T01:03:00Z'), 'nope')])).toEqual(foldLog(base));
  });

  it('keeps skips and practice out of the schedule', () => {
    const folded = foldLog([
      { type: 'skip', id: 's1', card: 'a', at: t('2026-11-24T01:00:00Z') },
      { type: 'practice', id: 'p1', card: 'a', at: t('2026-11-24T01:01:00Z'), rating: 1, ms: 700 },
    ]);
    expect(folded.states.size).toBe(0);
    expect(folded.skips).toEqual([{ id: 's1', card: 'a', at: t('2026-11-24T01:00:00Z') }]);
    expect(folded.practice).toEqual([{ id: 'p1', card: 'a', at: t('2026-11-24T01:01:00Z'), rating: 1, ms: 700 }]);
  });

  it('gives the same fold from the log file as from the events appended to it', () => {
    const dir = testdir();
    const events: LogEvent[] = [review('r1', 'a', t('2026-11-24T01:00:00.001Z'), s1, 3, 'new'), review('r2', 'a', t('2026-11-24T01:10:00Z'), s2), undo('u1', 'a', t('2026-11-24T01:11:00Z'), 'r2')];
    const incremental = foldLog([]);
    for (const event of events) {
      appendEvent(dir, event);
      applyEvent(incremental, event);
    }
    expect(foldLog(readLog(dir).events)).toEqual(incremental);
  });
});

/** Random logs: reviews of a few cards, undos (mostly of earlier reviews), skips and practice. */
const phases: Phase[] = ['new', 'learning', 'review', 'relearning'];
const arbState = fc.record({
  phase: fc.constantFrom(...phases),
  due: fc.date({ min: t('2020-01-01T00:00:00Z'), max: t('2030-01-01T00:00:00Z'), noInvalidDate: true }),
  stability: fc.double({ min: 0, max: 1000, noNaN: true }),
  difficulty: fc.double({ min: 1, max: 10, noNaN: true }),
  elapsedDays: fc.nat(400),
  scheduledDays: fc.nat(400),
  learningSteps: fc.nat(3),
  reps: fc.nat(100),
  lapses: fc.nat(20),
}) satisfies fc.Arbitrary<CardState>;

type Step =
  | { kind: 'review'; card: string; rating: Rating; phaseBefore: Phase; state: CardState }
  | { kind: 'undo'; pick: number; card: string }
  | { kind: 'skip' | 'practice'; card: string };

const arbStep: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('review' as const), card: fc.constantFrom('a', 'b', 'c'), rating: fc.constantFrom<Rating>(1, 2, 3, 4), phaseBefore: fc.constantFrom(...phases), state: arbState }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('undo' as const), pick: fc.nat(), card: fc.constantFrom('a', 'b', 'c') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('skip' as const, 'practice' as const), card: fc.constantFrom('a', 'b', 'c') }) },
);

/** Turns steps into events; an undo names one of the reviews so far (or, when `pick` is 0, none). */
function toEvents(steps: Step[]): LogEvent[] {
  const reviewIds: string[] = [];
  return steps.map((step, index): LogEvent => {
    const id = `e${index}`;
    const at = new Date(Date.UTC(2026, 10, 24) + index * 60_000);
    switch (step.kind) {
      case 'review':
        reviewIds.push(id);
        return review(id, step.card, at, step.state, step.rating, step.phaseBefore);
      case 'undo':
        return undo(id, step.card, at, step.pick === 0 ? 'missing' : (reviewIds[step.pick % reviewIds.length] ?? 'missing'));
      case 'skip':
        return { type: 'skip', id, card: step.card, at };
      case 'practice':
        return { type: 'practice', id, card: step.card, at, rating: 3, ms: 100 };
    }
  });
}

/** The undo rule, stated naively: a card's state is the state of its last review not undone. */
function modelStates(events: LogEvent[]): Map<string, CardState> {
  const undone = new Set(events.flatMap((event) => (event.type === 'undo' ? [event.undoes] : [])));
  const states = new Map<string, CardState>();
  for (const event of events) {
    if (event.type === 'review' && !undone.has(event.id)) {
      states.delete(event.card);
      states.set(event.card, event.state);
    }
  }
  return states;
}

describe('foldLog properties', () => {
  it('folding a prefix and then applying the rest equals folding everything', () => {
    fc.assert(
      fc.property(fc.array(arbStep, { maxLength: 40 }), fc.nat(), (steps, cut) => {
        const events = toEvents(steps);
        const split = events.length === 0 ? 0 : cut % (events.length + 1);
        const incremental = foldLog(events.slice(0, split));
        for (const event of events.slice(split)) {
          applyEvent(incremental, event);
        }
        expect(incremental).toEqual(foldLog(events));
      }),
      { numRuns: 300 },
    );
  });

  it('each card has the state of its last review not undone (undos name earlier reviews)', () => {
    fc.assert(
      fc.property(fc.array(arbStep, { maxLength: 40 }), (steps) => {
        const events = toEvents(steps);
        const folded = foldLog(events);
        const expected = modelStates(events);
        expect(folded.states).toEqual(expected);
        const effective = events.filter((event) => event.type === 'review' && !events.some((other) => other.type === 'undo' && other.undoes === event.id));
        expect([...folded.reviews.keys()]).toEqual(effective.map((event) => event.id));
        expect(folded.lastReview?.id).toBe(effective.at(-1)?.id);
      }),
      { numRuns: 300 },
    );
  });

  it('a review followed by its undo leaves the fold as it was', () => {
    fc.assert(
      fc.property(fc.array(arbStep, { maxLength: 30 }), arbState, fc.constantFrom('a', 'b', 'd'), (steps, state, card) => {
        const events = toEvents(steps);
        const at = new Date(Date.UTC(2027, 0, 1));
        expect(foldLog([...events, review('extra', card, at, state), undo('extra-undo', card, at, 'extra')])).toEqual(foldLog(events));
      }),
      { numRuns: 300 },
    );
  });
});

describe('todayCounts', () => {
  const dayStart = t('2026-11-23T20:00:00Z');
  const nextDayStart = t('2026-11-24T20:00:00Z');
  const folded = foldLog([
    review('old', 'z', t('2026-11-23T19:59:59.999Z'), s2, 1, 'review', 1000),
    review('n1', 'a', dayStart, s1, 3, 'new', 100),
    review('l1', 'a', t('2026-11-24T01:00:00Z'), s1, 1, 'learning', 200),
    review('n2', 'b', t('2026-11-24T02:00:00Z'), s1, 3, 'new', 300),
    review('v1', 'c', t('2026-11-24T03:00:00Z'), s2, 1, 'review', 400),
    review('v2', 'd', t('2026-11-24T04:00:00Z'), s2, 3, 'review', 500),
    review('x1', 'e', t('2026-11-24T05:00:00Z'), s2, 2, 'relearning', 600),
    undo('u1', 'd', t('2026-11-24T04:01:00Z'), 'v2'),
    review('late', 'f', nextDayStart, s1, 3, 'new', 700),
    { type: 'skip', id: 'k1', card: 'g', at: t('2026-11-24T06:00:00Z') },
    { type: 'skip', id: 'k0', card: 'h', at: t('2026-11-23T06:00:00Z') },
    { type: 'practice', id: 'p1', card: 'a', at: t('2026-11-24T07:00:00Z'), rating: 1, ms: 800 },
  ]);

  it('counts effective reviews in [dayStart, nextDayStart): new and review phases against the limits', () => {
    expect(todayCounts(folded, dayStart, nextDayStart)).toEqual({
      newDone: 2,
      reviewsDone: 1,
      reviewed: 5,
      again: 2,
      ms: 100 + 200 + 300 + 400 + 600,
      skipped: new Set(['g']),
    });
  });

  it('counts nothing on a day without events', () => {
    expect(todayCounts(folded, t('2026-12-01T20:00:00Z'), t('2026-12-02T20:00:00Z'))).toEqual({ newDone: 0, reviewsDone: 0, reviewed: 0, again: 0, ms: 0, skipped: new Set() });
  });
});

describe('orphans', () => {
  it('lists cards with history but no card in the notes, keeping their history', () => {
    const folded = foldLog([
      review('r1', 'gone', t('2026-11-24T01:00:00Z'), s1),
      review('r2', 'kept', t('2026-11-24T01:00:00Z'), s1),
      review('r3', 'also-gone', t('2026-11-24T01:00:00Z'), s1),
      review('r4', 'undone', t('2026-11-24T01:00:00Z'), s1),
      undo('u1', 'undone', t('2026-11-24T01:00:00Z'), 'r4'),
    ]);
    expect(orphans(folded, new Set(['kept']))).toEqual(['also-gone', 'gone']);
    expect(folded.history.get('gone')).toHaveLength(1);
  });
});
