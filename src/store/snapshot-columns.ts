import { eachReview, type LogView } from './fold.js';
import { packColumn, type Bounds, type Column } from './snapshot-file.js';
import { PHASES } from '../schedule/state.js';

/*
 * The columns of a log snapshot: what each holds, what values it may hold, and how a log view
 * is laid out in them (src/store/snapshot-view.ts reads them back).
 */

/** Per card state, a row (lastReview -1 for none): the rows' cards are the first card ids, sorted (see SnapshotStates). */
export const STATE_COLUMNS = [
  'states.phase',
  'states.due',
  'states.stability',
  'states.difficulty',
  'states.elapsedDays',
  'states.scheduledDays',
  'states.learningSteps',
  'states.reps',
  'states.lapses',
  'states.lastReview',
] as const;

/** Per skip, a row, in log order. */
export const SKIP_COLUMNS = ['skips.card', 'skips.at'] as const;

/**
 * Per card with reviews, a row: its card, its first row of reviews (its rows run to the next
 * card's first) and the time of its latest review. Cards come in order of that time, so that the
 * reviews since any time are all in the last rows, after a binary search.
 */
export const GROUP_COLUMNS = ['groups.card', 'groups.first', 'groups.latest'] as const;

/** Per effective review, a row: card by card as the groups say, each card's in log order. */
export const REVIEW_COLUMNS = ['reviews.at', 'reviews.rating', 'reviews.ms', 'reviews.phaseBefore', 'reviews.scheduledDays'] as const;

export type ColumnName = (typeof STATE_COLUMNS)[number] | (typeof SKIP_COLUMNS)[number] | (typeof GROUP_COLUMNS)[number] | (typeof REVIEW_COLUMNS)[number];

/** What each column may hold (a Date is invalid beyond ±8.64e15 ms): a snapshot with anything else is not trusted. */
export function boundsOf(cards: number): Record<ColumnName, Bounds> {
  const card: Bounds = { min: 0, max: cards - 1, whole: true };
  const phase: Bounds = { min: 0, max: PHASES.length - 1, whole: true };
  const instant: Bounds = { min: -8.64e15, max: 8.64e15 };
  const amount: Bounds = { min: 0, max: Number.MAX_VALUE };
  const count: Bounds = { min: 0, max: Number.MAX_SAFE_INTEGER, whole: true };
  return {
    'states.phase': phase,
    'states.due': instant,
    'states.stability': amount,
    'states.difficulty': amount,
    'states.elapsedDays': amount,
    'states.scheduledDays': amount,
    'states.learningSteps': count,
    'states.reps': count,
    'states.lapses': count,
    'states.lastReview': instant,
    'skips.card': card,
    'skips.at': instant,
    'groups.card': card,
    'groups.first': count,
    'groups.latest': instant,
    'reviews.at': instant,
    'reviews.rating': { min: 1, max: 4, whole: true },
    'reviews.ms': count,
    'reviews.phaseBefore': phase,
    'reviews.scheduledDays': amount,
  };
}

/**
 * The columns a snapshot of `log` holds, and the card ids they index: the cards with a state
 * first, sorted, then those with only skips.
 */
export function snapshotColumns(log: LogView): { cards: string[]; columns: Record<ColumnName, Column> } {
  const cards = [...log.states.keys()].sort((a, b) => (a < b ? -1 : 1));
  const indexes = new Map(cards.map((id, index) => [id, index]));
  const indexOf = (id: string): number => {
    let found = indexes.get(id);
    if (found === undefined) {
      found = cards.push(id) - 1;
      indexes.set(id, found);
    }
    return found;
  };
  const states = stateColumns(log, cards);
  const reviews = reviewColumns(log, indexOf);
  const skips = emptyColumns(SKIP_COLUMNS, log.skips.length);
  log.skips.forEach((skip, row) => {
    skips['skips.card'][row] = indexOf(skip.card);
    skips['skips.at'][row] = skip.at.getTime();
  });
  return { cards, columns: mapValues({ ...states, ...reviews, ...skips }, packColumn) };
}

/** The states of the cards with one, in the order of `cards`. */
function stateColumns(log: LogView, cards: readonly string[]): Record<(typeof STATE_COLUMNS)[number], Float64Array> {
  const states = emptyColumns(STATE_COLUMNS, log.states.size);
  for (let row = 0; row < states['states.phase'].length; row++) {
    const state = log.states.get(cards[row] ?? '');
    if (!state) continue;
    states['states.phase'][row] = PHASES.indexOf(state.phase);
    states['states.due'][row] = state.due.getTime();
    states['states.stability'][row] = state.stability;
    states['states.difficulty'][row] = state.difficulty;
    states['states.elapsedDays'][row] = state.elapsedDays;
    states['states.scheduledDays'][row] = state.scheduledDays;
    states['states.learningSteps'][row] = state.learningSteps;
    states['states.reps'][row] = state.reps;
    states['states.lapses'][row] = state.lapses;
    states['states.lastReview'][row] = state.lastReview?.getTime() ?? -1;
  }
  return states;
}

/** A card's reviews among the rows: its card index, its first row, the time of its latest review. */
interface Group {
  card: number;
  first: number;
  latest: number;
}

/** The review rows and their groups, the groups in order of each card's latest review. */
function reviewColumns(log: LogView, indexOf: (id: string) => number): Record<(typeof GROUP_COLUMNS | typeof REVIEW_COLUMNS)[number], Float64Array> {
  const { rows, groups } = visitedRows(log, indexOf);
  const ends = groups.map((_, index) => groups[index + 1]?.first ?? rows['reviews.at'].length);
  // Stable: cards with the same latest time keep the visitor's order.
  const order = groups.map((_, index) => index).sort((a, b) => (groups[a]?.latest ?? 0) - (groups[b]?.latest ?? 0) || a - b);
  const reviews = emptyColumns(REVIEW_COLUMNS, rows['reviews.at'].length);
  const grouped = emptyColumns(GROUP_COLUMNS, groups.length);
  let next = 0;
  order.forEach((index, position) => {
    const { card, first, latest } = groups[index] ?? { card: 0, first: 0, latest: 0 };
    const end = ends[index] ?? first;
    grouped['groups.card'][position] = card;
    grouped['groups.first'][position] = next;
    grouped['groups.latest'][position] = latest;
    for (const name of REVIEW_COLUMNS) reviews[name].set(rows[name].subarray(first, end), next);
    next += end - first;
  });
  return { ...grouped, ...reviews };
}

/** The reviews in the visitor's order (card by card), and each card's group of them. */
function visitedRows(log: LogView, indexOf: (id: string) => number): { rows: Record<(typeof REVIEW_COLUMNS)[number], Float64Array>; groups: Group[] } {
  let count = 0;
  eachReview(log, () => (count += 1));
  const rows = emptyColumns(REVIEW_COLUMNS, count);
  const groups: Group[] = [];
  let row = 0;
  let previous: string | undefined;
  eachReview(log, (id, at, rating, ms, phaseBefore, scheduledDays) => {
    const group = groups.at(-1);
    if (id !== previous || !group) groups.push({ card: indexOf(id), first: row, latest: at });
    else group.latest = Math.max(group.latest, at);
    previous = id;
    rows['reviews.at'][row] = at;
    rows['reviews.rating'][row] = rating;
    rows['reviews.ms'][row] = ms;
    rows['reviews.phaseBefore'][row] = PHASES.indexOf(phaseBefore);
    rows['reviews.scheduledDays'][row] = scheduledDays;
    row += 1;
  });
  return { rows, groups };
}

/** A column of `length` numbers for each name, to fill row by row and then pack. */
function emptyColumns<Name extends ColumnName>(names: readonly Name[], length: number): Record<Name, Float64Array> {
  return Object.fromEntries(names.map((name) => [name, new Float64Array(length)])) as Record<Name, Float64Array>;
}

function mapValues<Key extends string, From, To>(record: Record<Key, From>, map: (value: From) => To): Record<Key, To> {
  return Object.fromEntries(Object.entries<From>(record).map(([key, value]) => [key, map(value)])) as Record<Key, To>;
}
