import { closeSync, constants, fstatSync, openSync, type Stats } from 'node:fs';
import { firstLine, numbersAt, writeCacheFile, type NumberArrayType } from '../cache-file.js';
import type { Diagnostic } from '../notes/card.js';

/*
 * The log snapshot's file: a header, then named columns of numbers. A column loads with one
 * positional read into a typed array, without parsing, and a reader reads only the columns it
 * uses: `prep due` never touches the ~200,000 rows of review history that `prep stats` reads.
 *
 * On disk: the header as one JSON line, padded with spaces to a multiple of 8 bytes; then each
 * column, in the narrowest element type that holds all its values exactly, at an offset (from
 * the end of the header) that is a multiple of 8. The header lists every column's offset,
 * element count and type. Typed arrays are in the machine's byte order, like the cache itself.
 */

/** Set by the build to a hash of the store's source: a snapshot is trusted only by the code that wrote it. */
declare const PREP_STORE_VERSION: string | undefined;
const STORE_VERSION = typeof PREP_STORE_VERSION === 'string' ? PREP_STORE_VERSION : 'source';

const ARRAYS = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, f32: Float32Array, f64: Float64Array } as const;

/** A column's element type, as the header names it. */
export type ColumnType = keyof typeof ARRAYS;

/** A column of numbers as it is stored and read. */
export type Column = InstanceType<(typeof ARRAYS)[ColumnType]>;

/** What the header says about the log: where in it the snapshot ends, and the card ids the columns index. */
export interface SnapshotHeader {
  ino: number;
  /** Bytes of the log the snapshot covers, and the lines in them. */
  offset: number;
  lines: number;
  /** The log's last bytes before `offset`, base64: a log replaced or rewritten does not match. */
  tail: string;
  /** Card ids; columns of cards hold indexes into this list. */
  cards: string[];
  /** The warnings of the lines covered, given again on every read as reading the whole log would. */
  warnings: Diagnostic[];
}

/** Where a column lies after the header. */
interface Section {
  offset: number;
  count: number;
  type: ColumnType;
}

/** The values a column may hold: within [min, max], and whole numbers if `whole`. */
export interface Bounds {
  min: number;
  max: number;
  whole?: boolean;
}

/** The values each integer type can hold. */
const INTEGER_RANGES: Partial<Record<ColumnType, readonly [number, number]>> = { u8: [0, 0xff], u16: [0, 0xffff], u32: [0, 0xffffffff] };

/**
 * The narrowest typed array that holds every value exactly: unsigned integers of 8, 16 or 32 bits,
 * else 32-bit floats, else 64-bit ones (what the values were).
 */
export function packColumn(values: ArrayLike<number>): Column {
  let max = 0;
  let whole = true;
  let single = true;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? 0;
    if (value > max) max = value;
    if (whole && !(Number.isInteger(value) && value >= 0)) whole = false;
    if (single && Math.fround(value) !== value) single = false;
  }
  if (whole && max <= 0xff) return Uint8Array.from(values);
  if (whole && max <= 0xffff) return Uint16Array.from(values);
  if (whole && max <= 0xffffffff) return Uint32Array.from(values);
  return single ? Float32Array.from(values) : Float64Array.from(values);
}

/** Writes a snapshot file (atomically, as every cache): the header and the named columns. */
export function writeSnapshotFile(file: string, header: SnapshotHeader, columns: Record<string, Column>): void {
  const sections: Record<string, Section> = {};
  let end = 0;
  for (const [name, column] of Object.entries(columns)) {
    sections[name] = { offset: end, count: column.length, type: typeOf(column) };
    end = alignUp(end + column.byteLength);
  }
  const head = paddedLine(JSON.stringify({ version: STORE_VERSION, ...header, sections }));
  const bytes = Buffer.alloc(head.length + end);
  head.copy(bytes);
  for (const [name, column] of Object.entries(columns)) {
    bytes.set(new Uint8Array(column.buffer, column.byteOffset, column.byteLength), head.length + (sections[name]?.offset ?? 0));
  }
  writeCacheFile(file, bytes);
}

/**
 * A snapshot file opened for reading: its header at once, its columns when asked. It reads the
 * file again for each batch of columns, and only while the file is still the one whose header it
 * read (a run that rewrites the snapshot meanwhile replaces the file).
 */
export class SnapshotFile {
  private constructor(
    private readonly file: string,
    readonly header: SnapshotHeader,
    private readonly sections: Readonly<Record<string, Section>>,
    private readonly dataStart: number,
    private readonly identity: Stats,
  ) {}

  /** The snapshot at `file` with a sound header (every column within the file), else undefined. */
  static open(file: string): SnapshotFile | undefined {
    return withFile(file, undefined, (fd, stat) => {
      // The header is padded so that the columns after it start at a multiple of 8 bytes.
      const head = firstLine(fd, stat.size);
      if (!head || head.bytes % 8 !== 0) return undefined;
      const parsed = parseHeader(head.text, stat.size - head.bytes);
      return parsed && new SnapshotFile(file, parsed.header, parsed.sections, head.bytes, stat);
    });
  }

  /** How many values a column holds (0 for one the file does not have). */
  length(name: string): number {
    return this.sections[name]?.count ?? 0;
  }

  /**
   * The named columns (or their values `from` to `to`), each checked against its bounds; undefined
   * when one is missing, holds a value out of bounds or cannot be read whole, or the file has
   * changed: the snapshot is not to be trusted.
   */
  read(names: readonly string[], bounds: Readonly<Record<string, Bounds>>, from = 0, to = Infinity): Column[] | undefined {
    return withFile(this.file, this.identity, (fd) => {
      const columns: Column[] = [];
      for (const name of names) {
        const section = this.sections[name];
        const limits = bounds[name];
        const column = section && readSection(fd, this.dataStart + section.offset, section.type, Math.min(from, section.count), Math.min(to, section.count));
        if (!column || !limits || !within(column, section.type, limits)) return undefined;
        columns.push(column);
      }
      return columns;
    });
  }
}

/** Runs `use` on the open file when it is a regular file (and the same one as `expected`, if given). */
function withFile<T>(file: string, expected: Stats | undefined, use: (fd: number, stat: Stats) => T | undefined): T | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = fstatSync(fd);
    if (!stat.isFile()) return undefined;
    if (expected && (stat.ino !== expected.ino || stat.size !== expected.size || stat.mtimeMs !== expected.mtimeMs)) return undefined;
    return use(fd, stat);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The header, checked field by field; undefined when it is not one this code wrote or a column lies outside the data. */
function parseHeader(json: string, dataSize: number): { header: SnapshotHeader; sections: Record<string, Section> } | undefined {
  const parsed = JSON.parse(json) as Partial<SnapshotHeader & { version: string; sections: Record<string, unknown> }> | null;
  if (!parsed || parsed.version !== STORE_VERSION) return undefined;
  const { ino, offset, lines, tail, cards, warnings, sections } = parsed;
  const valid =
    typeof ino === 'number' &&
    typeof offset === 'number' &&
    typeof lines === 'number' &&
    typeof tail === 'string' &&
    Array.isArray(cards) &&
    cards.every((card) => typeof card === 'string') &&
    Array.isArray(warnings) &&
    warnings.every((warning) => typeof warning?.file === 'string' && typeof warning.line === 'number' && typeof warning.message === 'string') &&
    typeof sections === 'object' &&
    sections !== null &&
    Object.values(sections).every((section) => isSection(section, dataSize));
  return valid ? { header: { ino, offset, lines, tail, cards, warnings }, sections: sections as Record<string, Section> } : undefined;
}

function isSection(value: unknown, dataSize: number): value is Section {
  if (typeof value !== 'object' || value === null) return false;
  const { offset, count, type } = value as Partial<Record<keyof Section, unknown>>;
  if (typeof type !== 'string' || !Object.hasOwn(ARRAYS, type) || !isCount(offset) || !isCount(count)) return false;
  return offset % 8 === 0 && offset + count * ARRAYS[type as ColumnType].BYTES_PER_ELEMENT <= dataSize;
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** Values `from` to `to` of the column at `start`, read into a typed array of its type; undefined when the file ends before them. */
function readSection(fd: number, start: number, type: ColumnType, from: number, to: number): Column | undefined {
  const Type: NumberArrayType<Column> = ARRAYS[type];
  return numbersAt(fd, start + from * Type.BYTES_PER_ELEMENT, Type, Math.max(0, to - from));
}

/** Whether every value of a column is within bounds, checked one by one only where its type does not promise it. */
function within(column: Column, type: ColumnType, { min, max, whole = false }: Bounds): boolean {
  const range = INTEGER_RANGES[type];
  if (range && min <= range[0] && range[1] <= max) return true;
  const checkWhole = whole && !range;
  for (let i = 0; i < column.length; i++) {
    const value = column[i] ?? Number.NaN;
    // Written so that NaN fails too.
    if (!(value >= min && value <= max) || (checkWhole && !Number.isInteger(value))) return false;
  }
  return true;
}

function typeOf(column: Column): ColumnType {
  if (column instanceof Uint8Array) return 'u8';
  if (column instanceof Uint16Array) return 'u16';
  if (column instanceof Uint32Array) return 'u32';
  return column instanceof Float32Array ? 'f32' : 'f64';
}

const alignUp = (offset: number): number => Math.ceil(offset / 8) * 8;

/** A JSON line padded with spaces so that what follows starts at a multiple of 8 bytes. */
function paddedLine(json: string): Buffer {
  const length = Buffer.byteLength(json) + 1;
  return Buffer.from(`${json}${' '.repeat((8 - (length % 8)) % 8)}\n`);
}
