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

/**
 * One buffer that every note is read into, grown to the largest: fresh memory costs more here than
 * the read, and the text decoded from it is a string of its own.
 */
let readBuffer = Buffer.allocUnsafe(64 * 1024);

/**
 * Reads a note as UTF-8 text: BOM dropped, CRLF and CR line ends made LF; binary or huge files
 * refused. One open, stat and read of the file; its stamp is that stat, so it describes the bytes read.
 */
export function readNoteText(file: string): NoteText {
  let bytes: Buffer;
  let stamp: FileStamp;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const stat = fs.fstatSync(fd);
      if (stat.size > MAX_NOTE_BYTES) {
        return { error: { file, line: 0, message: `too large to load (${Math.round(stat.size / 1048576)} MB; the limit is ${MAX_NOTE_BYTES / 1048576} MB)` } };
      }
      stamp = stampOfStat(stat);
      // Only a regular file's size says how much there is to read; anything else (and a file that says 0, as in /proc) is read to its end.
      bytes = stat.isFile() && stat.size > 0 ? readWhole(fd, stat.size) : fs.readFileSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    return { error: { file, line: 0, message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` } };
  }
  if (bytes.subarray(0, 8192).includes(0)) return { error: { file, line: 0, message: 'not a text file (it contains NUL bytes); skipped' } };
  return { ...decode(bytes, file), stamp };
}

/** Up to `size` bytes of an open file (fewer when it ends sooner), in the shared read buffer. */
function readWhole(fd: number, size: number): Buffer {
  if (size > readBuffer.length) readBuffer = Buffer.allocUnsafe(size);
  let read = 0;
  for (let got = -1; read < size && got !== 0; read += got) got = fs.readSync(fd, readBuffer, read, size - read, null);
  return readBuffer.subarray(0, read);
}

/**
 * The text of a note's bytes. Valid UTF-8, nearly every note, is checked and decoded natively
 * (about half of what a fatal TextDecoder took), less one byte-order mark as TextDecoder drops;
 * invalid UTF-8 is decoded with replacement characters and reported at its first line.
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
