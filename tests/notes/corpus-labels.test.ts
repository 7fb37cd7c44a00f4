import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Card } from '../../src/notes/card.js';
import { loadDeckset } from '../../src/notes/load.js';
import { repoRoot } from './support.js';

/**
 * The real notes of ../shared/corpus against labels a person wrote for them (its README.md and
 * MORE.md, copied into corpus-labels.json): the number of cards, the first questions, and how much
 * of each file's prose ends up in some card. Absent in a fresh clone: then skipped with a message.
 */
const corpusDir = path.resolve(repoRoot, '../shared/corpus');
const present = existsSync(corpusDir);
if (!present) console.log(`corpus label tests skipped: ${corpusDir} not found (real notes used to try the loader)`);

interface FileLabel {
  /** The fewest and most cards the file should give. */
  lo: number;
  hi: number;
  /** The first questions, in order, as the documents write them. */
  first?: string[];
}

interface Labels {
  minProseCoverage: number;
  files: Record<string, FileLabel>;
}

const labels = JSON.parse(readFileSync(new URL('./corpus-labels.json', import.meta.url), 'utf8')) as Labels;

/** Text as questions are compared: NFKC, no backticks, `*`, `_` or white space, case folded. */
function plain(text: string): string {
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

/** The share of a note's prose lines whose first 60 characters (white space removed) are in some card. */
function proseCoverage(text: string, cards: Card[]): { share: number; missing: string[] } {
  const all = squash(cards.map((card) => `${card.question}\n${card.answer}\n${card.path.join('\n')}`).join('\n'));
  const prose = proseLines(text);
  const missing = prose.filter((line) => !all.includes(squash(line).slice(0, 60)));
  return { share: prose.length === 0 ? 1 : (prose.length - missing.length) / prose.length, missing };
}

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** The cards of one corpus file, loaded from a copy alone in a temporary folder under its own name (README.md stays README.md). */
function loadAlone(file: string): Card[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'prep-corpus-labels-'));
  temps.push(dir);
  const copy = path.join(dir, path.basename(file));
  copyFileSync(path.join(corpusDir, file), copy);
  return loadDeckset([copy]).cards;
}

describe('proseLines', () => {
  it('counts what corpus-check counts', () => {
    const text = [
      '---',
      'title: A long front matter line that is not prose',
      '---',
      '# A heading that is long enough to count',
      'A paragraph line that is long enough. \\',
      'short',
      '```',
      'code that is long enough to count as prose',
      '```',
      '- a list item that is long enough to count',
      '**A bold line that is long enough to count**',
      '<p>HTML that is long enough to count</p>',
      '1) a numbered item that is long enough',
      '2022 was a year with long enough text',
    ].join('\n');
    expect(proseLines(text)).toEqual(['A paragraph line that is long enough.', '2022 was a year with long enough text']);
  });
});

describe.runIf(present)('the corpus against its labels', () => {
  const cache = new Map<string, Card[]>();
  const cardsOf = (file: string): Card[] => {
    const cards = cache.get(file) ?? loadAlone(file);
    cache.set(file, cards);
    return cards;
  };
  const files = Object.entries(labels.files);

  it.each(files)('%s gives a card count in its range', (file, label) => {
    const count = cardsOf(file).length;
    expect(count, `${file}: ${count} cards, want ${label.lo}–${label.hi}`).toBeGreaterThanOrEqual(label.lo);
    expect(count, `${file}: ${count} cards, want ${label.lo}–${label.hi}`).toBeLessThanOrEqual(label.hi);
  });

  it.each(files.filter(([, label]) => label.first !== undefined))('%s starts with the labelled questions', (file, label) => {
    const first = label.first ?? [];
    const got = cardsOf(file)
      .slice(0, first.length)
      .map((card) => card.question);
    const wanted = first.map((question) => plain(question).replace(/[?？]$/u, ''));
    expect(
      got.map((question, index) => plain(question).startsWith(wanted[index] ?? '')),
      `got ${JSON.stringify(got.map((question) => question.split('\n')[0]))}`,
    ).toEqual(first.map(() => true));
  });

  it.each(files.filter(([, label]) => label.hi > 0))(`%s has ≥ ${100 * labels.minProseCoverage}% of its prose in cards`, (file) => {
    const { share, missing } = proseCoverage(readFileSync(path.join(corpusDir, file), 'utf8'), cardsOf(file));
    expect(share, `${(100 * share).toFixed(1)}% covered; missing, first 5: ${JSON.stringify(missing)}`).toBeGreaterThanOrEqual(labels.minProseCoverage);
  });
});
