import fs from 'node:fs';
import path from 'node:path';
import { PrepError } from '../errors.js';
import type { Diagnostic } from './card.js';

/** The note files under the content folders and what could not be walked. */
export interface NoteFiles {
  files: string[];
  diagnostics: Diagnostic[];
}

const NOTE_FILE = /\.(?:md|markdown)$/iu;
/** A repository's own documents, found beside notes but never notes themselves. */
const PROJECT_FILE = /^(?:license|licence|changelog|contributing|code[_-]of[_-]conduct|security)\.(?:md|markdown)$/iu;
/** A README (`README.md`, `readme.zh-CN.md`…): notes when it holds questions, as many repositories of interview questions do. */
const README = /^readme(?:[._-][\w-]+)?\.(?:md|markdown)$/iu;

/** True when the file is a README: loaded as notes, but skipped quietly when it holds no questions. */
export function isReadme(file: string): boolean {
  return README.test(path.basename(file));
}

/**
 * Every `*.md` under the given folders (or the files themselves), recursively, but LICENSE,
 * CHANGELOG and such project documents (READMEs are found); skips dot folders,
 * `node_modules` and symlink loops. Folders keep the order they are given in (so do their cards),
 * files within one are sorted, and a file found twice is listed once.
 */
export function findNoteFiles(roots: string[]): NoteFiles {
  const files = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const visited = new Set<string>();
  for (const root of roots) {
    const stat = statOrUndefined(root);
    if (!stat) throw new PrepError(`content folder not found: ${root}`);
    const found = new Set<string>();
    if (stat.isFile()) found.add(root);
    else walk(root, found, visited, diagnostics);
    for (const file of [...found].sort(compareCodeUnits)) files.add(file);
  }
  return { files: [...files], diagnostics };
}

function walk(dir: string, found: Set<string>, visited: Set<string>, diagnostics: Diagnostic[]): void {
  const real = realpathOrUndefined(dir);
  if (!real || visited.has(real)) return;
  visited.add(real);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    diagnostics.push({ file: dir, line: 0, message: `cannot read this folder: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
    return;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    const isDir = entry.isDirectory() || (entry.isSymbolicLink() && statOrUndefined(full)?.isDirectory() === true);
    if (isDir) walk(full, found, visited, diagnostics);
    else if (NOTE_FILE.test(entry.name) && !PROJECT_FILE.test(entry.name)) found.add(full);
  }
}

function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

function realpathOrUndefined(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
