import { closeSync, constants, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
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
 * The snapshot file: the log view as flat number arrays (cards by index), and where in the log it
 * ends. A cache: rebuilt from the log when missing, stale or corrupt.
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
  states: number[];
  /** Per review, each card's in log order: card, at, rating, ms, phase before, scheduledDays after. */
  history: number[];
  /** Per skip: card, at. */
  skips: number[];
  /** The warnings of the lines covered, given again on every read as reading the whole log would. */
  warnings: Diagnostic[];
}

/** Where the snapshot of the review log lives in the data directory. */
export function snapshotPath(dir: string): string {
  return path.join(dir, 'cache', 'log-view.json');
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
    const view = viewOf(snapshot);
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

/** A view that new events can be applied to (the maps a LogView only lets readers read). */
interface MutableView {
  states: Map<string, CardState>;
  history: Map<string, ReviewFact[]>;
  skips: { card: string; at: Date }[];
}

/** Applies appended events; false when one cannot be applied to a view (an undo of an older review). */
function applyAll(view: MutableView, events: LogEvent[]): boolean {
  const appended = new Map<string, { card: string; fact: ReviewFact; before: CardState | undefined }>();
  for (const event of events) {
    if (event.type === 'review') {
      const fact: ReviewFact = { at: event.at, rating: event.rating, ms: event.ms, phaseBefore: event.phaseBefore, state: event.state };
      appended.set(event.id, { card: event.card, fact, before: view.states.get(event.card) });
      view.history.set(event.card, [...(view.history.get(event.card) ?? []), fact]);
      view.states.set(event.card, event.state);
    } else if (event.type === 'skip') {
      view.skips.push({ card: event.card, at: event.at });
    } else if (event.type === 'undo') {
      const review = appended.get(event.undoes);
      if (!review) return false;
      appended.delete(event.undoes);
      undoFact(view, review);
    }
  }
  return true;
}

/** Takes a review out as the fold does: the card's state goes back only when it was its last review. */
function undoFact(view: MutableView, review: { card: string; fact: ReviewFact; before: CardState | undefined }): void {
  const facts = view.history.get(review.card) ?? [];
  const wasLast = facts.at(-1) === review.fact;
  const rest = facts.filter((fact) => fact !== review.fact);
  if (rest.length === 0) view.history.delete(review.card);
  else view.history.set(review.card, rest);
  if (!wasLast) return;
  if (review.before === undefined || rest.length === 0) view.states.delete(review.card);
  else view.states.set(review.card, review.before);
}

function viewOf(snapshot: SnapshotFile): MutableView {
  const card = (index: number): string => snapshot.cards[index] ?? '';
  const states = new Map<string, CardState>();
  for (let i = 0; i < snapshot.states.length; i += STATE_FIELDS) {
    const s = snapshot.states.slice(i, i + STATE_FIELDS) as number[];
    const [id = 0, phase = 0, due = 0, stability = 0, difficulty = 0, elapsedDays = 0, scheduledDays = 0, learningSteps = 0, reps = 0, lapses = 0, last = -1] = s;
    const state: CardState = { phase: PHASES[phase] ?? 'new', due: new Date(due), stability, difficulty, elapsedDays, scheduledDays, learningSteps, reps, lapses };
    if (last >= 0) state.lastReview = new Date(last);
    states.set(card(id), state);
  }
  const history = new Map<string, ReviewFact[]>();
  const h = snapshot.history;
  for (let i = 0; i < h.length; i += FACT_FIELDS) {
    const id = card(h[i] ?? 0);
    const fact: ReviewFact = {
      at: new Date(h[i + 1] ?? 0),
      rating: (h[i + 2] ?? 1) as Rating,
      ms: h[i + 3] ?? 0,
      phaseBefore: PHASES[h[i + 4] ?? 0] ?? 'new',
      state: { scheduledDays: h[i + 5] ?? 0 },
    };
    const facts = history.get(id);
    if (facts) facts.push(fact);
    else history.set(id, [fact]);
  }
  const skips: { card: string; at: Date }[] = [];
  for (let i = 0; i < snapshot.skips.length; i += 2) skips.push({ card: card(snapshot.skips[i] ?? 0), at: new Date(snapshot.skips[i + 1] ?? 0) });
  return { states, history, skips };
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
  const snapshot: SnapshotFile = { version: STORE_VERSION, ...at, tail, cards, states, history, skips };
  const target = snapshotPath(dir);
  try {
    mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    writeFileSync(`${target}.tmp`, JSON.stringify(snapshot));
    renameSync(`${target}.tmp`, target);
  } catch {
    // A snapshot is only a speed-up: the next run reads the whole log again.
  }
}

function readSnapshotFile(file: string): SnapshotFile | undefined {
  try {
    if (!statSync(file).isFile()) return undefined;
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<SnapshotFile> | null;
    if (!data || data.version !== STORE_VERSION) return undefined;
    const numbers = (value: unknown): value is number[] => Array.isArray(value) && value.every((item) => typeof item === 'number' && Number.isFinite(item));
    const valid =
      typeof data.ino === 'number' &&
      typeof data.offset === 'number' &&
      typeof data.lines === 'number' &&
      typeof data.tail === 'string' &&
      Array.isArray(data.cards) &&
      data.cards.every((card) => typeof card === 'string') &&
      numbers(data.states) &&
      data.states.length % STATE_FIELDS === 0 &&
      numbers(data.history) &&
      data.history.length % FACT_FIELDS === 0 &&
      numbers(data.skips) &&
      data.skips.length % 2 === 0 &&
      Array.isArray(data.warnings) &&
      data.warnings.every((warning) => typeof warning?.file === 'string' && typeof warning.line === 'number' && typeof warning.message === 'string');
    return valid ? (data as SnapshotFile) : undefined;
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
