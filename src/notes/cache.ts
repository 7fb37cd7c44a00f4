import { statSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { Deckset, Diagnostic } from './card.js';
import { readCacheFile, writeCacheFile } from '../cache-file.js';
import { assemble, loadNote, type Identities, type LoadedNote, type ParseNote } from './assemble.js';
import { findNoteFiles } from './files.js';
import type { CardDraft } from './parse.js';

/** Set by the build to a hash of the loader's source, so a changed loader never trusts old entries. */
declare const PREP_LOADER_VERSION: string | undefined;
const LOADER_VERSION = typeof PREP_LOADER_VERSION === 'string' ? PREP_LOADER_VERSION : 'source';

/** A file's stat, as far as the cache compares it. */
interface FileStamp {
  size: number;
  mtimeMs: number;
  ino: number;
}

interface CacheEntry extends FileStamp {
  note: LoadedNote;
}

interface CacheFile {
  loader: string;
  /** When the cache was written: files changed within the clock's granularity of it are parsed again. */
  writtenAt: number;
  files: Record<string, CacheEntry>;
  /** The card ids of all the files' drafts, in order, when they were last assembled. */
  identities?: Identities;
}

/** Files modified this close to the cache write may have changed again within the same mtime. */
const RACY_MS = 2000;

/** The parse cache's file in the data directory. */
export function noteCachePath(dataDir: string): string {
  return path.join(dataDir, 'cache', 'notes.json');
}

/**
 * Loads the notes like `loadDeckset`, reusing what an earlier run parsed for files whose size,
 * modification time and inode are unchanged; the parser (marked, gray-matter) is only loaded
 * when a file must be parsed. A missing, corrupt or older cache is ignored and rewritten; a
 * cache that cannot be written is no error.
 */
export async function loadDecksetCached(contentDirs: string[], dataDir: string): Promise<Deckset> {
  const cacheFile = noteCachePath(dataDir);
  const cached = readCache(cacheFile);
  const { files, diagnostics } = findNoteFiles(contentDirs);
  let parse: ParseNote | undefined;
  const fresh: Record<string, CacheEntry> = {};
  const cachedOrder = Object.keys(cached.files);
  let changed = files.length !== cachedOrder.length || files.some((file, index) => cachedOrder[index] !== file);
  const notes: { file: string; note: LoadedNote }[] = [];
  for (const file of files) {
    const stamp = stampOf(file);
    const hit = stamp && reusable(cached, file, stamp);
    let note: LoadedNote;
    if (hit) {
      note = hit;
    } else {
      parse ??= (await import('./parse.js')).parseNote;
      note = loadNote(file, parse);
      changed = true;
    }
    if (stamp && note.readable) fresh[file] = { ...stamp, note };
    notes.push({ file, note });
  }
  const known = changed ? undefined : validIdentities(cached.identities);
  const { deckset, identities } = assemble(notes, diagnostics, known);
  if (changed || !known) writeCacheFile(cacheFile, JSON.stringify({ loader: LOADER_VERSION, writtenAt: Date.now(), files: fresh, identities }));
  return deckset;
}

function stampOf(file: string): FileStamp | undefined {
  let stat: Stats;
  try {
    stat = statSync(file);
  } catch {
    return undefined;
  }
  return { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino };
}

function reusable(cache: CacheFile, file: string, stamp: FileStamp): LoadedNote | undefined {
  const entry = cache.files[file];
  if (!entry || entry.size !== stamp.size || entry.mtimeMs !== stamp.mtimeMs || entry.ino !== stamp.ino) return undefined;
  if (stamp.mtimeMs >= cache.writtenAt - RACY_MS) return undefined;
  return isLoadedNote(entry.note) ? entry.note : undefined;
}

function readCache(file: string): CacheFile {
  const empty: CacheFile = { loader: LOADER_VERSION, writtenAt: 0, files: {} };
  try {
    const bytes = readCacheFile(file);
    if (!bytes) return empty;
    const data = JSON.parse(bytes.toString('utf8')) as Partial<CacheFile> | null;
    if (data?.loader !== LOADER_VERSION || typeof data.writtenAt !== 'number' || typeof data.files !== 'object' || data.files === null) return empty;
    return { loader: data.loader, writtenAt: data.writtenAt, files: data.files, ...(data.identities ? { identities: data.identities } : {}) };
  } catch {
    return empty;
  }
}

function validIdentities(value: Identities | undefined): Identities | undefined {
  if (!value || !Array.isArray(value.ids) || !value.ids.every((id) => typeof id === 'string')) return undefined;
  return Array.isArray(value.diagnostics) && value.diagnostics.every(isDiagnostic) ? value : undefined;
}

function isLoadedNote(value: unknown): value is LoadedNote {
  const note = value as Partial<LoadedNote> | null;
  return (
    typeof note === 'object' &&
    note !== null &&
    typeof note.readable === 'boolean' &&
    Array.isArray(note.diagnostics) &&
    note.diagnostics.every(isDiagnostic) &&
    Array.isArray(note.drafts) &&
    note.drafts.every(isDraft)
  );
}

function isDiagnostic(value: unknown): value is Diagnostic {
  const item = value as Partial<Diagnostic> | null;
  return typeof item?.file === 'string' && typeof item.line === 'number' && typeof item.message === 'string';
}

function isDraft(value: unknown): value is CardDraft {
  const draft = value as Partial<CardDraft> | null;
  return (
    typeof draft?.deck === 'string' &&
    typeof draft.question === 'string' &&
    typeof draft.answer === 'string' &&
    Array.isArray(draft.path) &&
    draft.path.every((part) => typeof part === 'string') &&
    typeof draft.source?.file === 'string' &&
    typeof draft.source.line === 'number' &&
    (draft.explicitId === undefined || typeof draft.explicitId === 'string')
  );
}
