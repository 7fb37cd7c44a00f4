import { closeSync, fstatSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ExitCode, PrepError } from '../errors.js';
import type { Diagnostic } from '../notes/card.js';
import { parseEvent, serializeEvent, type LogEvent } from './events.js';
import { ensureDataDir, readOwnFile, storeError } from './paths.js';

/** The review log, the source of truth: `<dataDir>/reviews.jsonl`. */
export function reviewLogPath(dir: string): string {
  return join(dir, 'reviews.jsonl');
}

const NEWLINE = 0x0a;

/**
 * Appends one event to the review log as one whole line and flushes it to disk before returning,
 * so an answer is safe before the next card is shown. The line goes out in a single write on an
 * O_APPEND descriptor: processes appending at once never interleave or lose lines. When the log
 * ends in a torn line (a crash mid-write), the new line starts with a line break, leaving the torn
 * bytes as they were; the log is never truncated or rewritten.
 */
export function appendEvent(dir: string, event: LogEvent): void {
  ensureDataDir(dir);
  const file = reviewLogPath(dir);
  const line = Buffer.from(`${serializeEvent(event)}\n`, 'utf8');
  let fd: number;
  try {
    fd = openSync(file, 'a+', 0o600);
  } catch (error) {
    throw storeError(error, file, 'open the review log');
  }
  try {
    const size = fstatSync(fd).size;
    const data = size > 0 && lastByte(fd, size) !== NEWLINE ? Buffer.concat([Buffer.from('\n'), line]) : line;
    const written = writeSync(fd, data);
    if (written !== data.length) {
      // Only a full disk writes short; the torn tail is skipped on reading and the next append starts afresh.
      throw new PrepError(`cannot write the review log ${file}: only ${written} of ${data.length} bytes written (is the disk full?)`, ExitCode.usage);
    }
    fsyncSync(fd);
    if (size === 0) {
      syncDirectory(dirname(file));
    }
  } catch (error) {
    throw storeError(error, file, 'write the review log');
  } finally {
    closeSync(fd);
  }
}

function lastByte(fd: number, size: number): number | undefined {
  const buffer = Buffer.alloc(1);
  return readSync(fd, buffer, 0, 1, size - 1) === 1 ? buffer[0] : undefined;
}

/** Makes a newly created log's directory entry durable; not every platform can sync a directory. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open or sync a directory; the file's own data is already flushed.
  } finally {
    if (fd !== undefined) {
      closeSync(fd);
    }
  }
}

/** What reading the review log gave: its valid events in log order, and a warning per skipped line. */
export interface LogContents {
  events: LogEvent[];
  warnings: Diagnostic[];
}

/**
 * Reads and parses the review log. A missing log is an empty one; one that is not a regular file
 * (a device, a pipe) is a PrepError. A torn, garbled or unreadable line (or one from a newer prep,
 * or repeating an event id already seen) is skipped with a warning naming the file and line; it is
 * never fatal.
 */
export function readLog(dir: string): LogContents {
  const file = reviewLogPath(dir);
  const content = readOwnFile(file, 'the review log');
  if (content === undefined) {
    return { events: [], warnings: [] };
  }
  return parseLogText(content, file, 1);
}

/**
 * Parses lines of the review log that start at line `firstLine` of `file`: the events, and a
 * warning naming the line for each torn, garbled or repeated one (the last line is the torn one
 * when the text does not end in a line break).
 */
export function parseLogText(content: string, file: string, firstLine: number): LogContents {
  const events: LogEvent[] = [];
  const warnings: Diagnostic[] = [];
  const seen = new Set<string>();
  const lines = content.split('\n');
  lines.forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') {
      return;
    }
    const parsed = parseEvent(line);
    const torn = index === lines.length - 1 ? ' (the last line, cut short: was prep interrupted?)' : '';
    if (typeof parsed === 'string') {
      warnings.push({ file, line: firstLine + index, message: `skipped a log line: ${parsed}${torn}` });
    } else if (seen.has(parsed.id)) {
      warnings.push({ file, line: firstLine + index, message: `skipped a log line: event id ${parsed.id} appears earlier in the log` });
    } else {
      seen.add(parsed.id);
      events.push(parsed);
    }
  });
  return { events, warnings };
}
