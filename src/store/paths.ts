import { closeSync, constants, fstatSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import envPaths from 'env-paths';
import { ExitCode, PrepError } from '../errors.js';

/**
 * The data directory that holds everything prep writes: `PREP_HOME` when set (made absolute),
 * else the platform's data directory for `prep` (e.g. `~/.local/share/prep` on Linux).
 */
export function dataDir(env: NodeJS.ProcessEnv): string {
  const home = env.PREP_HOME;
  if (home !== undefined && home !== '') {
    return resolve(home);
  }
  return envPaths('prep', { suffix: '' }).data;
}

/** Creates the data directory (private to the user) if it is missing; a PrepError names it when it cannot be. */
export function ensureDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw storeError(error, dir, 'create the data directory');
  }
}

const environmentCodes: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EFBIG: 'the file is too large (a file size limit was reached)',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EEXIST: 'a file is in the way',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

/**
 * Turns a file-system error the user can fix (permissions, read-only or full disk, a file in the
 * way) into a PrepError naming the path; anything else is returned unchanged, as a bug.
 */
export function storeError(error: unknown, path: string, doing: string): unknown {
  const code = errorCode(error);
  const reason = code === undefined ? undefined : environmentCodes[code];
  if (reason === undefined) {
    return error;
  }
  return new PrepError(`cannot ${doing} ${path}: ${reason} (${code})`, ExitCode.usage);
}

/**
 * Reads one of prep's own files as UTF-8, or returns undefined when it does not exist. Anything
 * but a regular file (a device such as /dev/zero, a pipe, a folder) is a PrepError naming it:
 * reading a device or a pipe would never end. `what` names the file in messages.
 */
export function readOwnFile(file: string, what: string): string | undefined {
  let fd: number;
  try {
    // Non-blocking, so that opening a pipe with no writer returns at once.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw storeError(error, file, `read ${what}`);
  }
  try {
    if (!fstatSync(fd).isFile()) {
      throw new PrepError(`cannot read ${what} ${file}: it is not a regular file`, ExitCode.usage);
    }
    return readFileSync(fd, 'utf8');
  } catch (error) {
    throw storeError(error, file, `read ${what}`);
  } finally {
    closeSync(fd);
  }
}

/** The `code` of a Node.js system error, if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}
