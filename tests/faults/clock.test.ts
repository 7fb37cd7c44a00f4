// The clock: the time zone changed between sessions, daylight-saving jumps, and the clock going
// backwards. No crash, no negative interval in any state written, and prep due / prep stats work.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run as runQuiz } from '../../src/commands/quiz.js';
import type { AnswerAction, QuestionAction, QuizPrompts, WaitAction } from '../../src/prompts.js';
import type { Rating } from '../../src/schedule/state.js';
import type { ReviewEvent } from '../../src/store/events.js';
import { foldLog } from '../../src/store/fold.js';
import { readLog } from '../../src/store/log.js';
import { terminalContext } from '../helpers/context.js';
import { runPrep } from '../helpers/io.js';
import { testdir } from '../helpers/testdir.js';
import { deck, expectRebuildsAgree, expectReplayMatches, expectSaneState, inZoneAsync, root, runBin } from './support.js';

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'cli.js'))) {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit', timeout: 120_000 });
  }
}, 130_000);

/** Prompts that reveal every card, grade with `ratings` in turn, show waiting cards at once, and quit after the last rating. */
function autoPrompts(ratings: readonly Rating[]): QuizPrompts & { answered: number } {
  let next = 0;
  const prompts = {
    answered: 0,
    question: async (): Promise<QuestionAction> => (next < ratings.length ? 'reveal' : 'quit'),
    answer: async (): Promise<AnswerAction> => {
      const rating = ratings[next++];
      if (rating === undefined) return 'quit';
      prompts.answered++;
      return rating;
    },
    wait: async (): Promise<WaitAction> => (next < ratings.length ? 'now' : 'quit'),
  };
  return prompts;
}

interface Place {
  home: string;
  notes: string;
}

function place(): Place {
  const dir = testdir({ 'notes/faults.md': deck, 'home/': '' });
  return { home: join(dir, 'home'), notes: join(dir, 'notes') };
}

/** A `prep quiz` session in `zone` at `now` (a PREP_NOW), grading with `ratings`; returns how many answers were logged. */
async function session(where: Place, zone: string, now: string, ratings: readonly Rating[]): Promise<number> {
  return inZoneAsync(zone, async () => {
    const prompts = autoPrompts(ratings);
    const ctx = terminalContext(where, now);
    const { stdout, stderr } = ctx;
    const code = await runQuiz({ query: [], cram: false }, ctx, prompts);
    expect(code, stdout.text + stderr.text).toBe(0);
    expect(stderr.text).toBe('');
    return prompts.answered;
  });
}

/** Every state in the log sane; the log rebuilds to the same fold; prep due and prep stats --json work in `zone` at `now`. */
async function expectHealthy(where: Place, zone: string, now: string): Promise<void> {
  const { events, warnings } = readLog(where.home);
  expect(warnings).toEqual([]);
  for (const event of events) if (event.type === 'review') expectSaneState(event.state, `${event.id} at ${event.at.toISOString()}`);
  for (const state of foldLog(events).states.values()) expectSaneState(state, 'folded');
  expectRebuildsAgree(events);
  // As a user in `zone` would run them: real processes with TZ set.
  const env = { PREP_HOME: where.home, PREP_NOW: now, PREP_FUZZ: '0', TZ: zone };
  const commands = [['due', '--json'], ['stats', '--json'], ['due'], ['stats']];
  const runs = await Promise.all(commands.map((args) => runBin(['--content', where.notes, ...args], env)));
  runs.forEach((run, index) => {
    expect(run.code, `prep ${commands[index]?.join(' ')} in ${zone} at ${now}: ${run.stderr}`).toBe(0);
    expect(run.stderr).toBe('');
  });
  expect(() => JSON.parse(runs[0]?.stdout ?? '') as unknown).not.toThrow();
  const negative = numbersIn(JSON.parse(runs[1]?.stdout ?? '') as unknown).filter(([, value]) => value < 0 || !Number.isFinite(value));
  expect(negative, 'no negative figure in prep stats --json').toEqual([]);
}

/** Every number in a JSON value, with its path. */
function numbersIn(value: unknown, path = ''): [string, number][] {
  if (typeof value === 'number') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, index) => numbersIn(item, `${path}[${index}]`));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, item]) => numbersIn(item, `${path}.${key}`));
  return [];
}

const reviews = (where: Place): ReviewEvent[] => readLog(where.home).events.filter((event): event is ReviewEvent => event.type === 'review');

describe('the time zone changed between sessions', () => {
  it('Shanghai, then New York (the same instant a local day earlier), then Shanghai again', async () => {
    const where = place();
    // 08:00 on 3 March in Shanghai is 19:00 on 2 March in New York: the user-day goes back one.
    expect(await session(where, 'Asia/Shanghai', '2026-03-03T08:00:00+08:00', [3, 3, 4, 1, 2, 3])).toBe(6);
    expect(await session(where, 'America/New_York', '2026-03-02T19:30:00-05:00', [3, 3, 1, 4, 2, 3])).toBe(6);
    await expectHealthy(where, 'America/New_York', '2026-03-02T20:00:00-05:00');
    expect(await session(where, 'Asia/Shanghai', '2026-03-04T21:00:00+08:00', [3, 3, 3, 3])).toBeGreaterThan(0);
    await expectHealthy(where, 'Asia/Shanghai', '2026-03-05T09:00:00+08:00');
    // Each session graded on what the log said, in its own zone: the states are a replay of the log.
    const events = readLog(where.home).events;
    expectReplayMatches(events.slice(0, 6), 'Asia/Shanghai', 'Shanghai session');
  });

  it('New York, then Shanghai (a local day later within the hour), then New York', async () => {
    const where = place();
    expect(await session(where, 'America/New_York', '2026-03-02T10:30:00-05:00', [3, 3, 3, 3, 3, 3])).toBe(6);
    expect(await session(where, 'Asia/Shanghai', '2026-03-03T00:10:00+08:00', [3, 3, 3, 2, 1, 3])).toBe(6);
    expect(await session(where, 'America/New_York', '2026-03-02T11:40:00-05:00', [3, 3, 3])).toBeGreaterThan(0);
    await expectHealthy(where, 'America/New_York', '2026-03-03T09:00:00-05:00');
    await expectHealthy(where, 'Asia/Shanghai', '2026-03-03T09:00:00+08:00');
  });
});

describe('daylight-saving jumps (America/New_York)', () => {
  const zone = 'America/New_York';

  it('spring forward, 2025-03-09 02:00 → 03:00: sessions either side, with the day starting at 02:00 (a time that does not exist that day)', async () => {
    for (const dayStartsAt of ['4', '2']) {
      const where = place();
      expect((await runPrep(['config', 'set', 'dayStartsAt', dayStartsAt], { PREP_HOME: where.home })).code).toBe(0);
      expect(await session(where, zone, '2025-03-08T23:50:00-05:00', [3, 3, 3, 2, 1, 4])).toBe(6);
      expect(await session(where, zone, '2025-03-09T01:55:00-05:00', [3, 3, 3, 3])).toBeGreaterThan(0);
      expect(await session(where, zone, '2025-03-09T03:05:00-04:00', [3, 1, 3, 3])).toBeGreaterThan(0);
      await expectHealthy(where, zone, '2025-03-09T03:30:00-04:00');
      expect(await session(where, zone, '2025-03-10T09:00:00-04:00', [3, 3, 3, 3, 3, 3])).toBeGreaterThan(0);
      await expectHealthy(where, zone, '2025-03-12T09:00:00-04:00');
      // A card made a review across the jump keeps whole days: due on a later day, never before its review.
      for (const event of reviews(where)) {
        if (event.state.phase === 'review') expect(event.state.scheduledDays).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it('fall back, 2025-11-02 01:00 happens twice: a session in the second 01:xx, wall-clock earlier than the first', async () => {
    for (const dayStartsAt of ['4', '1']) {
      const where = place();
      expect((await runPrep(['config', 'set', 'dayStartsAt', dayStartsAt], { PREP_HOME: where.home })).code).toBe(0);
      expect(await session(where, zone, '2025-11-02T00:50:00-04:00', [3, 3, 3, 2, 1, 4])).toBe(6);
      expect(await session(where, zone, '2025-11-02T01:40:00-04:00', [3, 3, 3])).toBeGreaterThan(0);
      // An hour later in real time, but 01:10 on the clock: before the last answer's 01:40.
      expect(await session(where, zone, '2025-11-02T01:10:00-05:00', [1, 3, 3, 3])).toBeGreaterThan(0);
      await expectHealthy(where, zone, '2025-11-02T01:30:00-05:00');
      expect(await session(where, zone, '2025-11-03T09:00:00-05:00', [3, 3, 3, 3, 3, 3])).toBeGreaterThan(0);
      await expectHealthy(where, zone, '2025-11-05T09:00:00-05:00');
    }
  });
});

describe('the clock going backwards', () => {
  it('answers logged "before" the last ones: days earlier, then minutes before the same cards\' last answers', async () => {
    const where = place();
    const zone = 'Asia/Shanghai';
    expect(await session(where, zone, '2026-03-10T09:00:00+08:00', [3, 1, 4])).toBe(3);
    const first = reviews(where);
    // Three days back: the three new cards are due, and graded "before" everything in the log.
    expect(await session(where, zone, '2026-03-07T09:00:00+08:00', [3, 1, 2])).toBe(3);
    // Five minutes before those answers: their learning steps (due 09:01 to 09:10) are shown and graded again.
    expect(await session(where, zone, '2026-03-07T08:55:00+08:00', [3, 3, 1, 4])).toBeGreaterThanOrEqual(3);
    const all = reviews(where);
    const last = first.at(-1)?.at.getTime() ?? 0;
    expect(all.slice(first.length).every((event) => event.at.getTime() < last)).toBe(true);
    const earlierThanPrevious = all.slice(first.length + 3).filter((event) => {
      const previous = all.slice(0, all.indexOf(event)).filter((other) => other.card === event.card).at(-1);
      return previous !== undefined && previous.at.getTime() > event.at.getTime();
    });
    expect(earlierThanPrevious.length, 'cards graded again at a time before their previous answer').toBeGreaterThanOrEqual(2);
    await expectHealthy(where, zone, '2026-03-07T08:58:00+08:00');
    // prep due and stats at a time before every answer in the log, and after them.
    await expectHealthy(where, zone, '2026-03-01T09:00:00+08:00');
    await expectHealthy(where, zone, '2026-04-01T09:00:00+08:00');
  });

  it('a whole session ten minutes before the last one, across a time zone change', async () => {
    const where = place();
    expect(await session(where, 'America/New_York', '2026-03-10T09:00:00-04:00', [1, 1, 2, 3, 1, 1])).toBe(6);
    // Shanghai, ten minutes earlier in real time: every learning step is due within 20 minutes.
    expect(await session(where, 'Asia/Shanghai', '2026-03-10T20:50:00+08:00', [3, 3, 3, 3, 3, 3, 4, 4])).toBeGreaterThanOrEqual(6);
    await expectHealthy(where, 'Asia/Shanghai', '2026-03-10T21:00:00+08:00');
    await expectHealthy(where, 'America/New_York', '2026-03-11T10:00:00-04:00');
  });
});
