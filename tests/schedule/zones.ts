import { afterAll, beforeAll, describe, expect } from 'vitest';

/** UTC offsets (Date#getTimezoneOffset, minutes) on 2025-01-15, to prove a zone took effect. */
const januaryOffsets = {
  UTC: 0,
  'Asia/Shanghai': -480,
  'America/New_York': 300,
} as const;

export type Zone = keyof typeof januaryOffsets;

export const zones = Object.keys(januaryOffsets) as Zone[];

/**
 * A describe block run with `process.env.TZ = zone` (Node re-reads TZ when it is assigned).
 * Build dates inside tests or hooks, or from ISO strings with an offset: code in the
 * describe body runs before the zone is set.
 */
export function describeInZone(zone: Zone, body: () => void): void {
  describe(`TZ=${zone}`, () => {
    let saved: string | undefined;
    beforeAll(() => {
      saved = process.env.TZ;
      process.env.TZ = zone;
      expect(new Date('2025-01-15T12:00:00Z').getTimezoneOffset()).toBe(januaryOffsets[zone]);
    });
    afterAll(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });
    body();
  });
}
