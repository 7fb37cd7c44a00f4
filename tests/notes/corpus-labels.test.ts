import { describe, expect, it } from 'vitest';
import type { Card } from '../../src/notes/card.js';
import { corpusDir, corpusPresent, corpusText, labels, loadAlone, plain, proseCoverage, proseLines } from './corpus-support.js';

/*
 * The real notes of ../shared/corpus against labels a person wrote for them (its README.md and
 * MORE.md, copied into corpus-labels.json): the number of cards, the first questions, and how much
 * of each file's prose ends up in some card. Absent in a fresh clone: then skipped with a message.
 */
if (!corpusPresent) console.log(`corpus label tests skipped: ${corpusDir} not found (real notes used to try the loader)`);

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
      '-1. Question: not a list item, as no space follows the dash',
      '2022 was a year with long enough text',
    ].join('\n');
    expect(proseLines(text)).toEqual(['A paragraph line that is long enough.', '-1. Question: not a list item, as no space follows the dash', '2022 was a year with long enough text']);
  });
});

describe.runIf(corpusPresent)('the corpus against its labels', () => {
  const cache = new Map<string, Card[]>();
  const cardsOf = (file: string): Card[] => {
    const cards = cache.get(file) ?? loadAlone(file);
    cache.set(file, cards);
    return cards;
  };
  const files = Object.entries(labels.files);

  it.each(files)('%s gives a card count in its range', (file, label) => {
    const count = cardsOf(file).length;
    const says = `${file}: ${count} cards, want ${label.lo}–${label.hi}`;
    expect(count, says).toBeGreaterThanOrEqual(label.lo);
    expect(count, says).toBeLessThanOrEqual(label.hi);
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
    const { share, missing } = proseCoverage(corpusText(file), cardsOf(file));
    expect(share, `${(100 * share).toFixed(1)}% covered; missing: ${JSON.stringify(missing)}`).toBeGreaterThanOrEqual(labels.minProseCoverage);
  });
});
