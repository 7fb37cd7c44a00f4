import { createEmptyCard, default_w, fsrs, generatorParameters, Rating as FsrsRating } from 'ts-fsrs';
import { expect, it } from 'vitest';
import { dayKey, daysBetween } from '../../src/schedule/day.js';
import { createScheduler } from '../../src/schedule/scheduler.js';
import { summaryOf, type CardState, type Rating } from '../../src/schedule/state.js';
import { describeInZone, zones } from './zones.js';

const at = (iso: string): Date => new Date(iso);
const minutes = (n: number): number => n * 60_000;
const days = (n: number): number => n * 86_400_000;
const again: Rating = 1;
const hard: Rating = 2;
const good: Rating = 3;
const easy: Rating = 4;

/** Grades a card through `answers`, each at its own time; returns every state. */
function walk(answers: [Rating, string][], scheduler = createScheduler({ fuzz: false })): CardState[] {
  const states: CardState[] = [];
  for (const [rating, time] of answers) states.push(scheduler.grade(states.at(-1), rating, at(time)));
  return states;
}

/** Retrievability after t days at stability s, as FSRS-6 defines it: 90% when t = s. */
function forgettingCurve(t: number, s: number): number {
  const decay = default_w[20] ?? 0;
  const factor = 0.9 ** (-1 / decay) - 1;
  return (1 + (factor * t) / s) ** -decay;
}

for (const zone of zones) {
  describeInZone(zone, () => {
    const scheduler = createScheduler({ fuzz: false });
    const t0 = at('2025-01-15T10:00:00Z');

    it('previews a new card: steps 1m and 10m, Hard halfway, Easy graduates to S0(Easy) days', () => {
      const preview = scheduler.preview(undefined, t0);
      // Hard is the mean of the first two steps, round((1 + 10) / 2) = 6 minutes.
      expect([1, 2, 3, 4].map((r) => preview[r as Rating].interval)).toEqual(['1m', '6m', '10m', '8d']);
      // At retention 0.9 an FSRS interval is the stability itself: w[3] = 8.2956 → 8 days.
      expect(preview[easy].state.stability).toBe(default_w[3]);
      expect(preview[easy].state.scheduledDays).toBe(Math.round(default_w[3] ?? 0));
      expect(preview[easy].state.phase).toBe('review');
      expect(preview[easy].state.due.getTime()).toBe(t0.getTime() + days(8));
      expect(preview[again].state).toMatchObject({ phase: 'learning', learningSteps: 0 });
      expect(preview[again].state.due.getTime()).toBe(t0.getTime() + minutes(1));
      expect(preview[hard].state.due.getTime()).toBe(t0.getTime() + minutes(6));
      expect(preview[good].state).toMatchObject({ phase: 'learning', learningSteps: 1 });
      expect(preview[good].state.due.getTime()).toBe(t0.getTime() + minutes(10));
    });

    it('grades the same as it previews', () => {
      for (const rating of [again, hard, good, easy]) {
        expect(scheduler.grade(undefined, rating, t0)).toEqual(scheduler.preview(undefined, t0)[rating].state);
      }
    });

    it('walks a new card through its learning steps to day intervals', () => {
      const [first, second, third] = walk([
        [again, '2025-01-15T10:00:00Z'],
        [good, '2025-01-15T10:01:00Z'],
        [good, '2025-01-15T10:11:00Z'],
      ]);
      expect(first).toMatchObject({ phase: 'learning', learningSteps: 0, reps: 1, lapses: 0 });
      expect(first?.due.toISOString()).toBe('2025-01-15T10:01:00.000Z');
      expect(second).toMatchObject({ phase: 'learning', learningSteps: 1, reps: 2 });
      expect(second?.due.toISOString()).toBe('2025-01-15T10:11:00.000Z');
      // Graduates: interval = max(1, round(stability)) at retention 0.9; after an Again the
      // stability is still below half a day, so 1 day.
      expect(third).toMatchObject({ phase: 'review', learningSteps: 0, reps: 3, elapsedDays: 0 });
      expect(third?.stability).toBeLessThan(0.5);
      expect(third?.scheduledDays).toBe(1);
      expect(third?.due.toISOString()).toBe('2025-01-16T10:11:00.000Z');
      expect(third?.lastReview?.toISOString()).toBe('2025-01-15T10:11:00.000Z');
    });

    it('sends a lapsed review card to a 10m relearning step, then back to days', () => {
      const [, review, lapsed, relearned] = walk([
        [good, '2025-01-15T10:00:00Z'],
        [good, '2025-01-15T10:10:00Z'],
        [again, '2025-01-17T10:10:00Z'],
        [good, '2025-01-17T10:20:00Z'],
      ]);
      expect(review?.phase).toBe('review');
      expect(lapsed).toMatchObject({ phase: 'relearning', lapses: 1, scheduledDays: 0, elapsedDays: 2 });
      expect(lapsed?.due.toISOString()).toBe('2025-01-17T10:20:00.000Z');
      expect(lapsed?.stability).toBeLessThan(review?.stability ?? 0);
      expect(relearned).toMatchObject({ phase: 'review', lapses: 1 });
      expect(relearned?.scheduledDays).toBeGreaterThanOrEqual(1);
      expect(scheduler.preview(lapsed, at('2025-01-17T10:20:00Z'))[hard].interval).toBe('15m'); // 1.5 × the only step
    });

    it('graduates Good, Good to S0(Good) = w[2] days', () => {
      const [, review] = walk([
        [good, '2025-01-15T10:00:00Z'],
        [good, '2025-01-15T10:10:00Z'],
      ]);
      // Same-day growth is max(1, S^-w19 · e^(w17·w18)) for Hard or better, and the second
      // factor is below 1 at S = w[2] = 2.3065: the stability stays, so 2 days.
      expect(review?.stability).toBeCloseTo(default_w[2] ?? 0, 8);
      expect(review).toMatchObject({ phase: 'review', scheduledDays: 2 });
      expect(review?.due.toISOString()).toBe('2025-01-17T10:10:00.000Z');
    });

    it('never goes negative when the clock went backwards', () => {
      const [, review] = walk([
        [good, '2025-01-15T10:00:00Z'],
        [good, '2025-01-15T10:10:00Z'],
      ]);
      if (!review) throw new Error('no state');
      const earlier = at('2025-01-14T09:00:00Z');
      const preview = scheduler.preview(review, earlier);
      for (const rating of [again, hard, good, easy]) {
        const { state, interval } = preview[rating];
        expect(state.elapsedDays).toBe(0);
        expect(state.due.getTime()).toBeGreaterThan(earlier.getTime());
        expect(interval).not.toMatch(/-/);
      }
      // Elapsed 0: the same outcome as answering right after the last review.
      const sameDay = scheduler.grade(review, good, at('2025-01-15T10:10:00Z'));
      expect(preview[good].state.stability).toBe(sameDay.stability);
      expect(scheduler.retrievability(summaryOf(review), earlier)).toBe(1);
    });

    it('computes retrievability with elapsed user-days', () => {
      const card = scheduler.grade(undefined, easy, t0);
      expect(scheduler.retrievability(summaryOf(card), at('2025-01-15T12:00:00Z'))).toBe(1);
      expect(scheduler.retrievability(summaryOf(card), at('2025-01-18T10:00:00Z'))).toBeCloseTo(forgettingCurve(3, card.stability), 7);
      expect(forgettingCurve(card.stability, card.stability)).toBeCloseTo(0.9, 12);
      expect(scheduler.retrievability(summaryOf(scheduler.grade(undefined, again, t0)), t0)).toBe(1);
    });

    it('rejects invalid options', () => {
      expect(() => createScheduler({ retention: 1.2 })).toThrow(RangeError);
      expect(() => createScheduler({ dayStartsAt: 24 })).toThrow('whole hour');
    });
  });
}

describeInZone('Asia/Shanghai', () => {
  const scheduler = createScheduler({ fuzz: false, dayStartsAt: 4 });

  it.each([
    // Same user-day (both after 04:00 on 03-10 or before 04:00 on 03-11), whatever UTC says.
    ['2025-03-10T23:00:00+08:00', '2025-03-11T01:00:00+08:00', 0, 0],
    ['2025-03-10T23:00:00+08:00', '2025-03-11T05:00:00+08:00', 1, 0],
    ['2025-03-10T07:00:00+08:00', '2025-03-10T09:00:00+08:00', 0, 1],
    ['2025-03-10T02:00:00+08:00', '2025-03-10T05:00:00+08:00', 1, 0],
  ])('a review at %s then at %s sees %i elapsed days (UTC days: %i)', (first, second, expected, utcDays) => {
    const state = scheduler.grade(undefined, good, at(first));
    expect(scheduler.grade(state, good, at(second)).elapsedDays).toBe(expected);
    expect(daysBetween(at(first), at(second), 4)).toBe(expected);
    // Control: ts-fsrs on the real instants counts UTC days, which differ here.
    const raw = fsrs(generatorParameters({ enable_fuzz: false }));
    const rawCard = raw.next(createEmptyCard(at(first)), at(first), FsrsRating.Good).card;
    expect(raw.next(rawCard, at(second), FsrsRating.Good).card.elapsed_days).toBe(utcDays);
  });

  it('counts retrievability in user-days', () => {
    const card = scheduler.grade(undefined, easy, at('2025-03-10T23:00:00+08:00'));
    expect(scheduler.retrievability(summaryOf(card), at('2025-03-11T03:59:00+08:00'))).toBe(1);
    expect(scheduler.retrievability(summaryOf(card), at('2025-03-11T05:00:00+08:00'))).toBeCloseTo(forgettingCurve(1, card.stability), 7);
  });
});

describeInZone('America/New_York', () => {
  const scheduler = createScheduler({ fuzz: false, dayStartsAt: 4 });

  it('keeps the wall-clock time of a day interval across the DST change', () => {
    // Easy on a new card: 8 days, from EST into EDT, so 8 days minus an hour of real time.
    const card = scheduler.grade(undefined, easy, at('2025-03-05T20:00:00-05:00'));
    expect(card.scheduledDays).toBe(8);
    expect(card.due.toISOString()).toBe(at('2025-03-13T20:00:00-04:00').toISOString());
  });

  it('keeps a due before the day start on the right user-day across the DST change', () => {
    // 03:30 EST on 03-07 is user-day 03-06; two days later is user-day 03-08, i.e. 03:30 EDT
    // on 03-09. Adding 48 real hours would give 04:30 EDT, a day late.
    const [, review] = walk(
      [
        [good, '2025-03-07T03:20:00-05:00'],
        [good, '2025-03-07T03:30:00-05:00'],
      ],
      scheduler,
    );
    expect(review?.scheduledDays).toBe(2);
    expect(review?.due.toISOString()).toBe(at('2025-03-09T03:30:00-04:00').toISOString());
    expect(dayKey(review?.due ?? new Date(0), 4)).toBe('2025-03-08');
  });

  it('labels a one-day interval 1d although the day has 23 hours', () => {
    const [, lapsed] = walk(
      [
        [easy, '2025-02-28T22:00:00-05:00'],
        [again, '2025-03-08T22:00:00-05:00'],
      ],
      scheduler,
    );
    const now = at('2025-03-08T22:10:00-05:00');
    const { state, interval } = scheduler.preview(lapsed, now)[good];
    expect(state.scheduledDays).toBe(1);
    expect(state.due.toISOString()).toBe(at('2025-03-09T22:10:00-04:00').toISOString());
    expect(state.due.getTime() - now.getTime()).toBe(days(1) - minutes(60));
    expect(interval).toBe('1d');
  });

  it('keeps a learning step its exact length across the DST change', () => {
    // 01:55 EDT + 10 minutes is 01:05 EST: the wall clock goes back, the step does not.
    const card = scheduler.grade(undefined, good, at('2025-11-02T01:55:00-04:00'));
    expect(card.due.toISOString()).toBe(at('2025-11-02T01:05:00-05:00').toISOString());
    expect(scheduler.preview(undefined, at('2025-11-02T01:55:00-04:00'))[good].interval).toBe('10m');
  });
});
