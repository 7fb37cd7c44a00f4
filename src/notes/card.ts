import type { SearchText } from '../search/text.js';

/** Where a card comes from: the note file and the 1-based line of its heading. */
export interface SourceRef {
  file: string;
  line: number;
}

/** One question and its answer, as `prep show --json` prints it (a contract, see DESIGN.md). */
export interface Card {
  id: string;
  deck: string;
  /** Section titles above the question, outermost first. */
  path: string[];
  question: string;
  /** The Markdown under the question. */
  answer: string;
  source: SourceRef;
}

/** A problem found in the notes; the loader reports these instead of throwing. */
export interface Diagnostic {
  file: string;
  line: number;
  message: string;
  /** True for a remark that is no problem: text the note holds on purpose outside any card (an introduction). */
  note?: true;
}

/** What loading one note file gave. */
export interface FileReport {
  file: string;
  cards: number;
  /** False when the file could not be read at all. */
  readable: boolean;
  /** How the parser read the questions ("headings at level 3", "bold lines"…); absent when the file was not read. */
  reading?: string;
  /**
   * Set for a README that holds no questions: why the parser found none. Such a file is not
   * notes: skipped quietly, its diagnostics left out of the deckset's.
   */
  notNotes?: string;
}

/** How the parser's diagnostic for a file without cards begins; the reason follows it. */
export const NO_STRUCTURE = 'no question/answer structure, no cards: ';

/** The reason a file gave no cards, from the parser's diagnostic saying so; undefined for any other diagnostic. */
export function noStructureReason(diagnostic: Diagnostic): string | undefined {
  return diagnostic.line === 1 && diagnostic.message.startsWith(NO_STRUCTURE) ? diagnostic.message.slice(NO_STRUCTURE.length) : undefined;
}

/** Cards and diagnostics of every note file under the content folders. */
export interface Deckset {
  cards: Card[];
  diagnostics: Diagnostic[];
  files: FileReport[];
  /** The cards' searchable text, when the parse cache holds it (read on the first search). */
  searchText?: () => SearchText;
}
