import fs from 'node:fs';
import { isUtf8 } from 'node:buffer';
import type { Diagnostic } from './card.js';
import { normaliseNoteText } from './normalise.js';

/** A note file's stat, as far as the parse cache compares it to tell whether the note changed. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ino: number;
}

/** The stamp of a file's stat. */
export function stampOfStat(stat: fs.Stats): FileStamp {
  return { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino };
}

/** A note file's text, ready to parse, and the stamp of the file it was read from; or why it could not be read. */
export type NoteText = { text: string; diagnostics: Diagnostic[]; stamp: FileStamp } | { error: Diagnostic };

/** The largest note read; larger files are reported, not loaded. */
export const MAX_NOTE_BYTES = 16 * 1024 * 1024;

/** The UTF-8 byte-order mark, which the text is read without. */
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** How many bytes of notes are decoded together, unless one note alone is larger. */
const BATCH_BYTES = 256 * 1024;

/**
 * The buffer notes are read into, a batch at a time, grown to the largest note: fresh memory
 * costs more here than the read, so it is reused.
 */
let batchBuffer = Buffer.allocUnsafe(BATCH_BYTES);

/**
 * Reads notes as UTF-8 text, in order: BOM dropped, CRLF and CR line ends made LF; binary or
 * huge files refused. One open, stat and read of each file; its stamp is that stat, so it
 * describes the bytes read.
 *
 * Notes are read into one buffer and decoded together, a batch of about 256 KB at a time,
 * into one string that each note's text is a slice of. A string that large gets pages of its
 * own in V8's heap and is never copied by the garbage collector, while the texts of notes
 * decoded one by one, which the cards' answers keep alive, were each copied twice on their way
 * to the old generation (a first load of notes-L: 1.1k of 15.6k page faults, about 18 ms).
 */
export function readNoteTexts(files: readonly string[]): Map<string, NoteText> {
  const texts = new Map<string, NoteText>();
  const batch = new Batch(texts);
  for (const file of files) texts.set(file, readInto(batch, file));
  batch.decode();
  return texts;
}

/** Notes read one after another into the batch buffer, each followed by a NUL, waiting to be decoded together. */
class Batch {
  /** Bytes of the buffer in use. */
  used = 0;
  /** The notes in the buffer, in order: each one's file, its stamp, and whether it opens with a BOM. */
  readonly #waiting: { file: string; stamp: FileStamp; marked: boolean }[] = [];

  /** `texts` are the notes' texts by file, where a note's placeholder is replaced by its text when its batch is decoded. */
  constructor(private readonly texts: Map<string, NoteText>) {}

  /** Room for a note of `size` bytes and its NUL, decoding what waits first when there is none. */
  makeRoom(size: number): void {
    if (this.used + size + 1 <= batchBuffer.length) return;
    this.decode();
    if (size + 1 > batchBuffer.length) batchBuffer = Buffer.allocUnsafe(size + 1);
  }

  /** Keeps the `length` bytes read at `used` as a note's text, to be decoded with the batch. */
  keep(length: number, file: string, stamp: FileStamp): void {
    const marked = batchBuffer.subarray(this.used, this.used + BOM.length).equals(BOM);
    batchBuffer[this.used + length] = 0;
    this.used += length + 1;
    this.#waiting.push({ file, stamp, marked });
  }

  /** Decodes the waiting notes as one string and sets each one's text to its slice. */
  decode(): void {
    if (this.#waiting.length === 0) return;
    const all = batchBuffer.toString('utf8', 0, this.used);
    let from = 0;
    for (const { file, stamp, marked } of this.#waiting) {
      const end = all.indexOf('\0', from);
      this.texts.set(file, { text: normaliseNoteText(all.slice(marked ? from + 1 : from, end)), diagnostics: [], stamp });
      from = end + 1;
    }
    this.#waiting.length = 0;
    this.used = 0;
  }
}

/**
 * Reads one note: into the batch when it is valid UTF-8 with no NUL (the separator), a
 * placeholder returned that the batch's decoding replaces; otherwise decoded on its own.
 */
function readInto(batch: Batch, file: string): NoteText {
  let read: { bytes: Buffer; inBatch: boolean };
  let stamp: FileStamp;
  try {
    // Without O_NONBLOCK, opening a named pipe waits for a writer: for ever, for a FIFO called x.md among the notes.
    const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    try {
      const stat = fs.fstatSync(fd);
      if (!stat.isFile()) return { error: { file, line: 0, message: 'not a regular file (a pipe, socket or device); skipped' } };
      if (stat.size > MAX_NOTE_BYTES) {
        return { error: { file, line: 0, message: `too large to load (${Math.round(stat.size / 1048576)} MB; the limit is ${MAX_NOTE_BYTES / 1048576} MB)` } };
      }
      stamp = stampOfStat(stat);
      // A file that says 0 bytes, as in /proc, is read to its end.
      read = stat.size > 0 ? { bytes: readWhole(batch, fd, stat.size), inBatch: true } : { bytes: fs.readFileSync(fd), inBatch: false };
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    return { error: { file, line: 0, message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` } };
  }
  const { bytes, inBatch } = read;
  if (bytes.subarray(0, 8192).includes(0)) return { error: { file, line: 0, message: 'not a text file (it contains NUL bytes); skipped' } };
  if (inBatch && isUtf8(bytes) && !bytes.includes(0)) {
    batch.keep(bytes.length, file, stamp);
    return { text: '', diagnostics: [], stamp };
  }
  return { ...decode(bytes, file), stamp };
}

/** Up to `size` bytes of an open file (fewer when it ends sooner), read into the batch buffer after what waits there. */
function readWhole(batch: Batch, fd: number, size: number): Buffer {
  batch.makeRoom(size);
  const at = batch.used;
  let read = 0;
  for (let got = -1; read < size && got !== 0; read += got) got = fs.readSync(fd, batchBuffer, at + read, size - read, null);
  return batchBuffer.subarray(at, at + read);
}

/**
 * The text of a note's bytes that could not join a batch: invalid UTF-8, decoded with replacement
 * characters and reported at its first line; or the bytes of a file that said it was empty (as in
 * /proc), or holding a NUL past the start, decoded natively (less one byte-order mark, as
 * TextDecoder drops).
 */
function decode(bytes: Buffer, file: string): { text: string; diagnostics: Diagnostic[] } {
  if (isUtf8(bytes)) {
    const unmarked = bytes.subarray(0, BOM.length).equals(BOM) ? bytes.subarray(BOM.length) : bytes;
    return { text: normaliseNoteText(unmarked.toString('utf8')), diagnostics: [] };
  }
  const text = new TextDecoder('utf-8').decode(bytes);
  const line = text.slice(0, text.indexOf('\uFFFD')).split('\n').length;
  return { text: normaliseNoteText(text), diagnostics: [{ file, line, message: 'not valid UTF-8; unreadable bytes shown as �' }] };
}
