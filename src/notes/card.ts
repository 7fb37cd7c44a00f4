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
}

/** Cards and diagnostics of every note file under the content folders. */
export interface Deckset {
  cards: Card[];
  diagnostics: Diagnostic[];
  files: FileReport[];
  /** The cards' searchable text, when the parse cache holds it (read on the first search). */
  searchText?: () => SearchText;
}
