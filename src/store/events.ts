import { PHASES, type CardState, type Phase, type Rating } from '../schedule/state.js';

/**
 * The review log's line format (a **contract**: the log is the source of truth, and scripts read it).
 *
 * `reviews.jsonl` holds one JSON object per line, each self-contained. Every line has:
 *
 * - `v`: the format version, `1`. A line with a higher `v` was written by a newer prep and is
 *   skipped with a warning.
 * - `type`: `"review"`, `"undo"`, `"skip"` or `"practice"`.
 * - `id`: the event's unique id (base-36 milliseconds, `-`, 16 random hex digits).
 * - `card`: the card id.
 * - `at`: when it happened, ISO-8601 local time with its UTC offset, e.g.
 *   `2026-11-24T09:30:00.000+08:00`.
 *
 * and by type:
 *
 * - `review`: `rating` (1 again, 2 hard, 3 good, 4 easy), `ms` (time taken, an integer),
 *   `phaseBefore` (`new`, `learning`, `review` or `relearning`: the card's phase before the
 *   answer) and `state`, the card's scheduling state after it: `{ phase, due, stability,
 *   difficulty, elapsedDays, scheduledDays, learningSteps, reps, lapses, lastReview? }` with
 *   the times as ISO-8601 strings like `at`.
 * - `undo`: `undoes`, the id of the review it takes back.
 * - `skip`: nothing more; the card waits until the next day start.
 * - `practice`: `rating` and `ms`; a cram answer that changes no schedule.
 *
 * Fields not listed here are ignored, so a later version may add some without raising `v`.
 *
 * @example
 * {"v":1,"type":"review","id":"mwu0p2o0-d6fd1342700c682e","card":"sql/what-is-an-index","at":"2026-11-24T09:30:00.000+08:00","rating":3,"ms":5210,"phaseBefore":"new","state":{"phase":"learning","due":"2026-11-24T09:40:00.000+08:00","stability":2.3065,"difficulty":2.1181,"elapsedDays":0,"scheduledDays":0,"learningSteps":1,"reps":1,"lapses":0,"lastReview":"2026-11-24T09:30:00.000+08:00"}}
 */
export const LOG_VERSION = 1;

interface EventBase {
  /** Unique event id; an undo names the review it takes back by this id. */
  id: string;
  /** The card id. */
  card: string;
  at: Date;
}

/** An answer that moved the card's schedule. */
export interface ReviewEvent extends EventBase {
  type: 'review';
  rating: Rating;
  /** Time taken to answer, in milliseconds. */
  ms: number;
  /** The card's phase before this answer (`new` for its first review). */
  phaseBefore: Phase;
  /** The card's scheduling state after this answer. */
  state: CardState;
}

/** Takes back the review whose id is `undoes`. */
export interface UndoEvent extends EventBase {
  type: 'undo';
  undoes: string;
}

/** The card is put off until the next day start. */
export interface SkipEvent extends EventBase {
  type: 'skip';
}

/** A cram answer: recorded for statistics, changes no schedule. */
export interface PracticeEvent extends EventBase {
  type: 'practice';
  rating: Rating;
  ms: number;
}

/** One line of the review log, parsed. */
export type LogEvent = ReviewEvent | UndoEvent | SkipEvent | PracticeEvent;

/** A fresh, unique event id: the time in base 36 (so ids sort roughly by time) and 64 random bits. */
export function newEventId(at: Date): string {
  return `${Math.max(0, at.getTime()).toString(36)}-${Buffer.from(crypto.getRandomValues(new Uint8Array(8))).toString('hex')}`;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/**
 * ISO-8601 local time with the UTC offset, e.g. `2026-11-24T09:30:00.000+08:00`. It always reads
 * back as the same instant: an offset that is not whole minutes (local mean time before a zone
 * adopted standard time, e.g. -00:44:30) is rounded to the minute and the wall time shifted with it.
 */
export function formatLocalIso(date: Date): string {
  if (Number.isNaN(date.getTime())) {
    throw new RangeError('formatLocalIso: invalid date');
  }
  const localAsUtc = Date.UTC(date.getFullYear(), date.getMonth(), date.getDate(), date.getHours(), date.getMinutes(), date.getSeconds(), date.getMilliseconds());
  const offset = Math.round((localAsUtc - date.getTime()) / 60_000);
  const wall = new Date(date.getTime() + offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}` +
    `T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}.${pad(wall.getUTCMilliseconds(), 3)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

interface StateJson {
  phase: Phase;
  due: string;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  lastReview?: string;
}

function stateToJson(state: CardState): StateJson {
  const json: StateJson = {
    phase: state.phase,
    due: formatLocalIso(state.due),
    stability: state.stability,
    difficulty: state.difficulty,
    elapsedDays: state.elapsedDays,
    scheduledDays: state.scheduledDays,
    learningSteps: state.learningSteps,
    reps: state.reps,
    lapses: state.lapses,
  };
  if (state.lastReview !== undefined) {
    json.lastReview = formatLocalIso(state.lastReview);
  }
  return json;
}

/** The event as one log line: JSON, no line break. */
export function serializeEvent(event: LogEvent): string {
  const head = { v: LOG_VERSION, type: event.type, id: event.id, card: event.card, at: formatLocalIso(event.at) };
  switch (event.type) {
    case 'review':
      return JSON.stringify({
        ...head,
        rating: event.rating,
        ms: event.ms,
        phaseBefore: event.phaseBefore,
        state: stateToJson(event.state),
      });
    case 'undo':
      return JSON.stringify({ ...head, undoes: event.undoes });
    case 'skip':
      return JSON.stringify(head);
    case 'practice':
      return JSON.stringify({ ...head, rating: event.rating, ms: event.ms });
  }
}

/** Thrown inside the parser only; parseEvent turns it into its message. */
class FieldError extends Error {}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/u;

function text(object: JsonObject, key: string, where = ''): string {
  const value = object[key];
  if (typeof value !== 'string' || value === '') {
    throw new FieldError(`\`${where}${key}\` must be a non-empty string`);
  }
  return value;
}

function time(object: JsonObject, key: string, where = ''): Date {
  const value = object[key];
  const date = typeof value === 'string' && ISO_WITH_OFFSET.test(value) ? new Date(value) : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) {
    throw new FieldError(`\`${where}${key}\` must be an ISO-8601 time with a UTC offset`);
  }
  return date;
}

function count(object: JsonObject, key: string, where = ''): number {
  const value = object[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new FieldError(`\`${where}${key}\` must be a whole number of at least 0`);
  }
  return value;
}

function amount(object: JsonObject, key: string, where = ''): number {
  const value = object[key];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new FieldError(`\`${where}${key}\` must be a number of at least 0`);
  }
  return value;
}

function rating(object: JsonObject): Rating {
  const value = object.rating;
  if (value === 1 || value === 2 || value === 3 || value === 4) {
    return value;
  }
  throw new FieldError('`rating` must be 1, 2, 3 or 4');
}

function phase(object: JsonObject, key: string, where = ''): Phase {
  const value = object[key];
  const found = PHASES.find((candidate) => candidate === value);
  if (found === undefined) {
    throw new FieldError(`\`${where}${key}\` must be one of ${PHASES.join(', ')}`);
  }
  return found;
}

function parseState(value: unknown): CardState {
  if (!isObject(value)) {
    throw new FieldError('`state` must be an object');
  }
  const where = 'state.';
  const state: CardState = {
    phase: phase(value, 'phase', where),
    due: time(value, 'due', where),
    stability: amount(value, 'stability', where),
    difficulty: amount(value, 'difficulty', where),
    elapsedDays: amount(value, 'elapsedDays', where),
    scheduledDays: amount(value, 'scheduledDays', where),
    learningSteps: count(value, 'learningSteps', where),
    reps: count(value, 'reps', where),
    lapses: count(value, 'lapses', where),
  };
  if (value.lastReview !== undefined) {
    state.lastReview = time(value, 'lastReview', where);
  }
  return state;
}

/**
 * Parses and checks one log line. Returns the event, or a message saying what is wrong with the
 * line (not JSON, a newer format, an unknown type, a missing or bad field).
 */
export function parseEvent(line: string): LogEvent | string {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return 'not a complete JSON line (torn or garbled)';
  }
  if (!isObject(json)) {
    return 'not a JSON object';
  }
  const { v, type } = json;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) {
    return '`v` must be a format version (1)';
  }
  if (v > LOG_VERSION) {
    return `written by a newer prep (format v${v}; this one reads v${LOG_VERSION})`;
  }
  try {
    const base = { id: text(json, 'id'), card: text(json, 'card'), at: time(json, 'at') };
    switch (type) {
      case 'review':
        return {
          type,
          ...base,
          rating: rating(json),
          ms: count(json, 'ms'),
          phaseBefore: phase(json, 'phaseBefore'),
          state: parseState(json.state),
        };
      case 'undo':
        return { type, ...base, undoes: text(json, 'undoes') };
      case 'skip':
        return { type, ...base };
      case 'practice':
        return { type, ...base, rating: rating(json), ms: count(json, 'ms') };
      default:
        return `unknown event type ${JSON.stringify(type) ?? 'undefined'}`;
    }
  } catch (error) {
    if (error instanceof FieldError) {
      return error.message;
    }
    throw error;
  }
}
