// Generates a review log: EVENTS events (reviews, plus some undos, skips and cram answers) over
// CARDS card ids, spread over the two years before `now`, with the states a scheduler would have
// written (phases, due dates in the past and the future, stabilities, lapses). Lines are written
// with prep's own serializeEvent, so they are exactly in the log format. Deterministic.

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { makeRandom } from './random.mjs';

export const EVENTS = 200_000;
export const CARDS = 20_000;
/** How many of the log's card ids are cards of the notes (the rest are history of deleted cards). */
export const MATCHED = 9_500;

const MINUTE = 60_000;
const DAY = 86_400_000;
const WINDOW = 730 * DAY;

/** FSRS-6 default initial stabilities and difficulties by first rating (close enough for a benchmark). */
const INITIAL_STABILITY = [0, 0.212, 1.2931, 2.3065, 8.2956];
const INITIAL_DIFFICULTY = [0, 6.41, 5.11, 2.12, 1.0];

const round4 = (value) => Math.round(value * 10_000) / 10_000;
const clamp = (value, min, max) => Math.min(max, Math.max(min, value));

/** Splits `total` events among `cards` cards: at least 4 each, the rest skewed (some cards are drilled far more). */
function budgets(r, cards, total) {
  const counts = new Array(cards).fill(4);
  const weights = Array.from({ length: cards }, () => r.next() ** 2 + 0.05);
  const cumulative = [];
  let sum = 0;
  for (const weight of weights) cumulative.push((sum += weight));
  for (let left = total - cards * 4; left > 0; left--) {
    const roll = r.next() * sum;
    let lo = 0;
    let hi = cards - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < roll) lo = mid + 1;
      else hi = mid;
    }
    counts[lo]++;
  }
  return counts;
}

function reviewRating(r, phase) {
  if (phase === 'new') return r.weighted([[1, 15], [2, 10], [3, 60], [4, 15]]);
  if (phase === 'learning' || phase === 'relearning') return r.weighted([[1, 15], [2, 10], [3, 70], [4, 5]]);
  return r.weighted([[1, 9], [2, 14], [3, 67], [4, 10]]);
}

/**
 * The next scheduling state after `rating`, on relative times. `interval` is in ms: minutes
 * for a (re)learning step, whole days otherwise.
 */
function nextState(r, state, rating) {
  const next = { ...state, reps: state.reps + 1 };
  const days = (stability) => Math.max(1, Math.min(3650, Math.round(stability * r.float(0.95, 1.05))));
  if (state.phase === 'new') {
    next.stability = INITIAL_STABILITY[rating];
    next.difficulty = INITIAL_DIFFICULTY[rating];
  } else {
    next.difficulty = clamp(state.difficulty + (3 - rating) * 0.6, 1, 10);
  }
  if (state.phase === 'review') {
    if (rating === 1) {
      next.stability = Math.max(0.1, state.stability * r.float(0.15, 0.4));
      next.lapses = state.lapses + 1;
      next.phase = 'relearning';
      next.learningSteps = 0;
      next.interval = 10 * MINUTE;
    } else {
      // Stability grows less the more stable a card already is (as in FSRS).
      const growth = [0, 0, 0.3, 2.2, 3.5][rating] * (state.stability + 1) ** -0.2 * r.float(0.8, 1.2);
      next.stability = Math.min(3650, state.stability * (1 + growth));
      next.phase = 'review';
      next.interval = days(next.stability) * DAY;
    }
  } else if (rating === 4 || (rating === 3 && (state.phase !== 'new' || r.chance(0.2)))) {
    // Graduates from (re)learning.
    if (state.phase !== 'new') next.stability = state.stability * r.float(1.1, 1.6);
    next.phase = 'review';
    next.learningSteps = 0;
    next.interval = days(next.stability) * DAY;
  } else {
    next.phase = state.phase === 'relearning' ? 'relearning' : 'learning';
    next.learningSteps = rating === 3 ? 1 : 0;
    next.interval = (rating === 1 ? 1 : rating === 2 ? 6 : 10) * MINUTE;
  }
  return next;
}

/** When the next event after a review comes: in the same session for a step, later (often late) for days. */
function nextTime(r, at, interval) {
  if (interval < DAY) return at + interval + r.int(0, 5 * MINUTE);
  return at + interval + Math.floor(r.next() ** 3 * 0.4 * interval) + r.int(-6, 12) * 3_600_000;
}

/** One card's events on a relative clock (its first review at 0). */
function simulateCard(r, budget) {
  const events = [];
  let state = { phase: 'new', stability: 0, difficulty: 0, learningSteps: 0, reps: 0, lapses: 0, interval: 0 };
  const previous = [];
  let at = 0;
  let lastReview;
  while (events.length < budget) {
    const left = budget - events.length;
    const last = events[events.length - 1];
    const roll = r.next();
    if (last?.type === 'review' && left >= 2 && roll < 0.02) {
      // Undo the answer just given, then answer again.
      const undoAt = last.at + r.int(2, 15) * 1000;
      events.push({ type: 'undo', at: undoAt, undoes: last });
      state = previous.pop();
      lastReview = state.lastReviewAt;
      at = undoAt + r.int(3, 20) * 1000;
      continue;
    }
    if (last && roll < 0.04) {
      events.push({ type: 'skip', at });
      at += DAY + r.int(0, 12) * 3_600_000;
      continue;
    }
    if (last && roll < 0.05 && state.phase === 'review') {
      const practiceAt = last.at + Math.floor((at - last.at) * r.next());
      if (practiceAt > last.at) {
        events.push({ type: 'practice', at: practiceAt, rating: reviewRating(r, 'review'), ms: r.int(1500, 40_000) });
        continue;
      }
    }
    // Learning steps are mostly finished in the session they start in: near the end of a card's
    // budget, a card is usually answered Good, so few cards end up stuck in a (re)learning step.
    const finishing = left <= 2 && state.phase !== 'new' && r.chance(0.95);
    const rating = finishing ? 3 : reviewRating(r, state.phase);
    previous.push(state);
    const next = nextState(r, state, rating);
    next.lastReviewAt = at;
    next.previousReviewAt = lastReview;
    events.push({ type: 'review', at, rating, ms: r.int(1200, 60_000), phaseBefore: state.phase, state: next });
    lastReview = at;
    state = next;
    at = nextTime(r, at, next.interval);
  }
  return { events, state };
}

/**
 * Places one card's relative events on the real clock, ending before `now`: a card of the notes
 * was last answered within about its last interval (so some are overdue, most are not yet due);
 * history of a deleted card ends one to eighteen months ago. Spans longer than the window are
 * squeezed into it.
 */
function placeCard(r, simulated, matched, now) {
  const { events, state } = simulated;
  const lastAt = events[events.length - 1].at;
  let end;
  if (!matched) end = now - r.int(30, 540) * DAY;
  else if (state.interval < DAY && r.chance(0.5)) end = now - r.int(1, 90) * MINUTE;
  else end = now - Math.max(MINUTE, Math.floor(r.next() * 1.15 * Math.min(Math.max(state.interval, DAY), 365 * DAY)));
  // When the card's history would not fit between the window's start and its end, it is squeezed
  // into a random part of that room, so first reviews spread over the two years.
  const room = Math.max(DAY, Math.floor((end - (now - WINDOW)) * r.float(0.2, 1)));
  const scale = lastAt > room ? room / lastAt : 1;
  const start = end - lastAt * scale;
  const place = (relative) => Math.round(start + relative * scale);
  return { place, scale };
}

/**
 * Writes the log to `file`: EVENTS lines over `matchedIds` (cards of the notes) and CARDS −
 * matchedIds.length invented ids, sorted by time. Returns counts for the report.
 */
export async function generateLog(file, matchedIds, { now, serializeEvent, seed = 7_654_321 }) {
  const r = makeRandom(seed);
  const ids = [...matchedIds];
  const orphanIds = new Set(matchedIds);
  while (ids.length < CARDS) {
    const id = r.hex(10);
    if (!orphanIds.has(id)) {
      orphanIds.add(id);
      ids.push(id);
    }
  }
  const perCard = budgets(r, CARDS, EVENTS);
  // Each event is serialised as soon as it is made; lines are sorted by time at the end.
  const times = [];
  const lines = [];
  const emit = (at, event) => {
    times.push(at);
    lines.push(serializeEvent(event));
  };
  const counts = { review: 0, undo: 0, skip: 0, practice: 0 };
  ids.forEach((card, index) => {
    const simulated = simulateCard(r, perCard[index]);
    const { place } = placeCard(r, simulated, index < matchedIds.length, now);
    const eventIds = new Map();
    for (const event of simulated.events) {
      const at = place(event.at);
      const id = `${at.toString(36)}-${r.hex(16)}`;
      eventIds.set(event, id);
      counts[event.type]++;
      const base = { id, card, at: new Date(at) };
      if (event.type === 'review') {
        const s = event.state;
        const due = at + s.interval;
        const previousAt = s.previousReviewAt === undefined ? undefined : place(s.previousReviewAt);
        emit(at, {
          ...base,
          type: 'review',
          rating: event.rating,
          ms: event.ms,
          phaseBefore: event.phaseBefore,
          state: {
            phase: s.phase,
            due: new Date(due),
            stability: round4(s.stability),
            difficulty: round4(s.difficulty),
            elapsedDays: previousAt === undefined ? 0 : Math.max(0, Math.round((at - previousAt) / DAY)),
            scheduledDays: s.interval >= DAY ? Math.round(s.interval / DAY) : 0,
            learningSteps: s.learningSteps,
            reps: s.reps,
            lapses: s.lapses,
            lastReview: new Date(at),
          },
        });
      } else if (event.type === 'undo') {
        emit(at, { ...base, type: 'undo', undoes: eventIds.get(event.undoes) });
      } else if (event.type === 'skip') {
        emit(at, { ...base, type: 'skip' });
      } else {
        emit(at, { ...base, type: 'practice', rating: event.rating, ms: event.ms });
      }
    }
  });
  const order = Array.from(times.keys()).sort((a, b) => times[a] - times[b] || a - b);
  const out = createWriteStream(file, { mode: 0o600 });
  for (let start = 0; start < order.length; start += 5_000) {
    const chunk = order.slice(start, start + 5_000).map((index) => lines[index]);
    if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  const first = times[order[0]];
  const last = times[order[order.length - 1]];
  return { lines: lines.length, cards: ids.length, matched: matchedIds.length, orphans: ids.length - matchedIds.length, first: new Date(first), last: new Date(last), ...counts };
}
