import path from 'node:path';
import type { Card, Deckset, Diagnostic, FileReport, SourceRef } from './card.js';
import { cardIds } from './identity.js';
import type { CardDraft, ParsedNote } from './parse.js';
import { readNoteTexts, type FileStamp } from './read.js';

/** What loading one note file gave, before card ids are assigned across all files. */
export interface LoadedNote {
  drafts: CardDraft[];
  diagnostics: Diagnostic[];
  readable: boolean;
  /** The stat of the file the note was read from, when it was read. */
  stamp?: FileStamp;
}

/** The parser's signature: text, file and default deck in, drafts and diagnostics out. */
export type ParseNote = (text: string, file: string, defaultDeck: string) => ParsedNote;

/** Reads and parses note files, by file in their order; read problems become diagnostics. */
export function loadNotes(files: readonly string[], parse: ParseNote): Map<string, LoadedNote> {
  const notes = new Map<string, LoadedNote>();
  for (const [file, read] of readNoteTexts(files)) {
    if ('error' in read) {
      notes.set(file, { drafts: [], diagnostics: [read.error], readable: false });
      continue;
    }
    const parsed = parseOrReport(parse, read.text, file);
    notes.set(file, { drafts: parsed.drafts, diagnostics: [...read.diagnostics, ...parsed.diagnostics], readable: true, stamp: read.stamp });
  }
  return notes;
}

/**
 * The note parsed, or, when a block of it is too large for the Markdown lexer (the regular
 * expressions of marked run out of stack on some blocks of many megabytes), no cards and a
 * diagnostic saying so: one note must not stop every command.
 */
function parseOrReport(parse: ParseNote, text: string, file: string): ParsedNote {
  try {
    return parse(text, file, path.basename(file).replace(/\.(?:md|markdown)$/iu, ''));
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const message = `a block of this note is too large to read (${error.message}); no cards made from it. Split the note or its largest block`;
    return { drafts: [], diagnostics: [{ file, line: 1, message }], reading: 'not read' };
  }
}

/** The ids `cardIds` gave a list of drafts, and what it reported: reusable while the drafts are the same. */
export interface Identities {
  ids: string[];
  diagnostics: Diagnostic[];
}

/**
 * Cards with their ids, all diagnostics and a report per file, from the loaded notes in order.
 * `known` are the identities of the same drafts from an earlier run (the parse cache).
 */
export function assemble(notes: { file: string; note: LoadedNote }[], walkProblems: Diagnostic[], known?: Identities): { deckset: Deckset; identities: Identities } {
  const drafts: CardDraft[] = [];
  const diagnostics = [...walkProblems];
  const files: FileReport[] = [];
  for (const { file, note } of notes) {
    // One at a time: spreading a note of hundreds of thousands of cards into push overflows the stack.
    for (const draft of note.drafts) drafts.push(draft);
    for (const diagnostic of note.diagnostics) diagnostics.push(diagnostic);
    files.push({ file, cards: note.drafts.length, readable: note.readable });
  }
  const identities = known && known.ids.length === drafts.length ? known : cardIds(drafts);
  const cards = drafts.map((draft, index): Card => new NoteCard(identities.ids[index] ?? '', draft));
  return { deckset: { cards, diagnostics: [...diagnostics, ...identities.diagnostics], files }, identities };
}

/**
 * A card of the notes: its id, and its draft, which it reads each field from when asked, so that
 * the parse cache can keep answers on disk (and questions unsliced) until a command needs them.
 * A class rather than object literals with getters: creating ten thousand of those took about
 * 80 ms here, against 13 ms; two fields rather than a copy of each: runs that reuse the cache
 * make one for every card and look at few.
 */
class NoteCard implements Card {
  readonly #draft: CardDraft;

  constructor(
    readonly id: string,
    draft: CardDraft,
  ) {
    this.#draft = draft;
  }

  get deck(): string {
    return this.#draft.deck;
  }

  get path(): string[] {
    return this.#draft.path;
  }

  get question(): string {
    return this.#draft.question;
  }

  get source(): SourceRef {
    return this.#draft.source;
  }

  get answer(): string {
    return this.#draft.answer;
  }

  /** The card as DESIGN.md's card JSON has it, fields in its order. */
  toJSON(): Card {
    return { id: this.id, deck: this.deck, path: this.path, question: this.question, answer: this.answer, source: this.source };
  }
}
