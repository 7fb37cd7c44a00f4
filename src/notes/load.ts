import { findNoteFiles } from './files.js';
import type { Deckset } from './card.js';
import { assemble, loadNotes } from './assemble.js';
import { parseNote } from './parse.js';

/** Loads every note under the content folders into cards, with diagnostics and a report per file (no cache). */
export function loadDeckset(contentDirs: string[]): Deckset {
  const { files, diagnostics } = findNoteFiles(contentDirs);
  const notes = [...loadNotes(files, parseNote)].map(([file, note]) => ({ file, note }));
  return assemble(notes, diagnostics).deckset;
}
