import { PHASES, summaryOf, type CardState, type StateSummary } from '../schedule/state.js';
import type { Column } from './snapshot-file.js';


/** A snapshot's columns of card state, a row per card; lastReview is -1 for none. */
export interface StateColumns {
  phase: Column;
  due: Column;
  stability: Column;
  difficulty: Column;
  elapsedDays: Column;
  scheduledDays: Column;
  learningSteps: Column;
  reps: Column;
  lapses: Column;
  lastReview: Column;
}

/**
 * The card states of a snapshot, each made into a CardState when first asked for: `prep due`
 * looks up the cards in the notes and never builds the states of cards gone from them, and
 * listing the cards builds none. Row `i` is the state of card `ids[i]`, the ids sorted so that a
 * card is found by binary search, with no index to build. States set or taken out since (by the
 * lines appended to the log) are kept beside the rows.
 */
export class SnapshotStates implements ReadonlyMap<string, CardState> {
  private readonly rows: number;
  /** States built so far, by row (as long as the rows from the start: filled out of order, an array that grows goes slow). */
  private readonly built: (CardState | undefined)[];
  /** States set since the snapshot, or taken out (undefined). */
  private readonly changed = new Map<string, CardState | undefined>();

  /** `ids` holds the rows' card ids first, sorted (as {@link rowsSorted} checks). */
  constructor(
    private readonly ids: readonly string[],
    private readonly columns: StateColumns,
  ) {
    this.rows = columns.phase.length;
    this.built = new Array<CardState | undefined>(this.rows);
  }

  get size(): number {
    let size = this.rows;
    for (const [id, state] of this.changed) size += Number(state !== undefined) - Number(this.rowOf(id) !== -1);
    return size;
  }

  get(id: string): CardState | undefined {
    if (this.changed.has(id)) return this.changed.get(id);
    const row = this.rowOf(id);
    return row === -1 ? undefined : this.state(row);
  }

  /** The summary of a card's state, from the columns (no state built) unless it changed since the snapshot. */
  summary(id: string): StateSummary | undefined {
    if (this.changed.has(id)) {
      const state = this.changed.get(id);
      return state && summaryOf(state);
    }
    const row = this.rowOf(id);
    if (row === -1) return undefined;
    const { phase, due, scheduledDays, stability, lapses, lastReview } = this.columns;
    return {
      phase: PHASES[phase[row] ?? 0] ?? 'new',
      due: due[row] ?? 0,
      scheduledDays: scheduledDays[row] ?? 0,
      stability: stability[row] ?? 0,
      lapses: lapses[row] ?? 0,
      lastReview: lastReview[row] ?? -1,
    };
  }

  has(id: string): boolean {
    return this.changed.has(id) ? this.changed.get(id) !== undefined : this.rowOf(id) !== -1;
  }

  set(id: string, state: CardState): this {
    this.changed.set(id, state);
    return this;
  }

  delete(id: string): boolean {
    const had = this.has(id);
    this.changed.set(id, undefined);
    return had;
  }

  /** Whether the snapshot itself has a state for the card, whatever happened since. */
  stored(id: string): boolean {
    return this.rowOf(id) !== -1;
  }

  forEach(callback: (state: CardState, id: string, map: ReadonlyMap<string, CardState>) => void): void {
    for (const [id, state] of this.entries()) callback(state, id, this);
  }

  entries(): MapIterator<[string, CardState]> {
    return this.current()
      .flatMap((id): [string, CardState][] => {
        const state = this.get(id);
        return state ? [[id, state]] : [];
      })
      .values();
  }

  keys(): MapIterator<string> {
    return this.current().values();
  }

  values(): MapIterator<CardState> {
    return this.current()
      .flatMap((id) => this.get(id) ?? [])
      .values();
  }

  [Symbol.iterator](): MapIterator<[string, CardState]> {
    return this.entries();
  }

  /** The cards with a state now: those of the rows not changed since, then those given one since. */
  private current(): string[] {
    const stored = this.ids.slice(0, this.rows);
    if (this.changed.size === 0) return stored;
    const changed = [...this.changed].flatMap(([id, state]) => (state === undefined ? [] : [id]));
    return [...stored.filter((id) => !this.changed.has(id)), ...changed];
  }

  /** The row of a card's state, or -1. */
  private rowOf(id: string): number {
    let low = 0;
    let high = this.rows - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const at = this.ids[middle] ?? '';
      if (at === id) return middle;
      if (at < id) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  private state(row: number): CardState {
    let state = this.built[row];
    if (state === undefined) {
      state = stateAt(this.columns, row);
      this.built[row] = state;
    }
    return state;
  }
}

/** Whether the first `rows` ids are in strictly ascending order, as {@link SnapshotStates} looks them up. */
export function rowsSorted(ids: readonly string[], rows: number): boolean {
  if (rows > ids.length) return false;
  for (let row = 1; row < rows; row++) if (!((ids[row - 1] ?? '') < (ids[row] ?? ''))) return false;
  return true;
}

function stateAt(columns: StateColumns, row: number): CardState {
  const state: CardState = {
    phase: PHASES[columns.phase[row] ?? 0] ?? 'new',
    due: new Date(columns.due[row] ?? 0),
    stability: columns.stability[row] ?? 0,
    difficulty: columns.difficulty[row] ?? 0,
    elapsedDays: columns.elapsedDays[row] ?? 0,
    scheduledDays: columns.scheduledDays[row] ?? 0,
    learningSteps: columns.learningSteps[row] ?? 0,
    reps: columns.reps[row] ?? 0,
    lapses: columns.lapses[row] ?? 0,
  };
  const lastReview = columns.lastReview[row] ?? -1;
  if (lastReview !== -1) state.lastReview = new Date(lastReview);
  return state;
}
