import { closeSync, constants, fstatSync, openSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../notes/card.js';
import type { CardState } from '../schedule/state.js';
import type { LogEvent } from './events.js';
import { foldLog, type Folded, type LogView, type ReviewFact } from './fold.js';
import { parseLogText, readLog, reviewLogPath } from './log.js';
import { bytesAt } from '../cache-file.js';
import { SnapshotFile, writeSnapshotFile } from './snapshot-file.js';
import { snapshotColumns } from './snapshot-columns.js';
import { SnapshotView } from './snapshot-view.js';

/** Log bytes just before the snapshot's offset that must still be there for the snapshot to hold. */
const TAIL_BYTES = 256;

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
  return readFromSnapshot(dir, file) ?? rebuild(dir, file);
}

/** The whole log read and folded, and a snapshot of it written for the next run. */
function rebuild(dir: string, file: string): { view: Folded; warnings: Diagnostic[] } {
  const size = statSync(file, { throwIfNoEntry: false })?.size;
  const { events, warnings } = readLog(dir);
  const view = foldLog(events);
  const after = statSync(file, { throwIfNoEntry: false });
  if (after && after.size === size) writeSnapshot(dir, file, view, after.ino, after.size, warnings);
  return { view, warnings };
}

function readFromSnapshot(dir: string, file: string): { view: LogView; warnings: Diagnostic[] } | undefined {
  const snapshot = SnapshotFile.open(snapshotPath(dir));
  if (!snapshot) return undefined;
  const { header } = snapshot;
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.ino !== header.ino || stat.size < header.offset) return undefined;
    const before = Math.min(TAIL_BYTES, header.offset);
    if (bytesAt(fd, header.offset - before, before).toString('base64') !== header.tail) return undefined;
    // Review columns found unsound later, when read, make the view fall back to the whole log.
    const view = SnapshotView.restore(snapshot, () => rebuild(dir, file).view);
    if (!view) return undefined;
    const appended = bytesAt(fd, header.offset, stat.size - header.offset);
    const complete = appended.lastIndexOf(0x0a) + 1;
    const whole = parseLogText(appended.subarray(0, complete).toString('utf8'), file, header.lines + 1);
    if (!applyAll(view, whole.events)) return undefined;
    const lines = header.lines + countLines(appended.subarray(0, complete));
    const covered = [...header.warnings, ...whole.warnings];
    // Writing reads every column into the view first: it needs nothing more from the file it replaces.
    if (complete > 0) writeSnapshotAt(dir, fd, view, { ino: stat.ino, offset: header.offset + complete, lines, warnings: covered });
    // A last line without its line break counts as readLog counts it, but stays out of the snapshot.
    const torn = parseLogText(appended.subarray(complete).toString('utf8'), file, lines + 1);
    if (!applyAll(view, torn.events)) return undefined;
    const warnings = [...covered, ...torn.warnings];
    return { view, warnings };
  } finally {
    closeSync(fd);
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
      view.addSkip(event.card, event.at);
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
  const { cards, columns } = snapshotColumns(view);
  writeSnapshotFile(snapshotPath(dir), { ...at, tail, cards }, columns);
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
