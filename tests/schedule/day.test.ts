import { describe, expect, it } from 'vitest';
import {
  dayKey,
  daysBetween,
  dayStartOf,
  fromUserDayClock,
  nextDayStart,
  toUserDayClock,
  userDaysBefore,
} from '../../src/schedule/day.js';
import { describeInZone, zones, type Zone } from './zones.js';

const at = (iso: string): Date => new Date(iso);

/** instant → user-day, its start and the next day start, for dayStartsAt 4 unless given. */
const boundaries: Record<Zone, { instant: string; h?: number; key: string; start: string; next: string }[]> = {
  UTC: [
    { instant: '2025-03-10T03:59:59Z', key: '2025-03-09', start: '2025-03-09T04:00:00Z', next: '2025-03-10T04:00:00Z' },
    { instant: '2025-03-10T04:00:00Z', key: '2025-03-10', start: '2025-03-10T04:00:00Z', next: '2025-03-11T04:00:00Z' },
    { instant: '2025-03-10T23:59:00Z', key: '2025-03-10', start: '2025-03-10T04:00:00Z', next: '2025-03-11T04:00:00Z' },
    { instant: '2025-12-31T23:00:00Z', h: 0, key: '2025-12-31', start: '2025-12-31T00:00:00Z', next: '2026-01-01T00:00:00Z' },
  ],
  'Asia/Shanghai': [
    // A review at 02:00 local belongs to the day before.
    { instant: '2025-03-10T02:00:00+08:00', key: '2025-03-09', start: '2025-03-09T04:00:00+08:00', next: '2025-03-10T04:00:00+08:00' },
    { instant: '2025-03-10T04:00:00+08:00', key: '2025-03-10', start: '2025-03-10T04:00:00+08:00', next: '2025-03-11T04:00:00+08:00' },
    // 08:00 local is 00:00 UTC: the user-day must not roll over there.
    { instant: '2025-03-10T07:59:00+08:00', key: '2025-03-10', start: '2025-03-10T04:00:00+08:00', next: '2025-03-11T04:00:00+08:00' },
    { instant: '2025-03-10T08:01:00+08:00', key: '2025-03-10', start: '2025-03-10T04:00:00+08:00', next: '2025-03-11T04:00:00+08:00' },
    { instant: '2025-03-10T23:30:00+08:00', key: '2025-03-10', start: '2025-03-10T04:00:00+08:00', next: '2025-03-11T04:00:00+08:00' },
  ],
  'America/New_York': [
    { instant: '2025-01-15T03:00:00-05:00', key: '2025-01-14', start: '2025-01-14T04:00:00-05:00', next: '2025-01-15T04:00:00-05:00' },
    // DST starts 2025-03-09 at 02:00 EST → 03:00 EDT: that user-day before lasts 23 hours.
    { instant: '2025-03-08T12:00:00-05:00', key: '2025-03-08', start: '2025-03-08T04:00:00-05:00', next: '2025-03-09T04:00:00-04:00' },
    { instant: '2025-03-09T03:30:00-04:00', key: '2025-03-08', start: '2025-03-08T04:00:00-05:00', next: '2025-03-09T04:00:00-04:00' },
    { instant: '2025-03-09T04:00:00-04:00', key: '2025-03-09', start: '2025-03-09T04:00:00-04:00', next: '2025-03-10T04:00:00-04:00' },
    // Day start at 02:00, an hour that does not exist on 2025-03-09: the day starts at 03:00 EDT.
    { instant: '2025-03-09T01:59:00-05:00', h: 2, key: '2025-03-08', start: '2025-03-08T02:00:00-05:00', next: '2025-03-09T03:00:00-04:00' },
    { instant: '2025-03-09T03:00:00-04:00', h: 2, key: '2025-03-09', start: '2025-03-09T03:00:00-04:00', next: '2025-03-10T02:00:00-04:00' },
    // DST ends 2025-11-02 at 02:00 EDT → 01:00 EST: both 01:30s belong to the day before.
    { instant: '2025-11-02T01:30:00-04:00', key: '2025-11-01', start: '2025-11-01T04:00:00-04:00', next: '2025-11-02T04:00:00-05:00' },
    { instant: '2025-11-02T01:30:00-05:00', key: '2025-11-01', start: '2025-11-01T04:00:00-04:00', next: '2025-11-02T04:00:00-05:00' },
    { instant: '2025-11-02T04:00:00-05:00', key: '2025-11-02', start: '2025-11-02T04:00:00-05:00', next: '2025-11-03T04:00:00-05:00' },
  ],
};

/** [a, b, dayStartsAt, user-days from a to b] */
const spans: Record<Zone, [string, string, number, number][]> = {
  UTC: [
    ['2025-03-10T03:00:00Z', '2025-03-10T05:00:00Z', 4, 1],
    ['2025-03-10T05:00:00Z', '2025-03-11T03:00:00Z', 4, 0],
    ['2025-03-11T05:00:00Z', '2025-03-10T05:00:00Z', 4, -1],
  ],
  'Asia/Shanghai': [
    ['2025-03-10T23:00:00+08:00', '2025-03-11T01:00:00+08:00', 4, 0],
    ['2025-03-10T23:00:00+08:00', '2025-03-11T05:00:00+08:00', 4, 1],
    // Same UTC day but two user-days, and the other way round.
    ['2025-03-10T07:00:00+08:00', '2025-03-10T09:00:00+08:00', 4, 0],
    ['2025-03-10T03:00:00+08:00', '2025-03-10T05:00:00+08:00', 4, 1],
  ],
  'America/New_York': [
    ['2025-03-08T12:00:00-05:00', '2025-03-10T12:00:00-04:00', 4, 2],
    ['2025-03-08T04:00:00-05:00', '2025-03-09T03:59:00-04:00', 4, 0],
    ['2025-11-01T23:00:00-04:00', '2025-11-02T01:30:00-05:00', 4, 0],
    ['2025-11-01T23:00:00-04:00', '2025-11-02T04:00:00-05:00', 4, 1],
  ],
};

for (const zone of zones) {
  describeInZone(zone, () => {
    it.each(boundaries[zone])('$instant (day starts at $h) is on $key', ({ instant, h = 4, key, start, next }) => {
      expect(dayKey(at(instant), h)).toBe(key);
      expect(dayStartOf(at(instant), h).toISOString()).toBe(at(start).toISOString());
      expect(nextDayStart(at(instant), h).toISOString()).toBe(at(next).toISOString());
    });

    it.each(spans[zone])('from %s to %s (day starts at %i) is %i user-days', (a, b, h, days) => {
      expect(daysBetween(at(a), at(b), h)).toBe(days);
    });

    it('keeps every instant of a year inside its own day, for any day start', () => {
      // Every 37 minutes through 2025 covers both DST changes in New York.
      const wrong: string[] = [];
      for (const h of [0, 1, 2, 3, 4, 23]) {
        for (let t = Date.parse('2025-01-01T00:00:00Z'); t < Date.parse('2026-01-01T00:00:00Z'); t += 37 * 60_000) {
          const instant = new Date(t);
          const key = dayKey(instant, h);
          const start = dayStartOf(instant, h);
          const next = nextDayStart(instant, h);
          const fine =
            start.getTime() <= t &&
            next.getTime() > t &&
            dayKey(start, h) === key &&
            daysBetween(instant, next, h) === 1 &&
            dayKey(fromUserDayClock(toUserDayClock(instant, h), h), h) === key;
          if (!fine) wrong.push(`${instant.toISOString()} h=${h}`);
        }
      }
      expect(wrong).toEqual([]);
    });

    it('counts user-days before today (and after, negative) as daysBetween does, across DST changes and for any day start', () => {
      // Every 23 minutes through 2024 and 2025 (both DST changes in New York, twice), in the
      // order statistics see reviews: not sorted, so that the day starts are extended on demand.
      // With `now` early in 2024 most instants are later days, as due dates are.
      const wrong: string[] = [];
      for (const h of [0, 1, 2, 3, 4, 12, 23]) {
        for (const now of [at('2024-02-01T12:00:00Z'), at('2025-11-02T01:30:00-05:00'), at('2025-12-31T12:00:00Z')]) {
          const daysBefore = userDaysBefore(now, h);
          const from = Date.parse('2024-01-01T00:00:00Z');
          const steps = Math.floor((Date.parse('2026-01-02T00:00:00Z') - from) / (23 * 60_000));
          for (let step = 0; step < steps; step++) {
            // 7919 is prime: striding by it visits every step once, early and late ones in turn.
            const t = from + ((step * 7919) % steps) * 23 * 60_000;
            const expected = daysBetween(new Date(t), now, h);
            if (daysBefore(t) !== expected) wrong.push(`${new Date(t).toISOString()} h=${h}: ${daysBefore(t)}, not ${expected}`);
          }
        }
      }
      expect(wrong.slice(0, 5)).toEqual([]);
    });

    it('gives the user-day on the UTC date of the user-day clock', () => {
      const instant = at('2025-03-10T02:00:00+08:00');
      expect(toUserDayClock(instant, 4).toISOString().slice(0, 10)).toBe(dayKey(instant, 4));
      expect(fromUserDayClock(toUserDayClock(instant, 4), 4).toISOString()).toBe(instant.toISOString());
    });
  });
}

describeInZone('America/New_York', () => {
  describe('fromUserDayClock with a wall time DST skips', () => {
    it.each([
      // Wall 02:30 on 2025-03-09 does not exist. With the day starting at 03:00 it belongs to
      // 2025-03-08, so step back to 01:30 EST; starting at 02:00 it is 2025-03-09, so 03:30 EDT.
      { h: 3, shifted: '2025-03-08T23:30:00Z', expected: '2025-03-09T01:30:00-05:00', key: '2025-03-08' },
      { h: 2, shifted: '2025-03-09T00:30:00Z', expected: '2025-03-09T03:30:00-04:00', key: '2025-03-09' },
    ])('day start $h: $expected', ({ h, shifted, expected, key }) => {
      const real = fromUserDayClock(at(shifted), h);
      expect(real.toISOString()).toBe(at(expected).toISOString());
      expect(dayKey(real, h)).toBe(key);
    });
  });
});
