import path from 'node:path';
import type { Deckset, Diagnostic, FileReport } from './card.js';
import { findNoteFiles } from './files.js';
import { assignIds } from './identity.js';
import { parseNote, type CardDraft } from './parse.js';
import { readNoteText } from './read.js';

/** Loads every note under the content folders into cards, with diagnostics and a report per file. */
export function loadDeckset(contentDirs: string[]): Deckset {
  const { files, diagnostics } = findNoteFiles(contentDirs);
  const drafts: CardDraft[] = [];
  const reports: FileReport[] = [];
  for (const file of files) {
    const note = loadNote(file);
    drafts.push(...note.drafts);
    diagnostics.push(...note.diagnostics);
    reports.push({ file, cards: note.drafts.length, readable: note.readable });
  }
  const { cards, diagnostics: idProblems } = assignIds(drafts);
  return { cards, diagnostics: [...diagnostics, ...idProblems], files: reports };
}

function loadNote(file: string): { drafts: CardDraft[]; diagnostics: Diagnostic[]; readable: boolean } {
  const read = readNoteText(file);
  if ('error' in read) return { drafts: [], diagnostics: [read.error], readable: false };
  const parsed = parseNote(read.text, file, path.basename(file).replace(/\.(?:md|markdown)$/iu, ''));
  return { drafts: parsed.drafts, diagnostics: [...read.diagnostics, ...parsed.diagnostics], readable: true };
}
