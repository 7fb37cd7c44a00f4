import { statSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { Deckset, Diagnostic, SourceRef } from './card.js';
import { searchTextOf, type SearchableCard, type SearchText } from '../search/text.js';
import { assemble, loadNotes, type Identities, type LoadedNote, type ParseNote } from './assemble.js';
import { CacheReader, writeCache, type CacheSections } from './cache-layout.js';
import { findNoteFiles } from './files.js';
import type { CardDraft } from './parse.js';
import { stampOfStat, type FileStamp } from './read.js';

/** Set by the build to a hash of the source of the loader, ids and search text, so a changed loader never trusts old entries. */
declare const PREP_LOADER_VERSION: string | undefined;
const LOADER_VERSION = typeof PREP_LOADER_VERSION === 'string' ? PREP_LOADER_VERSION : 'source';

/**
 * A file's drafts in the cache header: how many, and the decks, section paths and explicit ids
 * they have, each deck and path listed once. The rest of each draft is in the card rows (see
 * cache-layout.ts), in notes order.
 */
interface DraftList {
  count: number;
  decks: string[];
  paths: string[][];
  /** Ids written in the note, by draft index. */
  explicitIds: Record<string, string>;
}

interface FileEntry extends FileStamp {
  readable: boolean;
  /** How the parser read the questions. */
  reading: string;
  diagnostics: Diagnostic[];
  drafts: DraftList;
}

/** The cache header; the answers and the search text follow it (see cache-layout.ts). */
interface CacheHeader {
  loader: string;
  /** When the cache was written: files changed within the clock's granularity of it are parsed again. */
  writtenAt: number;
  /** By file, in notes order; their drafts' answers are in the answers section in the same order. */
  files: Record<string, FileEntry>;
  /** The card ids of all the files' drafts, in order, when they were last assembled. */
  identities?: Identities;
}

/** What an earlier run left: its header, and the open file to read answers and search text from. */
interface Cached {
  header: CacheHeader;
  reader: CacheReader;
  /** Where each file's drafts start among the cached answers. */
  firstCard: Map<string, number>;
}

/** Files modified this close to the cache write may have changed again within the same mtime. */
const RACY_MS = 2000;

/** The parse cache's file in the data directory. */
export function noteCachePath(dataDir: string): string {
  return path.join(dataDir, 'cache', 'notes.cache');
}

/**
 * Loads the notes like `loadDeckset`, reusing what an earlier run parsed for files whose size,
 * modification time and inode are unchanged; the parser (marked, gray-matter) is only loaded
 * when a file must be parsed. Answers and the search text stay on disk until asked for. A
 * missing, corrupt or older cache is ignored and rewritten; a cache that cannot be written is
 * no error.
 */
export async function loadDecksetCached(contentDirs: string[], dataDir: string): Promise<Deckset> {
  const cacheFile = noteCachePath(dataDir);
  const cached = openCache(cacheFile);
  const { files, diagnostics } = findNoteFiles(contentDirs);
  const fresh: { file: string; stamp: FileStamp; note: LoadedNote }[] = [];
  const cachedOrder = cached ? [...cached.firstCard.keys()] : [];
  let changed = files.length !== cachedOrder.length || files.some((file, index) => cachedOrder[index] !== file);
  // Without a cache there is nothing to compare a stat with: a note read has the stamp of its read.
  const reused = new Map<string, LoadedNote>();
  if (cached) {
    for (const file of files) {
      const stamp = stampOf(file);
      const note = stamp && reusable(cached, file, stamp);
      if (note) reused.set(file, note);
    }
  }
  const toParse = files.filter((file) => !reused.has(file));
  if (toParse.length > 0) changed = true;
  const parsed = toParse.length > 0 ? loadNotes(toParse, await loadParser()) : new Map<string, LoadedNote>();
  const notes: { file: string; note: LoadedNote }[] = [];
  for (const file of files) {
    // Each file is either reused or parsed.
    const note = reused.get(file) ?? parsed.get(file);
    if (!note) continue;
    if (note.stamp && note.readable) fresh.push({ file, stamp: note.stamp, note });
    notes.push({ file, note });
  }
  const known = changed ? undefined : validIdentities(cached?.header.identities);
  const { deckset, identities, drafts } = assemble(notes, diagnostics, known);
  const cards = deckset.cards;
  if (cached && !changed && known) return { ...deckset, searchText: () => cached.reader.search(cards.length) ?? searchTextOf(cards) };
  // Rewriting the cache reads every answer: those of notes that did not change come from the old cache.
  if (cached && reused.size > 0) cached.reader.readAllAnswers();
  // The cards' drafts are the fresh notes' drafts, in order: every readable note is fresh, and the others have none.
  // The search text is written from the cards' drafts, whose decks may differ from the notes' (see separateDecks).
  const written = writeNotesCache(cacheFile, fresh, identities, drafts);
  return { ...deckset, searchText: () => written ?? searchTextOf(cards) };
}

/** The parser, loaded only when a note must be parsed, with V8 set for one pass over all the notes. */
async function loadParser(): Promise<ParseNote> {
  const [{ parseNote }, { inlineOnlySmallFunctions }] = await Promise.all([import('./parse.js'), import('../v8-flags.js')]);
  inlineOnlySmallFunctions();
  return parseNote;
}

function stampOf(file: string): FileStamp | undefined {
  let stat: Stats;
  try {
    stat = statSync(file);
  } catch {
    return undefined;
  }
  return stampOfStat(stat);
}

/** The cached note of a file whose stamp is unchanged, its answers read from the cache when asked for. */
function reusable(cached: Cached, file: string, stamp: FileStamp): LoadedNote | undefined {
  const entry = cached.header.files[file];
  const first = cached.firstCard.get(file);
  if (!entry || first === undefined || entry.size !== stamp.size || entry.mtimeMs !== stamp.mtimeMs || entry.ino !== stamp.ino) return undefined;
  if (stamp.mtimeMs >= cached.header.writtenAt - RACY_MS) return undefined;
  const { count, decks, paths } = entry.drafts;
  const { deckOf, pathOf } = cached.reader.rows;
  for (let row = first; row < first + count; row++) {
    // A row that names no deck or path of its file: a damaged cache, parsed again like a changed note.
    if (decks[deckOf[row] ?? 0] === undefined || paths[pathOf[row] ?? 0] === undefined) return undefined;
  }
  const part: CachedFile = { file, first, drafts: entry.drafts, reader: cached.reader };
  const drafts: CardDraft[] = [];
  for (let row = first; row < first + count; row++) drafts.push(new CachedDraft(part, row));
  return { readable: entry.readable, reading: entry.reading, diagnostics: entry.diagnostics, drafts, stamp };
}

/** One file's part of the cache, shared by its cached drafts. */
interface CachedFile {
  file: string;
  /** The row of its first draft among all the cached cards. */
  first: number;
  drafts: DraftList;
  reader: CacheReader;
}

/**
 * A draft from the cache. Every run that reuses the cache makes one for each card and looks at
 * few of them, so a draft holds only its file and row and works out the rest when first asked:
 * its answer is read from the cache file then. Two fields instead of seven, and no question or
 * source made in advance: fewer and smaller live objects for the garbage collector to copy.
 */
class CachedDraft implements CardDraft {
  readonly #part: CachedFile;
  readonly #row: number;
  #question: string | undefined;
  #source: SourceRef | undefined;
  #answer: string | undefined;

  constructor(part: CachedFile, row: number) {
    this.#part = part;
    this.#row = row;
  }

  get deck(): string {
    return this.#part.drafts.decks[this.#part.reader.rows.deckOf[this.#row] ?? 0] ?? '';
  }

  get path(): string[] {
    return this.#part.drafts.paths[this.#part.reader.rows.pathOf[this.#row] ?? 0] ?? [];
  }

  get question(): string {
    this.#question ??= this.#part.reader.question(this.#row);
    return this.#question;
  }

  get source(): SourceRef {
    this.#source ??= { file: this.#part.file, line: this.#part.reader.rows.lines[this.#row] ?? 0 };
    return this.#source;
  }

  get explicitId(): string | undefined {
    return this.#part.drafts.explicitIds[this.#row - this.#part.first];
  }

  get answer(): string {
    this.#answer ??= this.#part.reader.answer(this.#row);
    return this.#answer;
  }
}

/** Writes the parse cache of the fresh notes and the search text of the cards; that text, read back from the file written (undefined when it was not). */
function writeNotesCache(cacheFile: string, fresh: { file: string; stamp: FileStamp; note: LoadedNote }[], identities: Identities, cards: readonly SearchableCard[]): SearchText | undefined {
  const files: Record<string, FileEntry> = {};
  const rows = new CardRowsBuilder(fresh.reduce((cards, { note }) => cards + note.drafts.length, 0));
  for (const { file, stamp, note } of fresh) {
    const decks = new Listing<string>((deck) => deck);
    const paths = new Listing<string[]>((parts) => parts.join('\u0000'));
    const explicitIds: Record<string, string> = {};
    note.drafts.forEach((draft, index) => {
      if (draft.explicitId !== undefined) explicitIds[index] = draft.explicitId;
      rows.add(draft, decks.indexOf(draft.deck), paths.indexOf(draft.path));
    });
    const drafts = { count: note.drafts.length, decks: decks.values, paths: paths.values, explicitIds };
    files[file] = { ...stamp, readable: note.readable, reading: note.reading ?? '', diagnostics: note.diagnostics, drafts };
  }
  const header: CacheHeader = { loader: LOADER_VERSION, writtenAt: Date.now(), files, identities };
  return writeCache(cacheFile, header, rows.sections(), cards);
}

/** The cache's sections, filled a card at a time: ends are running totals, texts stay strings until written. */
class CardRowsBuilder {
  private readonly questions: string[] = [];
  private readonly answers: string[] = [];
  private readonly questionEnds: Uint32Array;
  private readonly lines: Uint32Array;
  private readonly deckOf: Uint32Array;
  private readonly pathOf: Uint32Array;
  private readonly answerEnds: Uint32Array;
  private row = 0;
  private questionUnits = 0;
  private questionBytes = 0;
  private answerBytes = 0;

  constructor(cards: number) {
    this.questionEnds = new Uint32Array(cards);
    this.lines = new Uint32Array(cards);
    this.deckOf = new Uint32Array(cards);
    this.pathOf = new Uint32Array(cards);
    this.answerEnds = new Uint32Array(cards);
  }

  add(draft: CardDraft, deck: number, path: number): void {
    const { question, answer } = draft;
    this.questions.push(question);
    this.answers.push(answer);
    this.questionUnits += question.length;
    this.questionBytes += Buffer.byteLength(question);
    this.answerBytes += Buffer.byteLength(answer);
    this.questionEnds[this.row] = this.questionUnits;
    this.answerEnds[this.row] = this.answerBytes;
    this.lines[this.row] = draft.source.line;
    this.deckOf[this.row] = deck;
    this.pathOf[this.row] = path;
    this.row++;
  }

  sections(): CacheSections {
    return {
      questionEnds: this.questionEnds,
      questions: { texts: this.questions, byteLength: this.questionBytes },
      lines: this.lines,
      deckOf: this.deckOf,
      pathOf: this.pathOf,
      answerEnds: this.answerEnds,
      answers: { texts: this.answers, byteLength: this.answerBytes },
    };
  }
}

/** Distinct values in the order first seen, each given its index. */
class Listing<T> {
  readonly values: T[] = [];
  private readonly index = new Map<string, number>();
  /** The value looked up last, and its index: a section's cards come one after another and share its path array. */
  private lastValue: T | undefined;
  private lastIndex = -1;

  constructor(private readonly keyOf: (value: T) => string) {}

  indexOf(value: T): number {
    if (this.lastIndex !== -1 && value === this.lastValue) return this.lastIndex;
    const key = this.keyOf(value);
    let found = this.index.get(key);
    if (found === undefined) {
      found = this.values.push(value) - 1;
      this.index.set(key, found);
    }
    this.lastValue = value;
    this.lastIndex = found;
    return found;
  }
}

/** The cache an earlier run wrote, when it is whole and of this loader. */
function openCache(file: string): Cached | undefined {
  const reader = CacheReader.open(file);
  const header = reader?.header as Partial<CacheHeader> | undefined;
  if (!reader || header?.loader !== LOADER_VERSION || typeof header.writtenAt !== 'number' || typeof header.files !== 'object' || header.files === null) return undefined;
  const firstCard = new Map<string, number>();
  let cards = 0;
  for (const [file, entry] of Object.entries(header.files)) {
    if (!isFileEntry(entry)) return undefined;
    firstCard.set(file, cards);
    cards += entry.drafts.count;
  }
  if (cards !== reader.cards) return undefined;
  return { header: header as CacheHeader, reader, firstCard };
}

function validIdentities(value: Identities | undefined): Identities | undefined {
  if (!value || !Array.isArray(value.ids) || !value.ids.every((id) => typeof id === 'string')) return undefined;
  return Array.isArray(value.diagnostics) && value.diagnostics.every(isDiagnostic) ? value : undefined;
}

function isFileEntry(value: unknown): value is FileEntry {
  const entry = value as Partial<FileEntry> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.size === 'number' &&
    typeof entry.mtimeMs === 'number' &&
    typeof entry.ino === 'number' &&
    typeof entry.readable === 'boolean' &&
    typeof entry.reading === 'string' &&
    Array.isArray(entry.diagnostics) &&
    entry.diagnostics.every(isDiagnostic) &&
    isDraftList(entry.drafts)
  );
}

function isDiagnostic(value: unknown): value is Diagnostic {
  const item = value as Partial<Diagnostic> | null;
  return typeof item?.file === 'string' && typeof item.line === 'number' && typeof item.message === 'string';
}

function isDraftList(value: unknown): value is DraftList {
  const list = value as Partial<DraftList> | null;
  return (
    typeof list === 'object' &&
    list !== null &&
    Number.isSafeInteger(list.count) &&
    (list.count ?? -1) >= 0 &&
    isArrayOf(list.decks, (deck) => typeof deck === 'string') &&
    isArrayOf(list.paths, (parts) => isArrayOf(parts, (part) => typeof part === 'string')) &&
    typeof list.explicitIds === 'object' &&
    list.explicitIds !== null &&
    Object.values(list.explicitIds).every((id) => typeof id === 'string')
  );
}

function isArrayOf<T>(value: unknown, isItem: (item: unknown) => boolean): value is T[] {
  return Array.isArray(value) && value.every(isItem);
}
