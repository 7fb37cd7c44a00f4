import { eachReview, eachReviewRun, runOf, type Folded, type LogView, type ReviewFact, type ReviewRun } from './fold.js';
import { boundsOf, GROUP_COLUMNS, REVIEW_COLUMNS, SKIP_COLUMNS, STATE_COLUMNS, type ColumnName } from './snapshot-columns.js';
import type { Bounds, Column, SnapshotFile } from './snapshot-file.js';
import { rowsSorted, SnapshotStates } from './snapshot-states.js';
import { PHASES, type Rating } from '../schedule/state.js';

/** What `reviewsBetween` reads for the rows whose time falls in range. */
const FACT_COLUMNS = ['reviews.rating', 'reviews.ms', 'reviews.phaseBefore', 'reviews.scheduledDays'] as const;

type Columns<Names extends readonly ColumnName[]> = { -readonly [K in keyof Names]: Column };

/** The groups of review rows, checked to cover the rows in order. */
interface Groups {
  card: Column;
  first: Column;
  latest: Column;
  /** Rows of reviews, in every review column. */
  rows: number;
}

/**
 * The log view restored from a snapshot file, reading only what its callers ask for: `prep due`
 * the states of the cards in the notes (each built when asked for), today's skips and today's
 * reviews (found in the last rows), `prep stats` every review without an object each; `history`
 * and `skips` are built only for a caller that wants them. What was appended to the log since the
 * snapshot is kept beside the columns. A column found unsound when read makes the view fall back
 * to `rebuild` (the fold of the whole log) for what that column holds.
 */
export class SnapshotView implements LogView {
  /** Reviews and skips appended since the snapshot, in log order (undone reviews taken out). */
  private readonly appended: { card: string; fact: ReviewFact }[] = [];
  private readonly appendedSkips: { card: string; at: Date }[] = [];
  private readonly loaded = new Map<ColumnName, Column>();
  private groupTable: Groups | undefined;
  private built: Map<string, ReviewFact[]> | undefined;
  private builtSkips: { card: string; at: Date }[] | undefined;
  private rebuilt: Folded | undefined;

  private constructor(
    private readonly file: SnapshotFile,
    private readonly bounds: Record<ColumnName, Bounds>,
    readonly states: SnapshotStates,
    private readonly rebuild: () => Folded,
  ) {}

  /** The view of a snapshot file, or undefined when its states are unsound. */
  static restore(file: SnapshotFile, rebuild: () => Folded): SnapshotView | undefined {
    const { cards } = file.header;
    const bounds = boundsOf(cards.length);
    const read = readColumns(file, STATE_COLUMNS, bounds);
    if (!read || !rowsSorted(cards, read[0].length)) return undefined;
    const [phase, due, stability, difficulty, elapsedDays, scheduledDays, learningSteps, reps, lapses, lastReview] = read;
    const states = new SnapshotStates(cards, { phase, due, stability, difficulty, elapsedDays, scheduledDays, learningSteps, reps, lapses, lastReview });
    return new SnapshotView(file, bounds, states, rebuild);
  }

  get history(): ReadonlyMap<string, readonly ReviewFact[]> {
    this.built ??= historyOf(this);
    return this.built;
  }

  get skips(): readonly { card: string; at: Date }[] {
    this.builtSkips ??= this.skipsWhere(() => true);
    return this.builtSkips;
  }

  /** The skips whose time falls in [from, to), reading the times and building only those. */
  skipsBetween(from: Date, to: Date): { card: string; at: Date }[] {
    return this.skipsWhere((at) => at >= from.getTime() && at < to.getTime());
  }

  /** The reviews whose time falls in [from, to): the snapshot's found in its last rows, those of the cards reviewed since `from`. */
  reviewsBetween(from: Date, to: Date): ReviewFact[] {
    const inRange = (at: number): boolean => at >= from.getTime() && at < to.getTime();
    const stored = this.storedReviews(inRange, from.getTime());
    if (!stored) return [...this.fold().history.values()].flat().filter((fact) => inRange(fact.at.getTime()));
    return [...stored, ...this.appended.map(({ fact }) => fact).filter((fact) => inRange(fact.at.getTime()))];
  }

  /** Visits the snapshot's rows card by card, straight from its columns, each card's appended reviews right after its rows, then the appended reviews of cards without rows. */
  eachReviewRun(visit: (run: ReviewRun) => void): void {
    const groups = this.groups();
    const columns = groups && this.columns(REVIEW_COLUMNS);
    if (!groups || !columns) {
      eachReviewRun(this.fold(), visit);
      return;
    }
    const [at, rating, ms, phaseBefore, scheduledDays] = columns;
    const pending = byCard(this.appended);
    const { cards } = this.file.header;
    for (let group = 0; group < groups.card.length; group++) {
      const card = cards[groups.card[group] ?? 0] ?? '';
      const to = groups.first[group + 1] ?? groups.rows;
      visit({ card, from: groups.first[group] ?? to, to, at, rating, ms, phaseBefore, scheduledDays });
      if (pending.size > 0) visitPending(card, pending, visit);
    }
    for (const id of pending.keys()) visitPending(id, pending, visit);
  }

  /** Adds a review appended to the log since the snapshot. */
  addReview(card: string, fact: ReviewFact): void {
    this.appended.push({ card, fact });
    this.built = undefined;
  }

  /** Takes an appended review out; true when it was its card's last review. */
  removeReview(card: string, fact: ReviewFact): boolean {
    const index = this.appended.findIndex((entry) => entry.fact === fact);
    const wasLast = index !== -1 && !this.appended.slice(index + 1).some((entry) => entry.card === card);
    if (index !== -1) this.appended.splice(index, 1);
    this.built = undefined;
    return wasLast;
  }

  /** Adds a skip appended to the log since the snapshot. */
  addSkip(card: string, at: Date): void {
    this.appendedSkips.push({ card, at });
    this.builtSkips = undefined;
  }

  /** Whether the card has any review left: an appended one, or rows in the snapshot (whose cards are exactly those it has a state for). */
  hasReviews(card: string): boolean {
    return this.appended.some((entry) => entry.card === card) || this.states.stored(card);
  }

  /** The skips whose time `accept`s, the snapshot's then the appended ones. */
  private skipsWhere(accept: (at: number) => boolean): { card: string; at: Date }[] {
    const columns = this.columns(SKIP_COLUMNS);
    if (!columns) return this.fold().skips.filter((skip) => accept(skip.at.getTime()));
    const [card, at] = columns;
    const { cards } = this.file.header;
    const found: { card: string; at: Date }[] = [];
    for (let row = 0; row < card.length; row++) if (accept(at[row] ?? 0)) found.push({ card: cards[card[row] ?? 0] ?? '', at: new Date(at[row] ?? 0) });
    return [...found, ...this.appendedSkips.filter((skip) => accept(skip.at.getTime()))];
  }

  /** The snapshot's reviews whose time `inRange` accepts, all at `since` or later; undefined when their columns are unsound. */
  private storedReviews(inRange: (at: number) => boolean, since: number): ReviewFact[] | undefined {
    const groups = this.groups();
    if (!groups) return undefined;
    const start = groups.first[firstAtOrAfter(groups.latest, since)] ?? groups.rows;
    const [at] = this.slice(['reviews.at'], start, groups.rows) ?? [];
    if (!at) return undefined;
    const rows: number[] = [];
    for (let row = 0; row < at.length; row++) if (inRange(at[row] ?? 0)) rows.push(row);
    if (rows.length === 0) return [];
    const low = rows[0] ?? 0;
    const facts = this.slice(FACT_COLUMNS, start + low, start + (rows.at(-1) ?? 0) + 1);
    if (!facts) return undefined;
    const [rating, ms, phaseBefore, scheduledDays] = facts;
    return rows.map((row) => ({
      at: new Date(at[row] ?? 0),
      rating: (rating[row - low] ?? 1) as Rating,
      ms: ms[row - low] ?? 0,
      phaseBefore: PHASES[phaseBefore[row - low] ?? 0] ?? 'new',
      state: { scheduledDays: scheduledDays[row - low] ?? 0 },
    }));
  }

  /** The groups of review rows, read once; undefined when they are unsound or do not cover the rows in order. */
  private groups(): Groups | undefined {
    if (this.groupTable) return this.groupTable;
    const columns = this.columns(GROUP_COLUMNS);
    const rows = this.file.length(REVIEW_COLUMNS[0]);
    if (!columns || REVIEW_COLUMNS.some((name) => this.file.length(name) !== rows)) return undefined;
    const [card, first, latest] = columns;
    if (!coverInOrder(first, rows)) return undefined;
    this.groupTable = { card, first, latest, rows };
    return this.groupTable;
  }

  /** The named columns of one table, each read once; undefined when one is unsound. */
  private columns<Names extends readonly ColumnName[]>(names: Names): Columns<Names> | undefined {
    const missing = names.filter((name) => !this.loaded.has(name));
    const read = missing.length > 0 ? readColumns(this.file, missing, this.bounds) : [];
    if (!read) return undefined;
    missing.forEach((name, index) => this.loaded.set(name, read[index] ?? new Uint8Array()));
    const columns = names.map((name) => this.loaded.get(name) ?? new Uint8Array());
    return sameLength(columns) ? (columns as Columns<Names>) : undefined;
  }

  /** Rows `from` to `to` of the named columns: from those read whole, else read on their own. */
  private slice<Names extends readonly ColumnName[]>(names: Names, from: number, to: number): Columns<Names> | undefined {
    const whole = names.map((name) => this.loaded.get(name));
    if (whole.every((column) => column !== undefined)) return whole.map((column) => column.subarray(from, to)) as Columns<Names>;
    return this.file.read(names, this.bounds, from, to) as Columns<Names> | undefined;
  }

  private fold(): Folded {
    this.rebuilt ??= this.rebuild();
    return this.rebuilt;
  }
}

/** The named columns of one table, read and checked; undefined when one is unsound or they differ in length. */
function readColumns<Names extends readonly ColumnName[]>(file: SnapshotFile, names: Names, bounds: Record<ColumnName, Bounds>): Columns<Names> | undefined {
  const columns = file.read(names, bounds);
  return columns && sameLength(columns) ? (columns as Columns<Names>) : undefined;
}

/** Whether the columns of one table have as many rows each. */
function sameLength(columns: readonly Column[]): boolean {
  return columns.every((column) => column.length === columns[0]?.length);
}

/** Whether groups' first rows start at 0 and never go back or past the rows, so that the groups cover them. */
function coverInOrder(first: Column, rows: number): boolean {
  if (first.length > 0 && first[0] !== 0) return false;
  for (let group = 1; group < first.length; group++) if ((first[group] ?? 0) < (first[group - 1] ?? 0)) return false;
  return (first[first.length - 1] ?? 0) <= rows;
}

/** The first index whose value is `time` or later in ascending values (their length when none is). */
function firstAtOrAfter(values: Column, time: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((values[middle] ?? 0) < time) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The appended reviews grouped by card, in the order their cards first appear. */
function byCard(appended: readonly { card: string; fact: ReviewFact }[]): Map<string, ReviewFact[]> {
  const grouped = new Map<string, ReviewFact[]>();
  for (const { card, fact } of appended) grouped.set(card, [...(grouped.get(card) ?? []), fact]);
  return grouped;
}

/** Visits a card's appended reviews, once: they leave `pending`. */
function visitPending(card: string, pending: Map<string, ReviewFact[]>, visit: (run: ReviewRun) => void): void {
  const facts = pending.get(card);
  if (facts) visit(runOf(card, facts));
  pending.delete(card);
}

/** Each card's reviews, as objects: for the callers that want `history`. */
function historyOf(log: LogView): Map<string, ReviewFact[]> {
  const history = new Map<string, ReviewFact[]>();
  eachReview(log, (card, at, rating, ms, phaseBefore, scheduledDays) => {
    const fact: ReviewFact = { at: new Date(at), rating, ms, phaseBefore, state: { scheduledDays } };
    const facts = history.get(card);
    if (facts) facts.push(fact);
    else history.set(card, [fact]);
  });
  return history;
}
