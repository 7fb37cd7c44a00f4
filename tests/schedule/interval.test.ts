import { expect, it } from 'vitest';
import { formatInterval } from '../../src/schedule/interval.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

it.each([
  [-5 * m, '<1m'],
  [0, '<1m'],
  [59 * s, '<1m'],
  [60 * s, '1m'],
  [89 * s, '1m'],
  [6 * m, '6m'],
  [10 * m, '10m'],
  [59 * m + 29 * s, '59m'],
  [59 * m + 31 * s, '1h'],
  [h, '1h'],
  [90 * m, '1.5h'],
  [23 * h, '23h'],
  [23 * h + 58 * m, '1d'],
  [d, '1d'],
  [3 * d, '3d'],
  [29 * d, '29d'],
  [30 * d, '1mo'],
  [75 * d, '2.5mo'],
  [359 * d, '1y'],
  [365 * d, '1y'],
  [438 * d, '1.2y'],
  [36500 * d, '100y'],
])('%d ms → %s', (ms, label) => {
  expect(formatInterval(ms)).toBe(label);
});
