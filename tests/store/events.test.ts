import { afterEach, describe, expect, it } from 'vitest';
import { formatLocalIso, newEventId, parseEvent, serializeEvent, type LogEvent } from '../../src/store/events.js';
import { review, sampleState } from './sample.js';

const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) {
    delete process.env.TZ;
  } else {
    process.env.TZ = savedTz;
  }
});

describe('formatLocalIso', () => {
  it.each([
    ['Asia/Shanghai', '2026-11-24T09:30:00.000+08:00'],
    ['America/St_Johns', '2026-11-23T22:00:00.000-03:30'],
    ['UTC', '2026-11-24T01:30:00.000+00:00'],
  ])('writes local time with the offset in %s', (zone, expected) => {
    process.env.TZ = zone;
    const instant = new Date('2026-11-24T01:30:00.000Z');
    expect(formatLocalIso(instant)).toBe(expected);
    expect(new Date(formatLocalIso(instant)).getTime()).toBe(instant.getTime());
  });
});

describe('newEventId', () => {
  it('is unique even for the same instant', () => {
    const at = new Date('2026-11-24T01:30:00.000Z');
    const ids = new Set(Array.from({ length: 1000 }, () => newEventId(at)));
    expect(ids.size).toBe(1000);
  });
});

describe('serializeEvent / parseEvent', () => {
  const at = new Date('2026-11-24T01:30:00.123Z');
  const events: LogEvent[] = [
    review('r1', 'sql/index', at, sampleState(3), 3, 'new', 5210),
    { ...review('r2', 'sql/index', at, sampleState(3)), state: { ...sampleState(3), lastReview: undefined } },
    { type: 'undo', id: 'u1', card: 'sql/index', at, undoes: 'r1' },
    { type: 'skip', id: 's1', card: 'sql/index', at },
    { type: 'practice', id: 'p1', card: 'sql/index', at, rating: 1, ms: 0 },
  ];
  it.each(events)('round-trips a $type event', (event) => {
    const line = serializeEvent(event);
    expect(line).not.toContain('\n');
    const parsed = parseEvent(line);
    const expected = event.type === 'review' && event.state.lastReview === undefined ? { ...event, state: sampleStateWithout(event.state) } : event;
    expect(parsed).toEqual(expected);
  });

  it('writes the documented fields in camelCase with local times', () => {
    process.env.TZ = 'Asia/Shanghai';
    const json: unknown = JSON.parse(serializeEvent(events[0] as LogEvent));
    expect(json).toEqual({
      v: 1,
      type: 'review',
      id: 'r1',
      card: 'sql/index',
      at: '2026-11-24T09:30:00.123+08:00',
      rating: 3,
      ms: 5210,
      phaseBefore: 'new',
      state: {
        phase: 'review',
        due: '2026-11-27T09:30:00.000+08:00',
        stability: 6.173,
        difficulty: 5.28,
        elapsedDays: 0,
        scheduledDays: 3,
        learningSteps: 0,
        reps: 4,
        lapses: 0,
        lastReview: '2026-11-24T09:30:00.000+08:00',
      },
    });
  });

  const good = JSON.parse(serializeEvent(events[0] as LogEvent)) as Record<string, unknown>;
  const state = good.state as Record<string, unknown>;
  it.each([
    ['{"v":1,"type":"review","id":"r1","card":"a","at":"2026-11', /not a complete JSON line/],
    ['[1,2]', /not a JSON object/],
    [JSON.stringify({ ...good, v: undefined }), /`v` must be/],
    [JSON.stringify({ ...good, v: 2, type: 'teleport' }), /newer prep \(format v2/],
    [JSON.stringify({ ...good, type: 'teleport' }), /unknown event type "teleport"/],
    [JSON.stringify({ ...good, id: '' }), /`id` must be a non-empty string/],
    [JSON.stringify({ ...good, card: 7 }), /`card` must be a non-empty string/],
    [JSON.stringify({ ...good, at: '2026-11-24T09:30:00' }), /`at` must be an ISO-8601 time with a UTC offset/],
    [JSON.stringify({ ...good, at: '2026-13-45T09:30:00Z' }), /`at` must be an ISO-8601 time/],
    [JSON.stringify({ ...good, rating: 5 }), /`rating` must be 1, 2, 3 or 4/],
    [JSON.stringify({ ...good, rating: '3' }), /`rating` must be 1, 2, 3 or 4/],
    [JSON.stringify({ ...good, ms: 1.5 }), /`ms` must be a whole number/],
    [JSON.stringify({ ...good, ms: -1 }), /`ms` must be a whole number/],
    [JSON.stringify({ ...good, phaseBefore: 'old' }), /`phaseBefore` must be one of new, learning, review, relearning/],
    [JSON.stringify({ ...good, state: null }), /`state` must be an object/],
    [JSON.stringify({ ...good, state: { ...state, due: 'soon' } }), /`state.due` must be an ISO-8601 time/],
    [JSON.stringify({ ...good, state: { ...state, stability: 'NaN' } }), /`state.stability` must be a number/],
    [JSON.stringify({ ...good, state: { ...state, reps: 1.5 } }), /`state.reps` must be a whole number/],
    [JSON.stringify({ ...good, state: { ...state, lapses: undefined } }), /`state.lapses` must be a whole number/],
    [JSON.stringify({ ...good, state: { ...state, phase: 'done' } }), /`state.phase` must be one of/],
    [JSON.stringify({ ...good, state: { ...state, lastReview: 5 } }), /`state.lastReview` must be an ISO-8601 time/],
    [JSON.stringify({ v: 1, type: 'undo', id: 'u', card: 'a', at: good.at }), /`undoes` must be a non-empty string/],
    [JSON.stringify({ v: 1, type: 'practice', id: 'p', card: 'a', at: good.at, rating: 2 }), /`ms` must be a whole number/],
  ])('refuses %s', (line, message) => {
    expect(parseEvent(line)).toMatch(message);
  });

  it('ignores fields it does not know', () => {
    expect(parseEvent(JSON.stringify({ ...good, device: 'laptop' }))).toEqual(events[0]);
  });
});

function sampleStateWithout(state: ReturnType<typeof sampleState>): ReturnType<typeof sampleState> {
  const rest = { ...state };
  delete rest.lastReview;
  return rest;
}
