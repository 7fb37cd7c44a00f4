process.env.TZ = 'Asia/Shanghai';

import { appendFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Card } from '../../src/notes/card.js';
import { displayWidth } from '../../src/render/width.js';
import { appendEvent, reviewLogPath } from '../../src/store/log.js';
import type { Stats } from '../../src/stats/types.js';
import { runPrep } from '../helpers/io.js';
import { testdir } from '../helpers/testdir.js';
import { simulateDrills } from './drill.js';

// Four evening drills, Friday 20 to Monday 23 November 2026, then the clock on Tuesday morning.
const NOW = '2026-11-24T09:00:00+08:00';
const drillDays = ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23'].map((day) => new Date(`${day}T20:00:00+08:00`));

/** A data directory whose log holds the simulated drills over the bundled notes (answers all Good). */
async function drilledHome(): Promise<{ env: NodeJS.ProcessEnv; answers: number; introduced: number }> {
  const home = testdir();
  const shown = await runPrep(['show', '--json'], { PREP_HOME: home });
  const ids = (JSON.parse(shown.stdout) as Card[]).map((card) => card.id);
  const events = simulateDrills(ids, drillDays, () => 3);
  for (const event of events) appendEvent(home, event);
  return { env: { PREP_HOME: home, PREP_NOW: NOW }, answers: events.length, introduced: new Set(events.map((event) => event.card)).size };
}

async function statsJson(args: string[], env: NodeJS.ProcessEnv): Promise<Stats> {
  const run = await runPrep(['stats', '--json', ...args], env);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Stats;
}

it('runs in Asia/Shanghai', () => {
  expect(new Date('2026-01-15T12:00:00Z').getTimezoneOffset()).toBe(-480);
});

describe('prep stats on the bundled notes', () => {
  it('prints the figures as JSON', async () => {
    const { env, answers, introduced } = await drilledHome();
    const stats = await statsJson([], env);
    expect(stats.generatedAt).toBe('2026-11-24T09:00:00.000+08:00');
    expect(stats.day).toBe('2026-11-24');
    // 5 new cards a drill, all 18 introduced over four drills.
    expect(introduced).toBe(18);
    expect(stats.collection).toMatchObject({ total: 18, new: 0, orphans: 0, orphanIds: [] });
    // Four evenings in a row, none yet today.
    expect(stats.streak).toEqual({ current: 4, longest: 4, reviewedToday: false });
    expect(stats.today).toMatchObject({ reviewed: 0, timeMs: 0, againRate: null });
    expect(stats.calendar.reduce((sum, day) => sum + day.reviews, 0)).toBe(answers);
    expect(stats.calendar.filter((day) => day.reviews > 0).map((day) => day.date)).toEqual(['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23']);
    expect(stats.forecast[0]?.due).toBe(stats.today.dueNow + stats.today.dueLaterToday);
    expect(stats.topics.map((topic) => topic.cards).reduce((a, b) => a + b, 0)).toBe(18);
  });

  it('narrows by query and by deck, case-insensitively', async () => {
    const { env } = await drilledHome();
    const redis = await statsJson(['redis'], env);
    expect(redis.collection.total).toBe(3);
    expect(redis.topics.map((topic) => topic.path)).toEqual([['Redis主从']]);
    expect((await statsJson(['--deck', 'INTERVIEW-NOTES'], env)).collection.total).toBe(18);
    expect((await statsJson(['--deck', 'interview-notes', '哨兵'], env)).collection.total).toBe(2);
  });

  it('refuses a deck or query that chooses nothing', async () => {
    const { env } = await drilledHome();
    const deck = await runPrep(['stats', '--deck', 'nope'], env);
    expect(deck.code).toBe(1);
    expect(deck.stderr).toBe('prep: no deck named "nope"; the decks are: interview-notes\n');
    const query = await runPrep(['stats', 'zzzz'], env);
    expect(query.code).toBe(1);
    expect(query.stderr).toContain('no card matches "zzzz"');
  });

  it('renders text that fits the terminal, and warns about a torn log line', async () => {
    const { env } = await drilledHome();
    appendFileSync(reviewLogPath(env.PREP_HOME ?? ''), '{"v":1,"type":"rev');
    const run = await runPrep(['stats'], env, { columns: 80 });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^prep: warning: .*reviews\.jsonl:\d+: skipped a log line/u);
    expect(run.stdout).toContain('Topics, weakest first');
    expect(run.stdout).toContain('Redis主从');
    expect(Math.max(...run.stdout.split('\n').map(displayWidth))).toBeLessThanOrEqual(80);
  });
});

describe('prep with no command', () => {
  it('shows the dashboard and the command to run next', async () => {
    const { env } = await drilledHome();
    const run = await runPrep([], env, { columns: 80 });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^prep · 2026-11-24\n {2}Due now {5}\d+ card/u);
    expect(run.stdout).toContain('Streak      4 days; review today to keep it going');
    expect(run.stdout).toContain('Next: prep quiz');
  });
});
