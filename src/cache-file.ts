import { mkdirSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
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
