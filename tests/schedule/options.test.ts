import { describe, expect, it } from 'vitest';
import {
  checkDayStartsAt,
  checkMaximumInterval,
  checkRetention,
  defaultSchedulerOptions,
  parseSteps,
  resolveSchedulerOptions,
} from '../../src/schedule/options.js';

describe('parseSteps', () => {
  it.each([
    ['1m 10m', ['1m', '10m']],
    ['1m,10m', ['1m', '10m']],
    [' 1m ,  10m ', ['1m', '10m']],
    ['', []],
    ['120s 1h 1.5h 24h 2d', ['2m', '1h', '90m', '1d', '2d']],
    ['60m 1440m', ['1h', '1d']],
  ])('%j → %j', (text, steps) => {
    expect(parseSteps(text)).toEqual({ ok: true, value: steps });
  });

  it.each([
    ['10', '"10" is not a step'],
    ['10 m', '"10" is not a step'],
    ['1w', '"1w" is not a step'],
    ['-1m', '"-1m" is not a step'],
    ['30s', 'step 30s is not a whole number of minutes'],
    ['1.5m', 'step 1.5m is not a whole number of minutes'],
    ['0m', 'step 0m is shorter than a minute'],
  ])('rejects %j', (text, message) => {
    const result = parseSteps(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});

describe('single values', () => {
  it.each([
    [checkRetention, 0.9, true],
    [checkRetention, 0.7, true],
    [checkRetention, 0.99, true],
    [checkRetention, 0.69, false],
    [checkRetention, 1, false],
    [checkRetention, Number.NaN, false],
    [checkMaximumInterval, 36500, true],
    [checkMaximumInterval, 1, true],
    [checkMaximumInterval, 0, false],
    [checkMaximumInterval, 1.5, false],
    [checkDayStartsAt, 0, true],
    [checkDayStartsAt, 23, true],
    [checkDayStartsAt, 24, false],
    [checkDayStartsAt, -1, false],
    [checkDayStartsAt, 4.5, false],
  ])('%o(%d) ok: %s', (check, value, ok) => {
    expect(check(value).ok).toBe(ok);
  });
});

describe('resolveSchedulerOptions', () => {
  it('fills in the defaults', () => {
    expect(resolveSchedulerOptions({})).toEqual({ ok: true, value: defaultSchedulerOptions });
  });

  it('parses steps given as text or as a list', () => {
    const result = resolveSchedulerOptions({ learningSteps: '5m 1h', relearningSteps: ['15m'], fuzz: false });
    expect(result).toEqual({
      ok: true,
      value: { ...defaultSchedulerOptions, learningSteps: ['5m', '1h'], relearningSteps: ['15m'], fuzz: false },
    });
  });

  it('names the bad field', () => {
    expect(resolveSchedulerOptions({ relearningSteps: 'soon' })).toEqual({
      ok: false,
      message: 'relearning steps: "soon" is not a step: write a number and a unit (s, m, h, d), e.g. 10m',
    });
    expect(resolveSchedulerOptions({ retention: 0.5 })).toEqual({
      ok: false,
      message: 'retention must be between 0.7 and 0.99 (got 0.5)',
    });
  });
});
