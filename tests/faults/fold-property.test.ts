// Property tests for the log fold through the file (tests/store/fold.test.ts covers folding in
// memory: prefix then rest, the undo rule). Here: any sequence of reviews, undos (of reviews,
// of other events, of unknown ids), skips and practice, written in any time zone and read back,
// folds to the same state, whole or as a prefix read from disk plus the rest applied.
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CardState, Phase, Rating } from '../../src/schedule/state.js';
import { parseEvent, serializeEvent, type LogEvent } from '../../src/store/events.js';
import { applyEvent, foldLog } from '../../src/store/fold.js';
import { appendEvent, readLog, reviewLogPath } from '../../src/store/log.js';
import { testdir } from '../helpers/testdir.js';
import { inZone } from './support.js';

const zones = [
  'UTC',
  'Asia/Shanghai',
  'America/New_York',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'America/St_Johns',
  'Pacific/Chatham',
  'Australia/Lord_Howe',
  // Offsets in seconds before 1972 (-00:44:30) and 1937 (+00:19:32): not whole minutes.
  'Africa/Monrovia',
  'Europe/Amsterdam',
] as const;

const phases: Phase[] = ['new', 'learning', 'review', 'relearning'];
const cards = ['sql/what-is-an-index', 'os/页表', 'quote"back\\slash', 'emoji-🎉', 'a'];

const arbTime = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true });

const arbState: fc.Arbitrary<CardState> = fc
  .record({
    phase: fc.constantFrom(...phases),
    due: arbTime,
    stability: fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }),
    difficulty: fc.double({ min: 0, max: 10, noNaN: true, noDefaultInfinity: true }),
    elapsedDays: fc.oneof(fc.nat(40_000), fc.double({ min: 0, max: 40_000, noNaN: true, noDefaultInfinity: true })),
    scheduledDays: fc.nat(36_500),
    learningSteps: fc.nat(5),
    reps: fc.nat(10_000),
    lapses: fc.nat(1000),
    lastReview: fc.option(arbTime, { nil: undefined }),
  })
  .map(({ lastReview, ...state }) => (lastReview === undefined ? state : { ...state, lastReview }));

type Step =
  | { kind: 'review'; card: string; at: Date; rating: Rating; ms: number; phaseBefore: Phase; state: CardState }
  | { kind: 'undo'; card: string; at: Date; target: 'review' | 'any' | 'unknown'; pick: number }
  | { kind: 'skip'; card: string; at: Date }
  | { kind: 'practice'; card: string; at: Date; rating: Rating; ms: number };

const arbCard = fc.constantFrom(...cards);
const arbRating = fc.constantFrom<Rating>(1, 2, 3, 4);
const arbStep: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('review' as const), card: arbCard, at: arbTime, rating: arbRating, ms: fc.maxSafeNat(), phaseBefore: fc.constantFrom(...phases), state: arbState }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('undo' as const), card: arbCard, at: arbTime, target: fc.constantFrom('review' as const, 'any' as const, 'unknown' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('skip' as const), card: arbCard, at: arbTime }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('practice' as const), card: arbCard, at: arbTime, rating: arbRating, ms: fc.maxSafeNat() }) },
);

/** Events with unique ids; an undo names an earlier review, any earlier event, or an id never logged. */
function toEvents(steps: Step[], prefix: string): LogEvent[] {
  const all: string[] = [];
  const reviewIds: string[] = [];
  return steps.map((step, index): LogEvent => {
    const id = `${prefix}${index.toString(36)}-${(index * 2_654_435_761 >>> 0).toString(16)}`;
    all.push(id);
    switch (step.kind) {
      case 'review':
        reviewIds.push(id);
        return { type: 'review', id, card: step.card, at: step.at, rating: step.rating, ms: step.ms, phaseBefore: step.phaseBefore, state: step.state };
      case 'undo': {
        const pool = step.target === 'review' ? reviewIds : step.target === 'any' ? all.slice(0, -1) : [];
        return { type: 'undo', id, card: step.card, at: step.at, undoes: pool[step.pick % Math.max(1, pool.length)] ?? `never-logged-${step.pick}` };
      }
      case 'skip':
        return { type: 'skip', id, card: step.card, at: step.at };
      case 'practice':
        return { type: 'practice', id, card: step.card, at: step.at, rating: step.rating, ms: step.ms };
    }
  });
}

const arbLog = fc.record({ steps: fc.array(arbStep, { maxLength: 40 }), prefix: fc.stringMatching(/^[a-z0-9]{1,8}$/u), written: fc.constantFrom(...zones), read: fc.constantFrom(...zones), cut: fc.nat() });

describe('the log fold, through the file', () => {
  it('serialising and parsing each event gives it back, in any time zone', () => {
    fc.assert(
      fc.property(arbLog, ({ steps, prefix, written }) => {
        const events = toEvents(steps, prefix);
        const lines = inZone(written, () => events.map(serializeEvent));
        for (const line of lines) expect(line).not.toContain('\n');
        expect(lines.map(parseEvent)).toEqual(events);
      }),
      { numRuns: 300 },
    );
  });

  it('the log written in one zone and read in another folds as the events do, whole or as a prefix read from disk plus the rest applied', () => {
    const dir = testdir();
    fc.assert(
      fc.property(arbLog, ({ steps, prefix, written, read, cut }) => {
        const events = toEvents(steps, prefix);
        const split = cut % (events.length + 1);
        const lines = inZone(written, () => events.map(serializeEvent));
        const expected = foldLog(events);

        writeFileSync(reviewLogPath(dir), `${lines.join('\n')}\n`);
        const whole = inZone(read, () => readLog(dir));
        expect(whole.warnings).toEqual([]);
        expect(whole.events).toEqual(events);
        expect(foldLog(whole.events)).toEqual(expected);

        writeFileSync(reviewLogPath(dir), lines.slice(0, split).map((line) => `${line}\n`).join(''));
        const folded = foldLog(inZone(read, () => readLog(dir)).events);
        for (const event of events.slice(split)) applyEvent(folded, event);
        expect(folded).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('appending each event with appendEvent and reading the log back folds the same as applying each one', () => {
    fc.assert(
      fc.property(arbLog, ({ steps, prefix, written }) => {
        const dir = testdir();
        const events = toEvents(steps.slice(0, 15), prefix);
        const incremental = foldLog([]);
        inZone(written, () => {
          for (const event of events) {
            appendEvent(dir, event);
            applyEvent(incremental, event);
          }
        });
        const { events: read, warnings } = readLog(dir);
        expect(warnings).toEqual([]);
        expect(foldLog(read)).toEqual(incremental);
      }),
      { numRuns: 40 },
    );
  });
});
