import { closeSync, constants, fstatSync, openSync } from 'node:fs';
import { ascendingTo, bytesAt, firstLine, numbersAt, readAt, writeCacheFileKeptOpen, type CacheFileWriter, type NumberArrayType } from '../cache-file.js';
import { cardRuns, fitsCards, startsCount, writeSearchText, type SearchableCard, type SearchText } from '../search/text.js';

/**
 * The parse cache on disk. A command reads what it needs and no more: `prep due` the header
 * (files, ids) and the card titles, `prep show` also the search text, and the answers only of the
 * cards it prints, each read on demand. Layout: the header as one JSON line, then the sections,
 * each where the header says, then the search text; numbers are 32-bit, in the machine's byte
 * order (a cache never moves):
 * - `questions`: every card's question, UTF-8, one after another, and `questionEnds`, where each
 *   ends in the decoded text (in UTF-16 code units): one decoding for ten thousand questions,
 *   about a third of what parsing them as JSON took;
 * - `lines`, `deckOf`, `pathOf`: per card, its heading's line, and which of its file's decks and
 *   section paths (listed in the header) are its own;
 * - `answerEnds`: per card, where its answer ends in `answers` (bytes);
 * - `answers`: every card's answer, UTF-8, one after another;
 * - after the sections, the {@link SearchText} bytes, and its starts as the file's last numbers.
 *   Its length is known only once it is folded, which it is on its way to the file, and so it is
 *   not in the header: it runs from the end of the answers to its starts, which are as many as
 *   the cards say.
 */
export interface CacheSections {
  questionEnds: Uint32Array;
  questions: TextSection;
  lines: Uint32Array;
  deckOf: Uint32Array;
  pathOf: Uint32Array;
  answerEnds: Uint32Array;
  answers: TextSection;
}

/**
 * Texts to write one after another as UTF-8, and how many bytes that makes: they are encoded
 * on their way to the file, never all at once into a buffer of their own.
 */
export interface TextSection {
  texts: readonly string[];
  byteLength: number;
}

/** What the cache says of each card, but its answer. */
export interface CardRows {
  /** Question `i` is `questions.slice(questionEnds[i - 1] ?? 0, questionEnds[i])`. */
  questions: string;
  questionEnds: Uint32Array;
  lines: Uint32Array;
  deckOf: Uint32Array;
  pathOf: Uint32Array;
}

type SectionName = keyof CacheSections;
/** The sections in the order written; the search text follows the last. */
const SECTION_NAMES: readonly SectionName[] = ['questionEnds', 'questions', 'lines', 'deckOf', 'pathOf', 'answerEnds', 'answers'];
/** Where each section is, in bytes after the header line: [offset, length]. */
type SectionTable = Record<SectionName, [number, number]>;

/**
 * Replaces the cache file with the header (any JSON object, given the section table), the sections
 * and the search text of `cards` (the cards of the rows, in order), and returns that search text,
 * read back from the file just written as a later run would; undefined when it could not be written.
 */
export function writeCache(file: string, header: object, sections: CacheSections, cards: readonly SearchableCard[]): SearchText | undefined {
  let search: { at: number; starts: Uint32Array } | undefined;
  const fd = writeCacheFileKeptOpen(file, (out) => {
    writeSections(out, header, sections);
    const at = out.position;
    const starts = writeSearchText(out, cards);
    out.bytes(new Uint8Array(starts.buffer, starts.byteOffset, starts.byteLength));
    search = { at, starts };
  });
  if (fd === undefined || !search) return undefined;
  const text = searchTextAt(fd, search.at, search.starts);
  closer.register(text, fd);
  return text;
}

function writeSections(out: CacheFileWriter, header: object, sections: CacheSections): void {
  const table = {} as SectionTable;
  let offset = 0;
  for (const name of SECTION_NAMES) {
    table[name] = [offset, sections[name].byteLength];
    offset += sections[name].byteLength;
  }
  out.text(`${JSON.stringify({ ...header, sections: table })}\n`);
  for (const name of SECTION_NAMES) {
    const section = sections[name];
    if ('texts' in section) for (const text of section.texts) out.text(text);
    else out.bytes(new Uint8Array(section.buffer, section.byteOffset, section.byteLength));
  }
}

/** Closes an open cache when its reader (or search text) is garbage: a long-lived process (the tests) never runs out of descriptors. */
const closer = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Already closed.
  }
});

/**
 * An open cache file. The descriptor stays open while the reader lives, so answers read later come
 * from the very file the header was read from, even if another run has replaced it meanwhile
 * (caches are replaced by rename, never rewritten in place).
 */
export class CacheReader {
  private searchText: SearchText | undefined;
  private allAnswers: Buffer | undefined;

  private constructor(
    private readonly fd: number,
    readonly header: Record<string, unknown>,
    private readonly sectionsAt: number,
    private readonly table: SectionTable,
    private readonly size: number,
    private readonly answerEnds: Uint32Array,
    /** Where the search text begins and where its starts begin, as found when the cache was opened. */
    private readonly searchAt: SearchBounds,
    /** The cards' questions, lines, decks and paths. */
    readonly rows: CardRows,
  ) {}

  /** Opens a cache and reads its header; undefined when there is none or it is not one. */
  static open(file: string): CacheReader | undefined {
    let fd: number;
    try {
      fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch {
      return undefined;
    }
    let reader: CacheReader | undefined;
    try {
      reader = CacheReader.read(fd);
    } catch {
      reader = undefined;
    }
    if (reader) closer.register(reader, fd);
    else closeSync(fd);
    return reader;
  }

  private static read(fd: number): CacheReader | undefined {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return undefined;
    const line = firstLine(fd, stat.size);
    if (!line) return undefined;
    const header = JSON.parse(line.text) as unknown;
    if (!isObject(header)) return undefined;
    const table = sectionTable(header.sections, stat.size - line.bytes);
    if (!table) return undefined;
    const answerEnds = typedSection(fd, line.bytes + table.answerEnds[0], table.answerEnds[1], Uint32Array);
    if (!answerEnds || !ascendingTo(answerEnds, table.answers[1])) return undefined;
    const search = searchBounds(line.bytes, table, stat.size, answerEnds.length);
    // The last number is the search text's length: a file cut short or not whole is no cache.
    if (!search || numbersAt(fd, stat.size - Uint32Array.BYTES_PER_ELEMENT, Uint32Array, 1)?.[0] !== search.startsAt - search.at) return undefined;
    const rows = cardRows(fd, table, line.bytes, answerEnds.length);
    return rows && new CacheReader(fd, header, line.bytes, table, stat.size, answerEnds, search, rows);
  }

  /** Cards in the cache. */
  get cards(): number {
    return this.answerEnds.length;
  }

  /** The question of the card at `index` (the cache's own order). */
  question(index: number): string {
    const { questions, questionEnds } = this.rows;
    return questions.slice(index === 0 ? 0 : questionEnds[index - 1], questionEnds[index]);
  }

  /**
   * Reads the whole answers section now, for a run about to read every answer (one that rewrites
   * the cache after a note changed): one read instead of one a card, which took ~110 ms for 10,000.
   */
  readAllAnswers(): void {
    const [offset, length] = this.table.answers;
    this.allAnswers ??= this.bytes(this.sectionsAt + offset, length);
  }

  /** The answer of the card at `index` (the cache's own order). */
  answer(index: number): string {
    const start = index === 0 ? 0 : this.answerEnds[index - 1];
    const end = this.answerEnds[index];
    const bytes = start === undefined || end === undefined ? undefined : this.answerBytes(start, end);
    // The descriptor is open on a regular file whose size was checked: only a failing disk gets here.
    if (!bytes) throw new Error(`cannot read card ${index} from the parse cache`);
    return bytes.toString('utf8');
  }

  /** The search text of `cards` cards, or undefined when the cache does not hold it whole (or holds other cards). */
  search(cards: number): SearchText | undefined {
    if (this.searchText) return this.searchText;
    if (cards !== this.cards) return undefined;
    const { at, startsAt } = this.searchAt;
    const starts = typedSection(this.fd, startsAt, this.size - startsAt, Uint32Array);
    if (!starts || !fitsCards(starts, startsAt - at, cards)) return undefined;
    this.searchText = searchTextAt(this.fd, at, starts);
    return this.searchText;
  }

  /** Bytes `start` to `end` of the answers section: from the section read whole, if it was, else from the file. */
  private answerBytes(start: number, end: number): Buffer | undefined {
    if (!this.allAnswers) return this.bytes(this.sectionsAt + this.table.answers[0] + start, end - start);
    return end <= this.allAnswers.length && start <= end ? this.allAnswers.subarray(start, end) : undefined;
  }

  private bytes(position: number, length: number): Buffer | undefined {
    return position + length > this.size ? undefined : whole(bytesAt(this.fd, position, length), length);
  }
}

/** Where a cache's search text begins (after the answers) and where its starts begin. */
interface SearchBounds {
  at: number;
  startsAt: number;
}

/**
 * Where the search text of `cards` cards begins (after the answers) and where its starts begin
 * (as many as the cards say, ending the file); undefined when they do not fit.
 */
function searchBounds(sectionsAt: number, table: SectionTable, size: number, cards: number): SearchBounds | undefined {
  const [answersAt, answersLength] = table.answers;
  const at = sectionsAt + answersAt + answersLength;
  const startsAt = size - startsCount(cards) * Uint32Array.BYTES_PER_ELEMENT;
  return startsAt >= at ? { at, startsAt } : undefined;
}

/** How much of the search text a search reads at a time. */
const SEARCH_RUN = 256 * 1024;

/** The search text in a cache file, read a run of whole cards at a time into one reused buffer. */
function searchTextAt(fd: number, position: number, starts: Uint32Array): SearchText {
  return {
    starts,
    forEachRun: (visit) => {
      let buffer = Buffer.allocUnsafe(SEARCH_RUN);
      for (const [from, to] of cardRuns(starts, SEARCH_RUN)) {
        if (to - from > buffer.length) buffer = Buffer.allocUnsafe(to - from);
        const bytes = buffer.subarray(0, to - from);
        // The descriptor is open on a regular file whose size was checked: only a failing disk gets here.
        if (readAt(fd, bytes, position + from) !== bytes.length) throw new Error('cannot read the search text from the parse cache');
        visit(bytes, from);
      }
    },
  };
}

/** The card rows, when every column has a row per card and the questions fit their text. */
function cardRows(fd: number, table: SectionTable, sectionsAt: number, cards: number): CardRows | undefined {
  const numbers = (name: SectionName): Uint32Array | undefined => typedSection(fd, sectionsAt + table[name][0], table[name][1], Uint32Array);
  const [questionEnds, lines, deckOf, pathOf] = [numbers('questionEnds'), numbers('lines'), numbers('deckOf'), numbers('pathOf')];
  const text = whole(bytesAt(fd, sectionsAt + table.questions[0], table.questions[1]), table.questions[1]);
  if (!questionEnds || !lines || !deckOf || !pathOf || !text) return undefined;
  if ([questionEnds, lines, deckOf, pathOf].some((column) => column.length !== cards)) return undefined;
  const questions = text.toString('utf8');
  return ascendingTo(questionEnds, questions.length) ? { questions, questionEnds, lines, deckOf, pathOf } : undefined;
}

/** A section of `length` bytes as numbers of a type; undefined when it is not whole numbers of them or cannot be read. */
function typedSection<T extends Uint32Array | Uint8Array>(fd: number, position: number, length: number, Type: NumberArrayType<T>): T | undefined {
  if (length % Type.BYTES_PER_ELEMENT !== 0) return undefined;
  try {
    return numbersAt(fd, position, Type, length / Type.BYTES_PER_ELEMENT);
  } catch {
    return undefined;
  }
}

/** The bytes when all `length` of them were read. */
function whole(bytes: Buffer, length: number): Buffer | undefined {
  return bytes.length === length ? bytes : undefined;
}

function sectionTable(value: unknown, room: number): SectionTable | undefined {
  if (!isObject(value)) return undefined;
  const table = {} as SectionTable;
  for (const name of SECTION_NAMES) {
    const entry = value[name];
    if (!Array.isArray(entry) || entry.length !== 2) return undefined;
    const [offset, length] = entry as unknown[];
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || (offset as number) < 0 || (length as number) < 0) return undefined;
    if ((offset as number) + (length as number) > room) return undefined;
    table[name] = [offset as number, length as number];
  }
  return table;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
