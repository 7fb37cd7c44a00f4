import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
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
