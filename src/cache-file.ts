import { closeSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A cache file's bytes, or undefined when it is missing or not a regular file (a pipe would
 * block the read). Caches in the data directory are only a speed-up: any error is a miss.
 */
export function readCacheFile(file: string): Buffer | undefined {
  try {
    return statSync(file).isFile() ? readFileSync(file) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Replaces a cache file whole (written beside it, then renamed over it). One temporary name
 * for every writer: a run killed before the rename leaves nothing that piles up, and two runs
 * writing at once can at worst leave a corrupt cache, which the next run ignores. A cache that
 * cannot be written (read-only or full data directory) is no error: it costs a rebuild next time.
 */
export function writeCacheFile(file: string, data: string | Uint8Array): void {
  const temporary = `${file}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(temporary, data);
    renameSync(temporary, file);
  } catch {
    // Only a speed-up.
  }
}

/**
 * Replaces a cache file like {@link writeCacheFile}, written piece by piece to a
 * {@link CacheFileWriter}, and returns a descriptor open on the file written, for a run to read
 * back what it has just written (the caller closes it); undefined when it could not be written.
 * The temporary file is created afresh, exclusively: another run writing at once can at worst
 * leave its own file in place of this one's, never mix its bytes into the file this descriptor reads.
 */
export function writeCacheFileKeptOpen(file: string, write: (out: CacheFileWriter) => void): number | undefined {
  const temporary = `${file}.tmp`;
  let fd: number | undefined;
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    rmSync(temporary, { force: true });
    fd = openSync(temporary, 'wx+');
    const out = new CacheFileWriter(fd);
    write(out);
    out.flush();
    renameSync(temporary, file);
    return fd;
  } catch {
    if (fd !== undefined) closeSync(fd);
    return undefined;
  }
}

/** How much a {@link CacheFileWriter} gathers before it writes. */
const WRITE_BUFFER = 256 * 1024;
/** UTF-8 takes at most three bytes for a UTF-16 code unit. */
const MAX_UTF8_PER_UNIT = 3;

/**
 * Writes a file in order through one reused buffer: thousands of small texts are encoded into it
 * and cost a system call per 256 KB, with no buffer of their own and no copy of the whole file.
 */
export class CacheFileWriter {
  private readonly buffer = Buffer.allocUnsafe(WRITE_BUFFER);
  private used = 0;
  private written = 0;

  constructor(private readonly fd: number) {}

  /** Bytes appended so far: where the next one goes in the file. */
  get position(): number {
    return this.written + this.used;
  }

  /** Appends bytes: copied into the buffer when they fit, else written as they are. */
  bytes(data: Uint8Array): void {
    if (data.byteLength > this.buffer.length - this.used) this.flush();
    if (data.byteLength > this.buffer.length) {
      writeFileSync(this.fd, data);
      this.written += data.byteLength;
      return;
    }
    this.buffer.set(data, this.used);
    this.used += data.byteLength;
  }

  /** Appends a text as UTF-8: encoded into the buffer when it surely fits, else written as it is. */
  text(text: string): void {
    const most = text.length * MAX_UTF8_PER_UNIT;
    if (most > this.buffer.length - this.used) this.flush();
    if (most > this.buffer.length) {
      writeFileSync(this.fd, text);
      this.written += Buffer.byteLength(text);
      return;
    }
    this.used += this.buffer.write(text, this.used);
  }

  /**
   * Appends what `encode` puts into a buffer from `at`, given room for `most` bytes (it returns how
   * many it put): straight into the writer's buffer when they surely fit, else into one of their own.
   */
  encoded(most: number, encode: (buffer: Buffer, at: number) => number): void {
    if (most > this.buffer.length - this.used) this.flush();
    if (most > this.buffer.length) {
      const own = Buffer.allocUnsafe(most);
      this.bytes(own.subarray(0, encode(own, 0)));
      return;
    }
    this.used += encode(this.buffer, this.used);
  }

  /** Writes what the buffer holds. */
  flush(): void {
    if (this.used > 0) writeFileSync(this.fd, this.buffer.subarray(0, this.used));
    this.written += this.used;
    this.used = 0;
  }
}

/** Reads into `bytes` from `position` until it is full or the file ends; how many bytes were read. */
export function readAt(fd: number, bytes: Uint8Array, position: number): number {
  let read = 0;
  while (read < bytes.length) {
    const got = readSync(fd, bytes, read, bytes.length - read, position + read);
    if (got === 0) break;
    read += got;
  }
  return read;
}

/** A typed array's constructor, for {@link numbersAt}. */
export interface NumberArrayType<T extends Uint8Array | Uint16Array | Uint32Array | Float32Array | Float64Array> {
  new (length: number): T;
  readonly BYTES_PER_ELEMENT: number;
}

/**
 * `count` numbers of a type from `position`, read into an array of their own (so they need no
 * alignment in the file); undefined when the file ends before them.
 */
export function numbersAt<T extends Uint8Array | Uint16Array | Uint32Array | Float32Array | Float64Array>(
  fd: number,
  position: number,
  Type: NumberArrayType<T>,
  count: number,
): T | undefined {
  const numbers = new Type(count);
  return readAt(fd, new Uint8Array(numbers.buffer), position) === numbers.byteLength ? numbers : undefined;
}

/** Up to `length` bytes of a file from `position` (fewer where it ends). */
export function bytesAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(Math.max(0, length));
  return buffer.subarray(0, readAt(fd, buffer, position));
}

/** The first read of a cache's header line; each further read is twice as long as the one before. */
const FIRST_READ = 64 * 1024;

/**
 * The first line of a cache file of `size` bytes (its header, which may hold many card ids), and
 * its length with the line break; undefined when the file has no line break. Read in pieces that
 * double, so that a long header costs at most about as much again.
 */
export function firstLine(fd: number, size: number): { text: string; bytes: number } | undefined {
  const pieces: Buffer[] = [];
  for (let read = 0, want = FIRST_READ; read < size; want *= 2) {
    const piece = bytesAt(fd, read, Math.min(want, size - read));
    const end = piece.indexOf(0x0a);
    if (end !== -1) return { text: Buffer.concat([...pieces, piece.subarray(0, end)]).toString('utf8'), bytes: read + end + 1 };
    if (piece.length === 0) return undefined;
    pieces.push(piece);
    read += piece.length;
  }
  return undefined;
}

/** Whether offsets read from a cache never go down and the last is `end` (none: `end` is 0). */
export function ascendingTo(numbers: Uint32Array, end: number): boolean {
  let previous = 0;
  // An indexed loop: a run starts cold, and iterating a typed array with for-of took 5-7 ms there for 20,000 numbers.
  for (let index = 0; index < numbers.length; index++) {
    const value = numbers[index] ?? 0;
    if (value < previous) return false;
    previous = value;
  }
  return previous === end;
}
