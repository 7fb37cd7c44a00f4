import path from 'node:path';
import { foldText } from '../text/fold.js';
import type { Diagnostic } from './card.js';

/** A note file and the deck its cards are in. */
export interface FileDeck {
  file: string;
  deck: string;
}

/** The decks given to files whose deck collided with another file's, by file, and a diagnostic for each. */
export interface DeckRenames {
  decks: Map<string, string>;
  diagnostics: Diagnostic[];
}

/**
 * Tells apart files in different folders whose decks have one name (as card ids fold it: two
 * `k8s.md`, or one front matter `deck:` in two folders). The folder nearest the top keeps the
 * name (the first in notes order, of folders as deep); in each other folder it is prefixed with
 * the shortest end of the folder's path that no other of these folders' paths ends with
 * (`ops/k8s`). Files of one folder that share a deck share it on purpose (only front matter can
 * do that) and keep it. Decks that collide with none are left alone, and so are their card ids.
 */
export function separateDecks(files: readonly FileDeck[]): DeckRenames {
  const renames: DeckRenames = { decks: new Map(), diagnostics: [] };
  for (const group of collidingGroups(files)) renameGroup(group, renames);
  return renames;
}

/** The files whose folded decks are equal, in groups of two or more, each in notes order. */
function collidingGroups(files: readonly FileDeck[]): FileDeck[][] {
  const byDeck = new Map<string, FileDeck[]>();
  for (const entry of files) {
    const key = foldText(entry.deck);
    const group = byDeck.get(key);
    if (group) group.push(entry);
    else byDeck.set(key, [entry]);
  }
  return [...byDeck.values()].filter((group) => group.length > 1);
}

/** One group of files with the same deck (two or more), in notes order. */
function renameGroup(group: FileDeck[], renames: DeckRenames): void {
  const folders = new Map<string, FileDeck[]>();
  for (const entry of group) {
    const folder = path.dirname(entry.file);
    const files = folders.get(folder);
    if (files) files.push(entry);
    else folders.set(folder, [entry]);
  }
  if (folders.size < 2) return;
  const kept = nearestTheTop(group);
  const relative = relativeFolders([...folders.keys()]);
  for (const [folder, files] of folders) {
    if (folder === path.dirname(kept.file)) continue;
    const prefix = distinguishingEnd(folder, relative).join('/');
    for (const { file, deck } of files) {
      const renamed = `${prefix}/${deck}`;
      renames.decks.set(file, renamed);
      const other = path.relative(folder, kept.file);
      renames.diagnostics.push({ file, line: 1, message: `deck "${deck}" is also the deck of ${other}; the cards here are in deck "${renamed}" (front matter deck: names another)` });
    }
  }
}

/** The file whose folder has the fewest parts to its path; of files as deep, the first. */
function nearestTheTop(group: FileDeck[]): FileDeck {
  const depth = ({ file }: FileDeck): number => file.split(path.sep).length;
  return group.reduce((best, entry) => (depth(entry) < depth(best) ? entry : best));
}

/** Each folder's path parts below the folder all of them are in. */
function relativeFolders(folders: string[]): Map<string, string[]> {
  const parts = folders.map((folder) => folder.split(path.sep));
  const first = parts[0] ?? [];
  let common = first.length;
  for (const each of parts) {
    let shared = 0;
    while (shared < common && each[shared] === first[shared]) shared++;
    common = shared;
  }
  return new Map(folders.map((folder, index) => [folder, (parts[index] ?? []).slice(common)]));
}

/**
 * The shortest end of `folder`'s relative path that no other folder's relative path ends with;
 * the whole relative path when every end is shared (`ops` beside `a/ops`). Either way no other
 * folder of the group gets the same: it would have to end with it.
 */
function distinguishingEnd(folder: string, relative: Map<string, string[]>): string[] {
  const own = relative.get(folder) ?? [];
  for (let length = 1; length < own.length; length++) {
    const end = own.slice(-length);
    const shared = [...relative].some(([other, parts]) => other !== folder && endsWith(parts, end));
    if (!shared) return end;
  }
  return own;
}

function endsWith(parts: string[], end: string[]): boolean {
  return parts.length >= end.length && end.every((part, index) => parts[parts.length - end.length + index] === part);
}
