import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CardState, Phase, Rating } from '../../src/schedule/state.js';
import { serializeEvent, type LogEvent } from '../../src/store/events.js';
import { foldLog, todayCounts, type LogView } from '../../src/store/fold.js';
import { readLog, reviewLogPath } from '../../src/store/log.js';
import { readLogView, snapshotPath } from '../../src/store/snapshot.js';
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

const lines = (events: LogEvent[]): string => events.map((event) => `${serializeEvent(event)}\n`).join('');
const wholeFold = (dir: string): unknown => plain(foldLog(readLog(dir).events));

describe('the log snapshot is invisible', () => {
  it('a view from a snapshot plus appended lines equals the fold of the whole log, and counts a day the same', () => {
    fc.assert(
      fc.property(fc.array(arbStep, { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 3 }), arbTime, fc.nat(800), (steps, cuts, dayStart, days) => {
        const dir = testdir();
        const events = toEvents(steps);
        const points = [...new Set(cuts.map((cut) => cut % (events.length + 1)))].sort((a, b) => a - b);
        let written = 0;
        for (const point of [...points, events.length]) {
          appendFileSync(reviewLogPath(dir), lines(events.slice(written, point)));
          written = point;
          // Today's counts from a view whose reviews were never built, then everything.
          const dayEnd = new Date(dayStart.getTime() + days * 86_400_000);
          expect(todayCounts(readLogView(dir).view, dayStart, dayEnd)).toEqual(todayCounts(foldLog(readLog(dir).events), dayStart, dayEnd));
          expect(plain(readLogView(dir).view)).toEqual(wholeFold(dir));
        }
      }),
      { numRuns: 150 },
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
});
