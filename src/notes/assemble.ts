import path from 'node:path';
import { noStructureReason, type Card, type Deckset, type Diagnostic, type FileReport, type SourceRef } from './card.js';
import { separateDecks, type FileDeck } from './decks.js';
import { isReadme } from './files.js';
import { cardIds } from './identity.js';
import type { CardDraft, ParsedNote } from './parse.js';
import { readNoteTexts, type FileStamp } from './read.js';

/** What loading one note file gave, before card ids are assigned across all files. */
export interface LoadedNote {
  drafts: CardDraft[];
  diagnostics: Diagnostic[];
  readable: boolean;
  /** How the parser read the questions, when the note was read (see {@link ParsedNote}). */
  reading?: string;
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
    const diagnostics = [...read.diagnostics, ...parsed.diagnostics];
    notes.set(file, { drafts: parsed.drafts, diagnostics, readable: true, reading: parsed.reading, stamp: read.stamp });
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
 * `known` are the identities of the same drafts from an earlier run (the parse cache). A README
 * without questions is reported as not notes, and its diagnostics are left out. Files in
 * different folders whose decks collide are told apart (see `separateDecks`) before ids are made;
 * `drafts` are the cards' drafts, in those decks.
 */
export function assemble(notes: { file: string; note: LoadedNote }[], walkProblems: Diagnostic[], known?: Identities): { deckset: Deckset; identities: Identities; drafts: CardDraft[] } {
  const drafts: CardDraft[] = [];
  const diagnostics = [...walkProblems];
  const files: FileReport[] = [];
  const decks: FileDeck[] = [];
  for (const { file, note } of notes) {
    const notNotes = notNotesReason(file, note);
    if (notNotes !== undefined) {
      files.push({ file, cards: 0, readable: true, notNotes });
      continue;
    }
    const [first] = note.drafts;
    if (first) decks.push({ file, deck: first.deck });
    // One at a time: spreading a note of hundreds of thousands of cards or diagnostics into push overflows the stack.
    for (const diagnostic of note.diagnostics) diagnostics.push(diagnostic);
    files.push({ file, cards: note.drafts.length, readable: note.readable, ...(note.reading === undefined ? {} : { reading: note.reading }) });
  }
  const renames = separateDecks(decks);
  for (const { file, note } of notes) {
    const deck = renames.decks.get(file);
    for (const draft of note.drafts) drafts.push(deck === undefined ? draft : new RedeckedDraft(draft, deck));
  }
  diagnostics.push(...renames.diagnostics);
  const identities = known && known.ids.length === drafts.length ? known : cardIds(drafts);
  const cards = drafts.map((draft, index): Card => new NoteCard(identities.ids[index] ?? '', draft));
  return { deckset: { cards, diagnostics: [...diagnostics, ...identities.diagnostics], files }, identities, drafts };
}

/** Why a README read gave no cards (the parser's reason): it is not notes. Undefined for any other file. */
function notNotesReason(file: string, note: LoadedNote): string | undefined {
  if (!note.readable || note.drafts.length > 0 || !isReadme(file)) return undefined;
  for (const diagnostic of note.diagnostics) {
    const reason = noStructureReason(diagnostic);
    if (reason !== undefined) return reason;
  }
  return 'no questions found';
}

/** A draft of a note whose deck collided with another file's, in the deck it was given instead. */
class RedeckedDraft implements CardDraft {
  constructor(
    private readonly draft: CardDraft,
    readonly deck: string,
  ) {}

  get path(): string[] {
    return this.draft.path;
  }

  get question(): string {
    return this.draft.question;
  }

  get answer(): string {
    return this.draft.answer;
  }

  get source(): SourceRef {
    return this.draft.source;
  }

  get explicitId(): string | undefined {
    return this.draft.explicitId;
  }
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
