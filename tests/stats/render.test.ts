process.env.TZ = 'Asia/Shanghai';

import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/render/width.js';
import { foldLog } from '../../src/store/fold.js';
import { aggregate } from '../../src/stats/aggregate.js';
import { renderDashboard } from '../../src/stats/dashboard.js';
import { renderStats } from '../../src/stats/render.js';
import type { Stats } from '../../src/stats/types.js';
import { simulateDrills } from './drill.js';
import { answer, card, settings, state } from './fixtures.js';

const NOW = '2026-11-24T10:00:00+08:00';

const cards = [
  card('idx-1', ['数据库', '索引'], '后端面试', '为什么用 B+ 树做索引？'),
  card('idx-2', ['数据库', '索引'], '后端面试', '聚簇索引和非聚簇索引的区别？'),
  card('tx-1', ['数据库', '事务'], '后端面试', '说一下事务的隔离级别？'),
  card('net-1', ['网络'], '后端面试', 'TCP 三次握手？'),
  card('net-2', ['网络'], '后端面试', 'TIME_WAIT 为什么要等 2MSL？'),
  card('os-1', ['Operating systems', 'Processes and threads: scheduling, synchronisation and inter-process communication'], 'Systems', 'How do processes communicate?'),
  card('os-2', ['Operating systems', 'Memory'], 'Systems', 'What is a page fault?'),
  card('leech', ['Operating systems', 'Memory'], 'Systems', 'Explain the \u001b[31mTLB\u001b[0m and what a shootdown is'),
];

const drillDays = ['2026-11-10', '2026-11-11', '2026-11-13', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-20', '2026-11-21', '2026-11-23'];

/** Drills over two weeks (answers cycle through Again, Good, Good, Hard, Good, Easy), a leech and an orphan. */
function sampleStats(now = NOW): Stats {
  const events = [
    ...simulateDrills(
      cards.filter((c) => c.id !== 'leech').map((c) => c.id),
      drillDays.map((day) => new Date(`${day}T20:00:00+08:00`)),
      (n) => ([1, 3, 3, 2, 3, 4] as const)[n % 6] ?? 3,
      3,
    ),
    answer('leech', '2026-11-23T21:00:00+08:00', 1, 'review', state('relearning', '2026-11-24T10:30:00+08:00', { lapses: 11, stability: 0.5, lastReview: new Date('2026-11-23T21:00:00+08:00') })),
    answer('deleted-card', '2026-11-24T08:00:00+08:00', 3, 'review', state('review', '2026-12-20T08:00:00+08:00', { scheduledDays: 26 })),
  ];
  return aggregate({ cards, folded: foldLog(events), now: new Date(now), settings: settings() });
}

const widest = (text: string): number => Math.max(...text.split('\n').map(displayWidth));

it('runs in Asia/Shanghai', () => {
  expect(new Date('2026-01-15T12:00:00Z').getTimezoneOffset()).toBe(-480);
});

describe('renderStats', () => {
  it.each([80, 120])('reads well at %i columns without colour', async (width) => {
    const text = renderStats(sampleStats(), { width, color: false });
    expect(widest(text)).toBeLessThanOrEqual(width);
    expect(text).not.toMatch(/\u001b/u);
    await expect(text).toMatchFileSnapshot(`./__snapshots__/stats-${width}.txt`);
  });

  it('keeps CJK topic names aligned: every row of the table is as wide as its header', () => {
    const lines = renderStats(sampleStats(), { width: 80, color: false }).split('\n');
    const start = lines.indexOf('Topics, weakest first') + 1;
    const end = lines.indexOf('', start);
    const table = lines.slice(start, end);
    expect(table.length).toBe(6);
    expect(new Set(table.map(displayWidth))).toEqual(new Set([displayWidth(table[0] ?? '')]));
  });

  it('fits narrower terminals and colour too', () => {
    for (const width of [40, 60, 80]) {
      const text = renderStats(sampleStats(), { width, color: true });
      expect(text).toMatch(/\u001b\[/u);
      expect(widest(text)).toBeLessThanOrEqual(width);
    }
  });

  it('says what narrowed the figures', () => {
    const text = renderStats(sampleStats(), { width: 80, color: false, scope: 'deck 后端面试 · 索引' });
    expect(text.split('\n')[0]).toBe('Stats for 2026-11-24: deck 后端面试 · 索引');
  });

  it('reads well for a new user with nothing reviewed', () => {
    const stats = aggregate({ cards, folded: foldLog([]), now: new Date(NOW), settings: settings() });
    const text = renderStats(stats, { width: 80, color: false });
    expect(text).toContain('Reviewed   nothing yet');
    expect(text).toContain('Nothing due in the next 30 days.');
    expect(text).toContain('Predicted recall now   — (no card answered yet)');
  });
});

describe('renderDashboard', () => {
  it('shows what is due and points at prep quiz', () => {
    expect(renderDashboard(sampleStats(), { width: 80, color: false })).toMatchInlineSnapshot(`
      "prep · 2026-11-24
        Due now     1 card (1 more later today)
        New today   0 left
        Streak      2 days
        Next due    now

      Next: prep quiz (1 card waiting)
      "
    `);
  });

  it('says when the next card is due once all is done', () => {
    const stats = sampleStats();
    const done: Stats = { ...stats, today: { ...stats.today, dueNow: 0, dueLaterToday: 0, newLeft: 0, nextDue: '2026-11-25T20:11:00.000+08:00' } };
    expect(renderDashboard(done, { width: 80, color: false })).toMatchInlineSnapshot(`
      "prep · 2026-11-24
        Due now     0 cards
        New today   0 left
        Streak      2 days
        Next due    in 18h (Wed 25 Nov, from 04:00)

      All done for now; see your progress with: prep stats
      "
    `);
  });

  it('points at prep check when there are no cards', () => {
    const stats = aggregate({ cards: [], folded: foldLog([]), now: new Date(NOW), settings: settings() });
    expect(renderDashboard(stats, { width: 80, color: false })).toMatchInlineSnapshot(`
      "prep · 2026-11-24
        Due now     0 cards
        New today   0 left
        Streak      0 days
        Next due    nothing scheduled

      No cards in the notes; find out why with: prep check
      "
    `);
  });
});

describe('topic recall colours', () => {
  it('colours by the whole percent shown: 89.96% reads 90%, as green as 90%', () => {
    const stats = sampleStats();
    const topic = (averageRecall: number) => ({ deck: 'd', path: [`t${averageRecall}`], cards: 1, learned: 1, learnedShare: 1, averageRecall, lapses: 0, due: 0 });
    const text = renderStats({ ...stats, topics: [topic(0.7996), topic(0.8051), topic(0.8996), topic(0.9)] }, { width: 80, color: true });
    const recallCell = (name: string) => text.split('\n').find((line) => line.includes(name))?.match(/\u001b\[(\d+)m +\d+%/u)?.[1];
    // 80% is 10 points below the 90% aimed for: red (31); 81% yellow (33); 90% green (32).
    expect([recallCell('t0.7996'), recallCell('t0.8051'), recallCell('t0.8996'), recallCell('t0.9')]).toEqual(['31', '33', '32', '32']);
  });
});
