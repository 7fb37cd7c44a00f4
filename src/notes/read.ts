import fs from 'node:fs';
import type { Diagnostic } from './card.js';
import { normaliseNoteText } from './normalise.js';

/** A note file's text, ready to parse, or why it could not be read. */
export type NoteText = { text: string; diagnostics: Diagnostic[] } | { error: Diagnostic };

/** The largest note read; larger files are reported, not loaded. */
export const MAX_NOTE_BYTES = 16 * 1024 * 1024;

/** Reads a note as UTF-8 text: BOM dropped, CRLF and CR line ends made LF; binary or huge files refused. */
export function readNoteText(file: string): NoteText {
  let bytes: Buffer;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_NOTE_BYTES) {
      return { error: { file, line: 0, message: `too large to load (${Math.round(size / 1048576)} MB; the limit is ${MAX_NOTE_BYTES / 1048576} MB)` } };
    }
    bytes = fs.readFileSync(file);
  } catch (error) {
    return { error: { file, line: 0, message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` } };
  }
  if (bytes.subarray(0, 8192).includes(0)) return { error: { file, line: 0, message: 'not a text file (it contains NUL bytes); skipped' } };
  const diagnostics: Diagnostic[] = [];
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('utf-8').decode(bytes);
    const line = text.slice(0, text.indexOf('\uFFFD')).split('\n').length;
    diagnostics.push({ file, line, message: 'not valid UTF-8; unreadable bytes shown as �' });
  }
  return { text: normaliseNoteText(text), diagnostics };
}
