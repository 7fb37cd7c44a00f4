import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { readCacheFile, writeCacheFile } from '../cache-file.js';
import path from 'node:path';
import type { Diagnostic } from '../notes/card.js';
import type { CardState, Phase, Rating } from '../schedule/state.js';
import { foldLog, type LogView, type ReviewFact } from './fold.js';
import { parseLogText, readLog, reviewLogPath } from './log.js';
import type { LogEvent } from './events.js';

/** Set by the build to a hash of the store's source: a snapshot is trusted only by the code that wrote it. */
declare const PREP_STORE_VERSION: string | undefined;
const STORE_VERSION = typeof PREP_STORE_VERSION === 'string' ? PREP_STORE_VERSION : 'source';

const PHASES: readonly Phase[] = ['new', 'learning', 'review', 'relearning'];
/** Log bytes just before the snapshot's offset that must still be there for the snapshot to hold. */
const TAIL_BYTES = 256;
const STATE_FIELDS = 11;
const FACT_FIELDS = 6;

/**
 * The snapshot: the log view as flat number arrays (cards by index), and where in the log it
 * ends. A cache: rebuilt from the log when missing, stale or corrupt. On disk: this header as one
 * JSON line, padded to a multiple of 8 bytes, then the numbers as 64-bit floats (states, history,
 * skips, in that order), which load without parsing.
 */
interface SnapshotFile {
  version: string;
  ino: number;
  /** Bytes of the log the snapshot covers, and the lines in them. */
  offset: number;
  lines: number;
  /** The log's last bytes before `offset`, base64: a log replaced or rewritten does not match. */
  tail: string;
  cards: string[];
  /** Per state: card, phase, due, stability, difficulty, elapsedDays, scheduledDays, learningSteps, reps, lapses, lastReview (-1: none). */
  states: ArrayLike<number>;
  /** Per review, each card's in log order: card, at, rating, ms, phase before, scheduledDays after. */
  history: ArrayLike<number>;
  /** Per skip: card, at. */
  skips: ArrayLike<number>;
  /** The warnings of the lines covered, given again on every read as reading the whole log would. */
  warnings: Diagnostic[];
}

/** Where the snapshot of the review log lives in the data directory. */
export function snapshotPath(dir: string): string {
  return path.join(dir, 'cache', 'log-view.snapshot');
}

/**
 * The review log as `prep due` and `prep stats` read it, without reading and folding the whole
 * log on every start: the snapshot of an earlier run plus the lines appended since. Falls back
 * to reading the whole log (and writes a new snapshot) when the snapshot is missing, corrupt or
 * does not match the log, and when a new line undoes a review from before the snapshot. Warnings
 * are those of the lines read.
 */
export function readLogView(dir: string): { view: LogView; warnings: Diagnostic[] } {
  const file = reviewLogPath(dir);
  const fromSnapshot = readFromSnapshot(dir, file);
  if (fromSnapshot) return fromSnapshot;
  const size = statSync(file, { throwIfNoEntry: false })?.size;
  const { events, warnings } = readLog(dir);
  const view = foldLog(events);
  const after = statSync(file, { throwIfNoEntry: false });
  if (after && after.size === size) writeSnapshot(dir, file, view, after.ino, after.size, warnings);
  return { view, warnings };
}

function readFromSnapshot(dir: string, file: string): { view: LogView; warnings: Diagnostic[] } | undefined {
  const snapshot = readSnapshotFile(snapshotPath(dir));
  if (!snapshot) return undefined;
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.ino !== snapshot.ino || stat.size < snapshot.offset) return undefined;
    const before = Math.min(TAIL_BYTES, snapshot.offset);
    if (bytesAt(fd, snapshot.offset - before, before).toString('base64') !== snapshot.tail) return undefined;
    const appended = bytesAt(fd, snapshot.offset, stat.size - snapshot.offset);
    const complete = appended.lastIndexOf(0x0a) + 1;
    const view = new SnapshotView(snapshot);
    const whole = parseLogText(appended.subarray(0, complete).toString('utf8'), file, snapshot.lines + 1);
    if (!applyAll(view, whole.events)) return undefined;
    const lines = snapshot.lines + countLines(appended.subarray(0, complete));
    const covered = [...snapshot.warnings, ...whole.warnings];
    if (complete > 0) writeSnapshotAt(dir, fd, view, { ino: stat.ino, offset: snapshot.offset + complete, lines, warnings: covered });
    // A last line without its line break counts as readLog counts it, but stays out of the snapshot.
    const torn = parseLogText(appended.subarray(complete).toString('utf8'), file, lines + 1);
    if (!applyAll(view, torn.events)) return undefined;
    const warnings = [...covered, ...torn.warnings];
    return { view, warnings };
  } finally {
    closeSync(fd);
  }
}

/**
 * The log view restored from a snapshot: states and skips at once, the reviews only when asked,
 * so that `prep due`, which needs only today's, never builds the other ~200,000.
 */
class SnapshotView implements LogView {
  readonly states = new Map<string, CardState>();
  readonly skips: { card: string; at: Date }[] = [];
  /** Reviews appended since the snapshot, in log order (undone ones taken out). */
  private readonly appended: { card: string; fact: ReviewFact }[] = [];
  private built: Map<string, ReviewFact[]> | undefined;

  constructor(private readonly snapshot: SnapshotFile) {
    const s = snapshot.states;
    for (let i = 0; i < s.length; i += STATE_FIELDS) {
      const at = (field: number): number => s[i + field] ?? 0;
      const state: CardState = {
        phase: PHASES[at(1)] ?? 'new',
        due: new Date(at(2)),
        stability: at(3),
        difficulty: at(4),
        elapsedDays: at(5),
        scheduledDays: at(6),
        learningSteps: at(7),
        reps: at(8),
        lapses: at(9),
      };
      if (at(10) >= 0) state.lastReview = new Date(at(10));
      this.states.set(this.card(at(0)), state);
    }
    for (let i = 0; i < snapshot.skips.length; i += 2) this.skips.push({ card: this.card(snapshot.skips[i] ?? 0), at: new Date(snapshot.skips[i + 1] ?? 0) });
  }

  get history(): ReadonlyMap<string, readonly ReviewFact[]> {
    this.built ??= this.build();
    return this.built;
  }

  /** The reviews whose time falls in [from, to), found without building the others. */
  reviewsBetween(from: Date, to: Date): ReviewFact[] {
    const inRange = (at: number): boolean => at >= from.getTime() && at < to.getTime();
    if (this.built) return [...this.built.values()].flat().filter((fact) => inRange(fact.at.getTime()));
    const found: ReviewFact[] = [];
    const h = this.snapshot.history;
    for (let i = 0; i < h.length; i += FACT_FIELDS) {
      if (inRange(h[i + 1] ?? 0)) found.push(this.fact(i));
    }
    return [...found, ...this.appended.map(({ fact }) => fact).filter((fact) => inRange(fact.at.getTime()))];
  }

  addReview(card: string, fact: ReviewFact): void {
    this.appended.push({ card, fact });
    this.built?.set(card, [...(this.built.get(card) ?? []), fact]);
  }

  /** Takes an appended review out; true when it was its card's last review. */
  removeReview(card: string, fact: ReviewFact): boolean {
    const index = this.appended.findIndex((entry) => entry.fact === fact);
    const wasLast = index !== -1 && !this.appended.slice(index + 1).some((entry) => entry.card === card);
    if (index !== -1) this.appended.splice(index, 1);
    if (this.built) {
      const rest = (this.built.get(card) ?? []).filter((other) => other !== fact);
      if (rest.length === 0) this.built.delete(card);
      else this.built.set(card, rest);
    }
    return wasLast;
  }

  /** Whether the card has any review left. */
  hasReviews(card: string): boolean {
    if (this.built) return (this.built.get(card)?.length ?? 0) > 0;
    if (this.appended.some((entry) => entry.card === card)) return true;
    const index = this.snapshot.cards.indexOf(card);
    const h = this.snapshot.history;
    for (let i = 0; i < h.length; i += FACT_FIELDS) if (h[i] === index) return true;
    return false;
  }

  private build(): Map<string, ReviewFact[]> {
    const history = new Map<string, ReviewFact[]>();
    const add = (card: string, fact: ReviewFact): void => {
      const facts = history.get(card);
      if (facts) facts.push(fact);
      else history.set(card, [fact]);
    };
    for (let i = 0; i < this.snapshot.history.length; i += FACT_FIELDS) add(this.card(this.snapshot.history[i] ?? 0), this.fact(i));
    for (const { card, fact } of this.appended) add(card, fact);
    return history;
  }

  private fact(i: number): ReviewFact {
    const h = this.snapshot.history;
    return {
      at: new Date(h[i + 1] ?? 0),
      rating: (h[i + 2] ?? 1) as Rating,
      ms: h[i + 3] ?? 0,
      phaseBefore: PHASES[h[i + 4] ?? 0] ?? 'new',
      state: { scheduledDays: h[i + 5] ?? 0 },
    };
  }

  private card(index: number): string {
    return this.snapshot.cards[index] ?? '';
  }
}

/** Applies appended events; false when one cannot be applied to a view (an undo of an older review). */
function applyAll(view: SnapshotView, events: LogEvent[]): boolean {
  const appended = new Map<string, { card: string; fact: ReviewFact; before: CardState | undefined }>();
  for (const event of events) {
    if (event.type === 'review') {
      const fact: ReviewFact = { at: event.at, rating: event.rating, ms: event.ms, phaseBefore: event.phaseBefore, state: event.state };
      appended.set(event.id, { card: event.card, fact, before: view.states.get(event.card) });
      view.addReview(event.card, fact);
      view.states.set(event.card, event.state);
    } else if (event.type === 'skip') {
      view.skips.push({ card: event.card, at: event.at });
    } else if (event.type === 'undo') {
      const review = appended.get(event.undoes);
      if (!review) return false;
      appended.delete(event.undoes);
      undoReview(view, review);
    }
  }
  return true;
}

/** Takes a review out as the fold does: the card's state goes back only when it was its last review. */
function undoReview(view: SnapshotView, review: { card: string; fact: ReviewFact; before: CardState | undefined }): void {
  if (!view.removeReview(review.card, review.fact)) return;
  if (review.before === undefined || !view.hasReviews(review.card)) view.states.delete(review.card);
  else view.states.set(review.card, review.before);
}

function writeSnapshot(dir: string, file: string, view: LogView, ino: number, size: number, warnings: Diagnostic[]): void {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    // With a torn last line the view holds more than whole lines: wait for a log that ends in one.
    if (size > 0 && bytesAt(fd, size - 1, 1)[0] !== 0x0a) return;
    writeSnapshotAt(dir, fd, view, { ino, offset: size, lines: linesIn(fd, size), warnings });
  } catch {
    // A snapshot is only a speed-up.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function writeSnapshotAt(dir: string, fd: number, view: LogView, at: { ino: number; offset: number; lines: number; warnings: Diagnostic[] }): void {
  const before = Math.min(TAIL_BYTES, at.offset);
  const tail = bytesAt(fd, at.offset - before, before).toString('base64');
  const cards: string[] = [];
  const indexOf = new Map<string, number>();
  const index = (id: string): number => {
    let found = indexOf.get(id);
    if (found === undefined) {
      found = cards.push(id) - 1;
      indexOf.set(id, found);
    }
    return found;
  };
  const states: number[] = [];
  for (const [id, s] of view.states) {
    states.push(index(id), PHASES.indexOf(s.phase), s.due.getTime(), s.stability, s.difficulty, s.elapsedDays, s.scheduledDays, s.learningSteps, s.reps, s.lapses, s.lastReview?.getTime() ?? -1);
  }
  const history: number[] = [];
  for (const [id, facts] of view.history) {
    for (const fact of facts) history.push(index(id), fact.at.getTime(), fact.rating, fact.ms, PHASES.indexOf(fact.phaseBefore), fact.state.scheduledDays);
  }
  const skips = view.skips.flatMap((skip) => [index(skip.card), skip.at.getTime()]);
  const header = { version: STORE_VERSION, ...at, tail, cards, counts: [states.length, history.length, skips.length] };
  const numbers = new Float64Array(states.length + history.length + skips.length);
  numbers.set(states);
  numbers.set(history, states.length);
  numbers.set(skips, states.length + history.length);
  writeCacheFile(snapshotPath(dir), Buffer.concat([paddedLine(JSON.stringify(header)), new Uint8Array(numbers.buffer)]));
}

/** A JSON line padded with spaces so that what follows starts at a multiple of 8 bytes. */
function paddedLine(json: string): Buffer {
  const length = Buffer.byteLength(json) + 1;
  return Buffer.from(`${json}${' '.repeat((8 - (length % 8)) % 8)}\n`);
}

function readSnapshotFile(file: string): SnapshotFile | undefined {
  try {
    const bytes = readCacheFile(file);
    if (!bytes) return undefined;
    const end = bytes.indexOf(0x0a);
    if (end === -1 || (end + 1) % 8 !== 0) return undefined;
    const header = JSON.parse(bytes.subarray(0, end).toString('utf8')) as Partial<SnapshotFile & { counts: number[] }> | null;
    if (!header || header.version !== STORE_VERSION) return undefined;
    const [states = -1, history = -1, skips = -1] = Array.isArray(header.counts) ? header.counts : [];
    const numbers = new Float64Array(bytes.buffer.slice(bytes.byteOffset + end + 1, bytes.byteOffset + bytes.length));
    const valid =
      typeof header.ino === 'number' &&
      typeof header.offset === 'number' &&
      typeof header.lines === 'number' &&
      typeof header.tail === 'string' &&
      Array.isArray(header.cards) &&
      header.cards.every((card) => typeof card === 'string') &&
      Array.isArray(header.warnings) &&
      header.warnings.every((warning) => typeof warning?.file === 'string' && typeof warning.line === 'number' && typeof warning.message === 'string') &&
      states % STATE_FIELDS === 0 &&
      history % FACT_FIELDS === 0 &&
      skips % 2 === 0 &&
      states >= 0 && history >= 0 && skips >= 0 &&
      states + history + skips === numbers.length &&
      numbers.every(Number.isFinite);
    if (!valid) return undefined;
    return {
      ...(header as SnapshotFile),
      states: numbers.subarray(0, states),
      history: numbers.subarray(states, states + history),
      skips: numbers.subarray(states + history),
    };
  } catch {
    return undefined;
  }
}

function bytesAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(Math.max(0, length));
  let read = 0;
  while (read < buffer.length) {
    const got = readSync(fd, buffer, read, buffer.length - read, position + read);
    if (got === 0) break;
    read += got;
  }
  return buffer.subarray(0, read);
}

/** Line breaks in the first `size` bytes of a file, read a megabyte at a time. */
function linesIn(fd: number, size: number): number {
  let lines = 0;
  for (let position = 0; position < size; position += 1 << 20) lines += countLines(bytesAt(fd, position, Math.min(1 << 20, size - position)));
  return lines;
}

function countLines(bytes: Buffer): number {
  let lines = 0;
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) lines++;
  return lines;
}
