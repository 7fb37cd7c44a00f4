process.env.TZ = 'Asia/Shanghai';

import { describe, expect, it } from 'vitest';
import type { Card } from '../../src/notes/card.js';
import { buildQueue } from '../../src/schedule/queue.js';
import { appendFileSync, existsSync } from 'node:fs';
import { serializeEvent, type LogEvent } from '../../src/store/events.js';
import { foldLog, todayCounts } from '../../src/store/fold.js';
import { reviewLogPath } from '../../src/store/log.js';
import { readLogView, snapshotPath } from '../../src/store/snapshot.js';
import { aggregate, type StatsSettings } from '../../src/stats/aggregate.js';
import type { Stats } from '../../src/stats/types.js';
import { testdir } from '../helpers/testdir.js';
import { answer, card, practice, reviewsAt, settings, state, undoOf } from './fixtures.js';

// Every time below is Shanghai time (UTC+8, no DST). The clock: Tuesday 2026-11-24, 10:00.
// With the day starting at 04:00, today runs 2026-11-24 04:00 to 2026-11-25 04:00.
const NOW = '2026-11-24T10:00:00+08:00';

function statsOf(cards: Card[], events: LogEvent[], options: { now?: string; settings?: Partial<StatsSettings>; noteCards?: Card[] } = {}): Stats {
  return aggregate({
    cards,
    ...(options.noteCards ? { noteCardIds: new Set(options.noteCards.map((c) => c.id)) } : {}),
    folded: foldLog(events),
    now: new Date(options.now ?? NOW),
    settings: settings(options.settings),
  });
}

it('runs in Asia/Shanghai', () => {
  expect(new Date('2026-01-15T12:00:00Z').getTimezoneOffset()).toBe(-480);
});

describe('streak and calendar', () => {
  // User-days (start 04:00):  17 20:00 → 17 · 18 20:00 → 18 · (19 missed) · 20 20:00 → 20 ·
  // 22 02:00 → 21 (before 04:00: the day before) · 22 23:00 → 22 · 24 03:30 → 23.
  // Runs: 17–18 (2 days) and 20–23 (4 days). Today (24) has no review yet, and that does not
  // break a run that reaches yesterday: current 4.
  const days = [
    '2026-11-17T20:00:00+08:00',
    '2026-11-18T20:00:00+08:00',
    '2026-11-20T20:00:00+08:00',
    '2026-11-22T02:00:00+08:00',
    '2026-11-22T23:00:00+08:00',
    '2026-11-24T03:30:00+08:00',
  ];
  const cards = [card('a')];

  it('counts a review at 02:00 in the day before, and keeps a run that reached yesterday', () => {
    expect(statsOf(cards, reviewsAt('a', days)).streak).toEqual({ current: 4, longest: 4, reviewedToday: false });
  });

  it('extends the run with a review today', () => {
    const events = reviewsAt('a', [...days, '2026-11-24T09:00:00+08:00']);
    expect(statsOf(cards, events).streak).toEqual({ current: 5, longest: 5, reviewedToday: true });
  });

  it('counts days from midnight when the day starts at 0', () => {
    // Days 17, 18, 20, 22 (02:00 and 23:00), 24 (03:30): runs 17–18, 20, 22, 24. Today has a review.
    expect(statsOf(cards, reviewsAt('a', days), { settings: { dayStartsAt: 0 } }).streak).toEqual({ current: 1, longest: 2, reviewedToday: true });
  });

  it('breaks the current run after a missed day', () => {
    // Thursday 26th: yesterday (25) and today have no review.
    expect(statsOf(cards, reviewsAt('a', days), { now: '2026-11-26T10:00:00+08:00' }).streak).toEqual({ current: 0, longest: 4, reviewedToday: false });
  });

  it('lays out whole weeks, Monday first, ending today, counting reviews by user-day', () => {
    const { calendar } = statsOf(cards, reviewsAt('a', days));
    // 25 whole weeks before this one (from Monday 2026-06-01) and Monday–Tuesday of this week.
    expect(calendar).toHaveLength(25 * 7 + 2);
    expect(calendar[0]).toEqual({ date: '2026-06-01', reviews: 0 });
    expect(calendar.at(-1)).toEqual({ date: '2026-11-24', reviews: 0 });
    expect(calendar.filter((day) => day.reviews > 0)).toEqual([
      { date: '2026-11-17', reviews: 1 },
      { date: '2026-11-18', reviews: 1 },
      { date: '2026-11-20', reviews: 1 },
      { date: '2026-11-21', reviews: 1 },
      { date: '2026-11-22', reviews: 1 },
      { date: '2026-11-23', reviews: 1 },
    ]);
  });
});

describe('true retention', () => {
  // Only answers given in the review phase count: passed = Hard/Good/Easy, failed = Again.
  // Young or mature goes by the interval the previous review scheduled (21 days or more: mature).
  const events = [
    // Card a: young all along.
    answer('a', '2026-11-01T10:00:00+08:00', 3, 'new', state('review', '2026-11-04T10:00:00+08:00', { scheduledDays: 3 })), // 23 days ago, new: not counted
    answer('a', '2026-11-04T10:00:00+08:00', 1, 'review', state('relearning', '2026-11-04T10:10:00+08:00', { lapses: 1 })), // 20 days ago, interval 3: young failed
    answer('a', '2026-11-04T10:10:00+08:00', 3, 'relearning', state('review', '2026-11-06T10:00:00+08:00', { scheduledDays: 2, lapses: 1 })), // relearning: not counted
    answer('a', '2026-11-20T10:00:00+08:00', 2, 'review', state('review', '2026-11-25T10:00:00+08:00', { scheduledDays: 5, lapses: 1 })), // 4 days ago, interval 2: young passed
    // Card b: mature, lapses, comes back young.
    answer('b', '2025-12-01T10:00:00+08:00', 4, 'new', state('review', '2025-12-31T10:00:00+08:00', { scheduledDays: 30 })), // new: not counted
    answer('b', '2026-10-01T10:00:00+08:00', 3, 'review', state('review', '2026-11-10T10:00:00+08:00', { scheduledDays: 40 })), // 54 days ago, interval 30: mature passed
    answer('b', '2026-11-22T10:00:00+08:00', 1, 'review', state('relearning', '2026-11-22T10:10:00+08:00', { lapses: 1 })), // 2 days ago, interval 40: mature failed
    answer('b', '2026-11-22T10:10:00+08:00', 3, 'relearning', state('review', '2026-11-27T10:00:00+08:00', { scheduledDays: 5, lapses: 1 })), // not counted
    answer('b', '2026-11-24T09:00:00+08:00', 3, 'review', state('review', '2026-12-05T09:00:00+08:00', { scheduledDays: 11, lapses: 1 })), // today, interval 5: young passed
    // Card c: learning steps only: not counted.
    answer('c', '2026-11-24T08:00:00+08:00', 1, 'new', state('learning', '2026-11-24T08:01:00+08:00')),
    answer('c', '2026-11-24T08:01:00+08:00', 3, 'learning', state('review', '2026-11-25T08:01:00+08:00', { scheduledDays: 1 })),
  ];
  const cards = [card('a'), card('b'), card('c')];

  it('gives young and mature apart over 7, 30 and 365 days, as worked out by hand', () => {
    const tally = (passed: number, failed: number, rate: number | null) => ({ passed, failed, rate });
    expect(statsOf(cards, events).memory.trueRetention).toEqual([
      // 7 days: young a(4d ago) passed, b(today) passed; mature b(2d ago) failed. Total 2 of 3.
      { days: 7, young: tally(2, 0, 1), mature: tally(0, 1, 0), total: tally(2, 1, 0.6667) },
      // 30 days: young also a(20d ago) failed: 2 of 3. Total 2 of 4.
      { days: 30, young: tally(2, 1, 0.6667), mature: tally(0, 1, 0), total: tally(2, 2, 0.5) },
      // 365 days: mature also b(54d ago) passed: 1 of 2. Total 3 of 5.
      { days: 365, young: tally(2, 1, 0.6667), mature: tally(1, 1, 0.5), total: tally(3, 2, 0.6) },
    ]);
  });

  it('calls an interval of 21 days mature and 20 days young', () => {
    const boundary = [
      answer('y', '2026-11-01T10:00:00+08:00', 3, 'new', state('review', '2026-11-21T10:00:00+08:00', { scheduledDays: 20 })),
      answer('y', '2026-11-24T09:00:00+08:00', 3, 'review', state('review', '2027-01-01T10:00:00+08:00', { scheduledDays: 40 })),
      answer('m', '2026-11-01T10:00:00+08:00', 3, 'new', state('review', '2026-11-22T10:00:00+08:00', { scheduledDays: 21 })),
      answer('m', '2026-11-24T09:00:00+08:00', 1, 'review', state('relearning', '2026-11-24T09:10:00+08:00', { lapses: 1 })),
    ];
    const [week] = statsOf([card('y'), card('m')], boundary).memory.trueRetention;
    expect(week?.young).toEqual({ passed: 1, failed: 0, rate: 1 });
    expect(week?.mature).toEqual({ passed: 0, failed: 1, rate: 0 });
  });

  it('has no rate without reviews', () => {
    expect(statsOf([card('a')], []).memory.trueRetention[2]).toEqual({
      days: 365,
      young: { passed: 0, failed: 0, rate: null },
      mature: { passed: 0, failed: 0, rate: null },
      total: { passed: 0, failed: 0, rate: null },
    });
  });
});

describe('today and the forecast', () => {
  // Today's day ends at 2026-11-25 04:00.
  const l1First = answer('l1', '2026-11-24T09:00:00+08:00', 1, 'new', state('learning', '2026-11-24T09:01:00+08:00'), 3000);
  const l1Second = answer('l1', '2026-11-24T09:01:00+08:00', 3, 'learning', state('learning', '2026-11-24T09:11:00+08:00', { learningSteps: 1 }), 4000);
  const l2 = answer('l2', '2026-11-24T09:30:00+08:00', 3, 'new', state('learning', '2026-11-24T15:00:00+08:00'), 5000);
  const n1 = answer('n1', '2026-11-24T09:40:00+08:00', 3, 'new', state('learning', '2026-11-24T09:50:00+08:00'), 7000);
  const events: LogEvent[] = [
    answer('rv1', '2026-11-20T20:00:00+08:00', 3, 'new', state('review', '2026-11-22T20:00:00+08:00', { scheduledDays: 2 })), // overdue
    answer('rv2', '2026-11-23T02:00:00+08:00', 3, 'new', state('review', '2026-11-25T02:00:00+08:00', { scheduledDays: 2 })), // due 02:00: still today
    answer('rv3', '2026-11-22T05:00:00+08:00', 3, 'new', state('review', '2026-11-25T05:00:00+08:00', { scheduledDays: 3 })), // due tomorrow
    l1First, // new, Again, 3 s
    l1Second, // step, Good, 4 s; next step due 09:11: due now
    l2, // new, Good, 5 s; next step due 15:00: later today
    n1,
    undoOf(n1), // undone: n1 is new again, and its 7 s do not count
    practice('rv3', '2026-11-24T09:45:00+08:00', 60_000), // cram: not counted
    answer('gone', '2026-11-24T08:00:00+08:00', 2, 'review', state('review', '2026-12-01T08:00:00+08:00', { scheduledDays: 7 }), 2000), // orphan: counts, nothing narrowed
  ];
  const cards = ['l1', 'l2', 'rv1', 'rv2', 'rv3', 'n1', 'n2', 'n3'].map((id) => card(id));

  it('counts today’s reviews, time and again rate', () => {
    const { today } = statsOf(cards, events, { settings: { newPerDay: 3 } });
    // l1 twice, l2, gone: 4 reviews, 3 + 4 + 5 + 2 = 14 s, one Again.
    expect(today).toMatchObject({ reviewed: 4, timeMs: 14_000, again: 1, againRate: 0.25 });
  });

  it('agrees with the queue: due now, later today, new left, next due', () => {
    const { today } = statsOf(cards, events, { settings: { newPerDay: 3 } });
    // Due now: l1's step (09:11) and the reviews rv1 (overdue) and rv2 (02:00, before the day ends).
    // Later today: l2 at 15:00. New: 3 a day, l1 and l2 introduced today (n1's was undone): 1 left.
    expect(today).toMatchObject({ dueNow: 3, dueLaterToday: 1, newLeft: 1, nextDue: '2026-11-24T15:00:00.000+08:00' });
    const folded = foldLog(events);
    const now = new Date(NOW);
    const queue = buildQueue({
      cardIds: cards.map((c) => c.id),
      states: folded.states,
      today: todayCounts(folded, new Date('2026-11-24T04:00:00+08:00'), new Date('2026-11-25T04:00:00+08:00')),
      now,
      limits: { newPerDay: 3, reviewsPerDay: 200 },
      dayStartsAt: 4,
    });
    expect(today.dueNow).toBe(queue.learning.filter((item) => item.due <= now).length + queue.review.length);
    expect(today.newLeft).toBe(queue.new.length);
  });

  it('holds back reviews beyond the daily limit, counting today’s reviews of every card', () => {
    // Limit 2; `gone` was a review today: room for 1 of rv1 and rv2.
    expect(statsOf(cards, events, { settings: { reviewsPerDay: 2 } }).today.dueNow).toBe(2);
  });

  it('forecasts overdue cards and learning steps due later today in day 0', () => {
    const { forecast } = statsOf(cards, events);
    // Day 0: rv1 (overdue), rv2 (02:00 tomorrow is still today), l1 (09:11), l2 (15:00). Day 1: rv3.
    expect(forecast).toHaveLength(30);
    expect(forecast.slice(0, 3)).toEqual([
      { date: '2026-11-24', due: 4 },
      { date: '2026-11-25', due: 1 },
      { date: '2026-11-26', due: 0 },
    ]);
    expect(forecast.reduce((sum, day) => sum + day.due, 0)).toBe(5);
    expect(forecast.at(-1)?.date).toBe('2026-12-23');
  });

  it('counts only the chosen cards’ reviews when narrowed', () => {
    const { today, forecast } = statsOf([card('l1')], events, { noteCards: cards });
    // l1's two answers; not l2's, not the orphan's.
    expect(today).toMatchObject({ reviewed: 2, timeMs: 7000, again: 1, againRate: 0.5, dueNow: 1, dueLaterToday: 0, newLeft: 0 });
    expect(forecast[0]?.due).toBe(1);
  });

  it('has no again rate and no next due before any review', () => {
    expect(statsOf(cards, []).today).toEqual({
      reviewed: 0,
      timeMs: 0,
      again: 0,
      againRate: null,
      dueNow: 0,
      dueLaterToday: 0,
      newLeft: 8,
      nextDue: null,
    });
  });
});

describe('recall and topics', () => {
  // Recall is FSRS's forgetting curve: exactly 90% when the days since the last review equal the
  // stability, 100% on the day of the review.
  const ninety = (due: string, lapses = 0) =>
    state('review', due, { stability: 3, scheduledDays: 3, lapses, lastReview: new Date('2026-11-21T10:00:00+08:00') });
  const events = [
    answer('x1', '2026-11-21T10:00:00+08:00', 3, 'new', ninety('2026-11-24T10:00:00+08:00', 2)), // 90%, due today
    answer('w1', '2026-11-21T10:00:00+08:00', 3, 'new', ninety('2026-11-27T10:00:00+08:00')), // 90%
    answer('y1', '2026-11-24T09:00:00+08:00', 3, 'new', state('review', '2026-11-30T09:00:00+08:00', { stability: 6, scheduledDays: 6, lastReview: new Date('2026-11-24T09:00:00+08:00') })), // 100%
    answer('y2', '2026-11-21T10:00:00+08:00', 3, 'new', ninety('2026-11-23T10:00:00+08:00', 1)), // 90%, overdue
  ];
  // Notes order puts the strongest topics first, so the ordering below is the sort's doing.
  const cards = [
    card('z1', ['操作系统'], '后端'),
    card('y1', ['网络'], '后端'),
    card('y2', ['网络'], '后端'),
    card('w1', ['数据库', '事务'], '后端'),
    card('x1', ['数据库', '索引'], '后端'),
    card('x2', ['数据库', '索引'], '后端'),
  ];

  it('averages recall now over answered cards', () => {
    // (0.9 + 0.9 + 1 + 0.9) / 4
    expect(statsOf(cards, events).memory).toMatchObject({ averageRecall: 0.925, recallCards: 4, desiredRetention: 0.9 });
  });

  it('lists topics weakest first: lowest recall, then lowest learned share, then nothing learned', () => {
    const topics = statsOf(cards, events).topics;
    expect(topics).toEqual([
      // 索引: x1 at 90%, x2 new: 90%, half learned.
      { deck: '后端', path: ['数据库', '索引'], cards: 2, learned: 1, learnedShare: 0.5, averageRecall: 0.9, lapses: 2, due: 1 },
      // 事务: 90%, all learned.
      { deck: '后端', path: ['数据库', '事务'], cards: 1, learned: 1, learnedShare: 1, averageRecall: 0.9, lapses: 0, due: 0 },
      // 网络: (100% + 90%) / 2; y2 overdue.
      { deck: '后端', path: ['网络'], cards: 2, learned: 2, learnedShare: 1, averageRecall: 0.95, lapses: 1, due: 1 },
      // 操作系统: nothing learned yet.
      { deck: '后端', path: ['操作系统'], cards: 1, learned: 0, learnedShare: 0, averageRecall: null, lapses: 0, due: 0 },
    ]);
  });

  it('tells topics apart by deck and path, whether or not cards share a path array', () => {
    // The loader gives the cards of a section one path array; two files may have equal paths.
    const shared = ['数据库'];
    const topics = statsOf([card('a', shared, '后端'), card('b', shared, '前端'), card('c', shared, '后端'), card('d', ['数据库'], '后端')], []).topics;
    expect(topics.map(({ deck, path, cards: count }) => ({ deck, path, count }))).toEqual([
      { deck: '后端', path: ['数据库'], count: 3 },
      { deck: '前端', path: ['数据库'], count: 1 },
    ]);
  });
});

describe('collection, leeches and orphans', () => {
  const events = [
    answer('a', '2026-11-01T10:00:00+08:00', 3, 'review', state('review', '2026-12-01T10:00:00+08:00', { scheduledDays: 30, lapses: 9 })),
    answer('b', '2026-11-10T10:00:00+08:00', 3, 'review', state('review', '2026-11-30T10:00:00+08:00', { scheduledDays: 20, lapses: 8 })),
    answer('c', '2026-11-24T09:00:00+08:00', 1, 'review', state('relearning', '2026-11-24T09:10:00+08:00', { lapses: 7 })),
    answer('d', '2026-11-24T09:00:00+08:00', 3, 'new', state('learning', '2026-11-24T09:10:00+08:00')),
    answer('old-1', '2026-11-23T09:00:00+08:00', 3, 'review', state('review', '2026-12-01T10:00:00+08:00', { scheduledDays: 8 })),
    answer('old-0', '2026-11-23T09:30:00+08:00', 3, 'review', state('review', '2026-12-01T10:00:00+08:00', { scheduledDays: 8 })),
  ];
  const cards = [card('e'), card('b', [], 'deck', '为什么需要连接池？'), card('a'), card('c'), card('d')];

  it('counts cards by phase, mature at 21 days, and the history left without a card', () => {
    expect(statsOf(cards, events).collection).toEqual({
      total: 5,
      new: 1,
      learning: 1,
      review: 2,
      young: 1, // b: 20 days
      mature: 1, // a: 30 days
      relearning: 1,
      orphans: 2,
      orphanIds: ['old-0', 'old-1'],
    });
  });

  it('lists cards with 8 or more lapses, most first', () => {
    expect(statsOf(cards, events).leeches).toEqual([
      { id: 'a', deck: 'deck', path: [], question: 'Question a?', lapses: 9 },
      { id: 'b', deck: 'deck', path: [], question: '为什么需要连接池？', lapses: 8 },
    ]);
  });

  it('still reports orphans against the whole notes when narrowed, but leaves their reviews out', () => {
    const whole = statsOf(cards, events);
    const narrowed = statsOf([card('a')], events, { noteCards: cards });
    expect(narrowed.collection).toMatchObject({ total: 1, review: 1, mature: 1, orphans: 2 });
    const reviewsOn = (stats: Stats, date: string) => stats.calendar.find((day) => day.date === date)?.reviews;
    expect(reviewsOn(whole, '2026-11-23')).toBe(2);
    expect(reviewsOn(narrowed, '2026-11-23')).toBe(0);
  });
});

describe('from the log snapshot', () => {
  // Every event of the tables above, some in the snapshot and the rest appended after it.
  const retention = [
    answer('a', '2026-11-01T10:00:00+08:00', 3, 'new', state('review', '2026-11-04T10:00:00+08:00', { scheduledDays: 3 })),
    answer('a', '2026-11-04T10:00:00+08:00', 1, 'review', state('relearning', '2026-11-04T10:10:00+08:00', { lapses: 1 })),
    answer('b', '2025-12-01T10:00:00+08:00', 4, 'new', state('review', '2025-12-31T10:00:00+08:00', { scheduledDays: 30 })),
    answer('b', '2026-10-01T10:00:00+08:00', 3, 'review', state('review', '2026-11-10T10:00:00+08:00', { scheduledDays: 40 })),
    answer('gone', '2026-11-24T08:00:00+08:00', 2, 'review', state('review', '2026-12-01T08:00:00+08:00', { scheduledDays: 7 }), 2000),
  ];
  const later = answer('a', '2026-11-24T09:00:00+08:00', 2, 'review', state('review', '2026-11-29T09:00:00+08:00', { scheduledDays: 5, lapses: 1 }));
  const appended: LogEvent[] = [
    later,
    answer('b', '2026-11-22T10:00:00+08:00', 1, 'review', state('relearning', '2026-11-22T10:10:00+08:00', { lapses: 1 })),
    answer('c', '2026-11-24T08:00:00+08:00', 1, 'new', state('learning', '2026-11-24T08:01:00+08:00')),
    answer('c', '2026-11-24T08:01:00+08:00', 3, 'learning', state('review', '2026-11-25T08:01:00+08:00', { scheduledDays: 1 })),
    practice('b', '2026-11-24T09:45:00+08:00', 60_000),
    { type: 'skip', id: 's1', card: 'a', at: new Date('2026-11-24T09:50:00+08:00') },
    undoOf(later),
  ];
  const cards = [card('a'), card('b'), card('c'), card('n')];
  const lines = (events: LogEvent[]): string => events.map((event) => `${serializeEvent(event)}\n`).join('');

  it.each([
    { name: 'every card', chosen: cards },
    { name: 'narrowed to one', chosen: [card('a')] },
  ])('gives the figures the fold of the whole log gives ($name)', ({ chosen }) => {
    const dir = testdir();
    appendFileSync(reviewLogPath(dir), lines(retention));
    readLogView(dir);
    expect(existsSync(snapshotPath(dir))).toBe(true);
    appendFileSync(reviewLogPath(dir), lines(appended));
    const input = { cards: chosen, noteCardIds: new Set(cards.map((c) => c.id)), now: new Date(NOW), settings: settings() };
    const expected = aggregate({ ...input, folded: foldLog([...retention, ...appended]) });
    // Read twice: the snapshot with the appended lines, then the snapshot written with them.
    expect(aggregate({ ...input, folded: readLogView(dir).view })).toEqual(expected);
    expect(aggregate({ ...input, folded: readLogView(dir).view })).toEqual(expected);
  });
});

