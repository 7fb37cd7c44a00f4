import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Card } from '../../src/notes/card.js';
import { loadDeckset } from '../../src/notes/load.js';
import { labelledQuestion } from '../../src/notes/prompts.js';
import { repoRoot } from './support.js';

/** Real notes nobody on the project wrote, next to the repository (see its README); absent in a fresh clone. */
export const corpusDir = path.resolve(repoRoot, '../shared/corpus');
export const corpusPresent = existsSync(corpusDir);

/** What a person reading a corpus file expects of it (corpus-labels.json). */
export interface FileLabel {
  /** The fewest and most cards the file should give. */
  lo: number;
  hi: number;
  /** The first questions, in order, as the corpus's documents write them. */
  first?: string[];
}

export interface Labels {
  minProseCoverage: number;
  files: Record<string, FileLabel>;
}

export const labels = JSON.parse(readFileSync(new URL('./corpus-labels.json', import.meta.url), 'utf8')) as Labels;

/** Text as questions are compared: NFKC, no backticks, `*`, `_` or white space, case folded. */
export function plain(text: string): string {
  return text.normalize('NFKC').replace(/[`*_\s]/gu, '').toLowerCase();
}

/** Text with its white space removed, as prose lines are looked for in cards. */
function squash(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '');
}

/**
 * A note's prose lines, as ../shared/tools/corpus-check.mjs counts them: not in front matter or
 * code, 20 characters or more, not starting as a heading, list item, quote, table, HTML, link,
 * image, bold run or rule; a trailing backslash dropped.
 */
export function proseLines(text: string): string[] {
  const out: string[] = [];
  let fence = false;
  let front = text.startsWith('---');
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (front) {
      if (index > 0 && line === '---') front = false;
      continue;
    }
    if (/^(?:```|~~~)/u.test(line)) {
      fence = !fence;
      continue;
    }
    if (fence || line.length < 20) continue;
    if (/^(?:#|[-*+]\s|\d+[.)]\s|>|\||<|!\[|\[|\*\*|[-=]{3,})/u.test(line)) continue;
    out.push(line.replace(/\s*\\?$/u, ''));
  }
  return out;
}

/**
 * The share of a note's prose lines whose first 60 characters (white space removed) are in some
 * card, and the lines that are not. A question's label (`-1. Question:`, `Q:`) is left out of its
 * card by design (the rule 1), so a labelled line counts by its question; corpus-check.mjs
 * in ../shared/tools does not know that, and counts such lines as missing.
 */
export function proseCoverage(text: string, cards: Card[]): { share: number; missing: string[] } {
  const all = squash(cards.map((card) => `${card.question}\n${card.answer}\n${card.path.join('\n')}`).join('\n'));
  const prose = proseLines(text);
  const missing = prose.filter((line) => !all.includes(squash(labelledQuestion(line) ?? line).slice(0, 60)));
  return { share: prose.length === 0 ? 1 : (prose.length - missing.length) / prose.length, missing };
}

/** Loads a corpus file's cards from a copy alone in a temporary folder under its own name (README.md stays README.md). */
export function loadAlone(file: string): Card[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'prep-corpus-labels-'));
  try {
    const copy = path.join(dir, path.basename(file));
    copyFileSync(path.join(corpusDir, file), copy);
    return loadDeckset([copy]).cards;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of a corpus file. */
export function corpusText(file: string): string {
  return readFileSync(path.join(corpusDir, file), 'utf8');
}
