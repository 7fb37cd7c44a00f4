import { appendFileSync, existsSync, readFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildQueue, type Queue } from '../../src/schedule/queue.js';
import { stateSummary, type CardState, type Phase, type Rating } from '../../src/schedule/state.js';
import { serializeEvent, type LogEvent } from '../../src/store/events.js';
import { eachReview, foldLog, orphans, todayCounts, type LogView } from '../../src/store/fold.js';
import { readLog, reviewLogPath } from '../../src/store/log.js';
import { readLogView, snapshotPath } from '../../src/store/snapshot.js';
import { packColumn } from '../../src/store/snapshot-file.js';
import { testdir } from '../helpers/testdir.js';

const phases: Phase[] = ['new', 'learning', 'review', 'relearning'];
const arbTime = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true });
const arbState: fc.Arbitrary<CardState> = fc
  .record({
    phase: fc.constantFrom(...phases),
    due: arbTime,
    stability: fc.double({ min: 0, max: 1e5, noNaN: true, noDefaultInfinity: true }),
    difficulty: fc.double({ min: 1, max: 10, noNaN: true, noDefaultInfinity: true }),
    elapsedDays: fc.nat(400),
    scheduledDays: fc.nat(400),
    learningSteps: fc.nat(3),
    reps: fc.nat(100),
    lapses: fc.nat(20),
    lastReview: fc.option(arbTime, { nil: undefined }),
  })
  .map(({ lastReview, ...state }) => (lastReview === undefined ? state : { ...state, lastReview }));

type Step =
  | { kind: 'review'; card: string; at: Date; rating: Rating; ms: number; phaseBefore: Phase; state: CardState }
  | { kind: 'undo'; back: number }
  | { kind: 'skip'; card: string; at: Date }
  | { kind: 'practice'; card: string; at: Date };

const arbCard = fc.constantFrom('a', 'b', 'c', '页表');
const arbStep: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('review' as const), card: arbCard, at: arbTime, rating: fc.constantFrom<Rating>(1, 2, 3, 4), ms: fc.nat(60_000), phaseBefore: fc.constantFrom(...phases), state: arbState }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('undo' as const), back: fc.nat(6) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('skip' as const), card: arbCard, at: arbTime }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('practice' as const), card: arbCard, at: arbTime }) },
);

/** Events with unique ids; an undo names one of the last few reviews (any of them, before or after a snapshot). */
function toEvents(steps: Step[]): LogEvent[] {
  const reviews: string[] = [];
  return steps.map((step, index): LogEvent => {
    const id = `e${index}`;
    const at = new Date(Date.UTC(2026, 0, 1) + index * 60_000);
    switch (step.kind) {
      case 'review':
        reviews.push(id);
        return { type: 'review', id, card: step.card, at: step.at, rating: step.rating, ms: step.ms, phaseBefore: step.phaseBefore, state: step.state };
      case 'undo':
        return { type: 'undo', id, card: 'a', at, undoes: reviews[reviews.length - 1 - step.back] ?? 'never-logged' };
      case 'skip':
        return { type: 'skip', id, card: step.card, at: step.at };
      case 'practice':
        return { type: 'practice', id, card: step.card, at: step.at, rating: 3, ms: 1 };
    }
  });
}

/** A LogView as plain data, for comparing a snapshot's view with the fold of the whole log. */
function plain(view: LogView): unknown {
  const byCard = <T>(entries: Iterable<[string, T]>): [string, T][] => [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    states: byCard(view.states),
    history: byCard(view.history).map(([card, facts]) => [card, facts.map((fact) => [fact.at.getTime(), fact.rating, fact.ms, fact.phaseBefore, fact.state.scheduledDays])]),
    skips: view.skips.map((skip) => [skip.card, skip.at.getTime()]),
  };
}

/**
 * What a view's visitor gives, by card: each card's visits must come together, so a card seen
 * again after another one is marked.
 */
function visits(view: LogView): [string, unknown[]][] {
  const byCard = new Map<string, unknown[]>();
  let previous: string | undefined;
  eachReview(view, (card, at, rating, ms, phaseBefore, scheduledDays) => {
    const seen = byCard.get(card) ?? [];
    if (card !== previous && seen.length > 0) seen.push('visited again after another card');
    seen.push([at, rating, ms, phaseBefore, scheduledDays]);
    byCard.set(card, seen);
    previous = card;
  });
  return [...byCard].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The reviews in [from, to) as plain data, in a fixed order. */
function between(view: LogView, from: Date, to: Date): unknown[] {
  const reviews = view.reviewsBetween ? [...view.reviewsBetween(from, to)] : [...view.history.values()].flat().filter((fact) => fact.at >= from && fact.at < to);
  return reviews.map((fact) => [fact.at.getTime(), fact.rating, fact.ms, fact.phaseBefore, fact.state.scheduledDays]).sort();
}

/** The snapshot's header and where its columns start, to edit a column in a test. */
function snapshotLayout(dir: string): { bytes: Buffer; dataStart: number; sections: Record<string, { offset: number; count: number; type: string }> } {
  const bytes = readFileSync(snapshotPath(dir));
  const end = bytes.indexOf(0x0a);
  const header = JSON.parse(bytes.subarray(0, end).toString('utf8')) as { sections: Record<string, { offset: number; count: number; type: string }> };
  return { bytes, dataStart: end + 1, sections: header.sections };
}

const lines = (events: LogEvent[]): string => events.map((event) => `${serializeEvent(event)}\n`).join('');
const wholeFold = (dir: string): unknown => plain(foldLog(readLog(dir).events));

/** Every card the steps use, and one never answered. */
const CARDS = ['a', 'b', 'c', '页表', 'never'];

/** The day's queue of every card the steps use and one never answered, at `now`, with small limits. */
function queueAt(log: LogView, now: Date): Queue {
  return buildQueue({
    cardIds: CARDS,
    states: log.states,
    today: { newDone: 0, reviewsDone: 1, skipped: new Set(['c']) },
    now,
    limits: { newPerDay: 1, reviewsPerDay: 2 },
    dayStartsAt: 4,
  });
}

/** Appends the events to a fresh log in parts, cut at `cuts` (taken modulo the length), and checks the log after each part. */
function appendInParts(events: LogEvent[], cuts: number[], check: (dir: string) => void): void {
  const dir = testdir();
  const points = [...new Set(cuts.map((cut) => cut % (events.length + 1)))].sort((a, b) => a - b);
  let written = 0;
  for (const point of [...points, events.length]) {
    appendFileSync(reviewLogPath(dir), lines(events.slice(written, point)));
    written = point;
    check(dir);
  }
}

describe('the log snapshot is invisible', () => {
  it('a view from a snapshot plus appended lines equals the fold of the whole log, and counts a day the same', () => {
    fc.assert(
      fc.property(fc.array(arbStep, { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 3 }), arbTime, fc.nat(800), (steps, cuts, dayStart, days) => {
        appendInParts(toEvents(steps), cuts, (dir) => {
          // Today's counts from a view whose reviews were never built, then everything.
          const dayEnd = new Date(dayStart.getTime() + days * 86_400_000);
          expect(todayCounts(readLogView(dir).view, dayStart, dayEnd)).toEqual(todayCounts(foldLog(readLog(dir).events), dayStart, dayEnd));
          expect(plain(readLogView(dir).view)).toEqual(wholeFold(dir));
        });
      }),
      { numRuns: 150 },
    );
  });

  it('gives each part read on its own (a day, the visitor, the orphans) as the fold of the whole log does', () => {
    fc.assert(
      fc.property(fc.array(arbStep, { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 3 }), arbTime, fc.nat(800), (steps, cuts, dayStart, days) => {
        appendInParts(toEvents(steps), cuts, (dir) => {
          const folded = foldLog(readLog(dir).events);
          const dayEnd = new Date(dayStart.getTime() + days * 86_400_000);
          // A fresh view for each part, so that each reads only its own columns. First the summaries of
          // states, which a snapshot reads from its columns, and the queue made of them: reading a view
          // writes the snapshot anew, and the lines appended since are then in its columns.
          const summaries = readLogView(dir).view.states;
          for (const id of CARDS) expect(stateSummary(summaries, id), id).toEqual(stateSummary(folded.states, id));
          expect(queueAt(readLogView(dir).view, dayEnd)).toEqual(queueAt(folded, dayEnd));
          expect(between(readLogView(dir).view, dayStart, dayEnd)).toEqual(between(folded, dayStart, dayEnd));
          expect(visits(readLogView(dir).view)).toEqual(visits(folded));
          expect(orphans(readLogView(dir).view, new Set(['a']))).toEqual(orphans(folded, new Set(['a'])));
        });
      }),
      { numRuns: 100 },
    );
  });

  it('is written, and used, for the lines it covers', () => {
    const dir = testdir();
    const events = toEvents([{ kind: 'skip', card: 'a', at: new Date('2026-01-01T00:00:00Z') }]);
    writeFileSync(reviewLogPath(dir), lines(events));
    readLogView(dir);
    expect(existsSync(snapshotPath(dir))).toBe(true);
    // Prove the next read uses it: change what it holds (a card name of the same length), not the log.
    const bytes = readFileSync(snapshotPath(dir));
    const header = bytes.indexOf(0x0a);
    const edited = bytes.subarray(0, header).toString('utf8').replace('"cards":["a"]', '"cards":["z"]');
    writeFileSync(snapshotPath(dir), Buffer.concat([Buffer.from(edited), bytes.subarray(header)]));
    expect(readLogView(dir).view.skips.map((skip) => skip.card)).toEqual(['z']);
  });

  it('is ignored when corrupt, when the log was replaced, or rewritten before its end', () => {
    const dir = testdir();
    const at = new Date('2026-01-01T00:00:00Z');
    const first = toEvents([{ kind: 'skip', card: 'a', at }, { kind: 'skip', card: 'b', at }]);
    writeFileSync(reviewLogPath(dir), lines(first));
    readLogView(dir);
    for (const garbage of ['{', 'null', '{"version":"source","states":[1]}', '{"version":"source","counts":[0,0,2]}      \n12345678']) {
      writeFileSync(snapshotPath(dir), garbage);
      expect(plain(readLogView(dir).view)).toEqual(wholeFold(dir));
    }
    // A new log file (another inode) with other lines.
    const other = `${reviewLogPath(dir)}.new`;
    writeFileSync(other, lines(toEvents([{ kind: 'skip', card: 'c', at }])));
    renameSync(other, reviewLogPath(dir));
    expect(readLogView(dir).view.skips.map((skip) => skip.card)).toEqual(['c']);
    // The same file rewritten in place, as long as before.
    readLogView(dir);
    writeFileSync(reviewLogPath(dir), lines(toEvents([{ kind: 'skip', card: 'd', at }])));
    expect(readLogView(dir).view.skips.map((skip) => skip.card)).toEqual(['d']);
  });

  it('reports a torn last line as readLog does, and keeps it out of the snapshot', () => {
    const dir = testdir();
    const at = new Date('2026-01-01T00:00:00Z');
    writeFileSync(reviewLogPath(dir), lines(toEvents([{ kind: 'skip', card: 'a', at }])));
    readLogView(dir);
    appendFileSync(reviewLogPath(dir), '{"v":1,"type":"sk');
    const torn = readLogView(dir);
    expect(torn.warnings).toEqual(readLog(dir).warnings);
    expect(torn.warnings[0]?.line).toBe(2);
    expect(readLogView(dir).warnings).toEqual(readLog(dir).warnings);
    appendFileSync(reviewLogPath(dir), `\n${lines(toEvents([{ kind: 'skip', card: 'b', at }, { kind: 'skip', card: 'c', at }]).slice(1))}`);
    expect(plain(readLogView(dir).view)).toEqual(wholeFold(dir));
    expect(readLogView(dir).warnings).toEqual(readLog(dir).warnings);
  });

  it('reads only the columns asked for, and falls back to the whole log when one of them is unsound', () => {
    const dir = testdir();
    const at = new Date('2026-01-01T10:00:00Z');
    const state: CardState = { phase: 'review', due: at, stability: 3, difficulty: 5, elapsedDays: 1, scheduledDays: 3, learningSteps: 0, reps: 2, lapses: 0, lastReview: at };
    const review = (card: string): Step => ({ kind: 'review', card, at, rating: 3, ms: 1000, phaseBefore: 'review', state });
    writeFileSync(reviewLogPath(dir), lines(toEvents([review('a'), review('b'), { kind: 'skip', card: 'c', at }])));
    readLogView(dir);
    const { bytes, dataStart, sections } = snapshotLayout(dir);
    const rating = sections['reviews.rating'];
    expect(rating).toMatchObject({ count: 2, type: 'u8' });
    // Ratings of 9: a column no day count needs (none of its reviews is that day) and the visitor does.
    bytes.fill(9, dataStart + (rating?.offset ?? 0), dataStart + (rating?.offset ?? 0) + 2);
    writeFileSync(snapshotPath(dir), bytes);
    const nextDay = new Date('2026-01-02T10:00:00Z');
    expect(todayCounts(readLogView(dir).view, nextDay, new Date(nextDay.getTime() + 86_400_000)).reviewed).toBe(0);
    expect(readFileSync(snapshotPath(dir))).toEqual(bytes);
    expect(visits(readLogView(dir).view)).toEqual(visits(foldLog(readLog(dir).events)));
    // The fallback wrote a sound snapshot again.
    expect(readFileSync(snapshotPath(dir))).not.toEqual(bytes);
    expect(visits(readLogView(dir).view)).toEqual(visits(foldLog(readLog(dir).events)));
  });

  it('is ignored when cut short, and written again whole', () => {
    const dir = testdir();
    const at = new Date('2026-01-01T10:00:00Z');
    writeFileSync(reviewLogPath(dir), lines(toEvents([{ kind: 'skip', card: 'a', at }, { kind: 'skip', card: 'b', at }])));
    readLogView(dir);
    const whole = readFileSync(snapshotPath(dir));
    truncateSync(snapshotPath(dir), whole.length - 8);
    expect(plain(readLogView(dir).view)).toEqual(wholeFold(dir));
    expect(readFileSync(snapshotPath(dir))).toEqual(whole);
  });

  it('never reads columns from a snapshot that replaced the one it opened', () => {
    const dir = testdir();
    const at = new Date('2026-01-01T10:00:00Z');
    const state: CardState = { phase: 'learning', due: at, stability: 1, difficulty: 5, elapsedDays: 0, scheduledDays: 0, learningSteps: 1, reps: 1, lapses: 0 };
    writeFileSync(reviewLogPath(dir), lines(toEvents([{ kind: 'review', card: 'a', at, rating: 3, ms: 1000, phaseBefore: 'new', state }])));
    readLogView(dir);
    const opened = readLogView(dir).view;
    // Another run replaces the snapshot with one of the same layout that says rating 1.
    const { bytes, dataStart, sections } = snapshotLayout(dir);
    bytes[dataStart + (sections['reviews.rating']?.offset ?? 0)] = 1;
    writeFileSync(`${snapshotPath(dir)}.other`, bytes);
    renameSync(`${snapshotPath(dir)}.other`, snapshotPath(dir));
    expect(visits(opened)).toEqual([['a', [[at.getTime(), 3, 1000, 'new', 0]]]]);
  });

  it('keeps values no narrow type holds in 64-bit floats', () => {
    const dir = testdir();
    const at = new Date('2026-01-01T10:00:00Z');
    const state: CardState = { phase: 'review', due: at, stability: 0.1, difficulty: 5.5, elapsedDays: 0.5, scheduledDays: 3, learningSteps: 0, reps: 2 ** 40, lapses: 0, lastReview: at };
    writeFileSync(reviewLogPath(dir), lines(toEvents([{ kind: 'review', card: 'a', at, rating: 2, ms: Number.MAX_SAFE_INTEGER, phaseBefore: 'new', state }])));
    readLogView(dir);
    const { sections } = snapshotLayout(dir);
    expect(Object.fromEntries(['reviews.ms', 'states.stability', 'states.difficulty', 'states.elapsedDays', 'states.reps', 'reviews.rating'].map((name) => [name, sections[name]?.type]))).toEqual({
      'reviews.ms': 'f64',
      'states.stability': 'f64',
      'states.difficulty': 'f32',
      'states.elapsedDays': 'f32',
      'states.reps': 'f32',
      'reviews.rating': 'u8',
    });
    expect(plain(readLogView(dir).view)).toEqual(wholeFold(dir));
    expect(visits(readLogView(dir).view)).toEqual(visits(foldLog(readLog(dir).events)));
  });
});

describe('packColumn', () => {
  it.each([
    { values: [], type: Uint8Array },
    { values: [0, 255], type: Uint8Array },
    { values: [0, 256], type: Uint16Array },
    { values: [65_536], type: Uint32Array },
    { values: [2 ** 32 - 1], type: Uint32Array },
    { values: [2 ** 32, 0.5, -1], type: Float32Array },
    { values: [2 ** 32 + 1], type: Float64Array },
    { values: [0.1], type: Float64Array },
    { values: [1.7e12], type: Float64Array },
  ])('packs $values in the narrowest type that holds them exactly', ({ values, type }) => {
    const column = packColumn(values);
    expect(column).toBeInstanceOf(type);
    expect([...column]).toEqual(values);
  });
});
