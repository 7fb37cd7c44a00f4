import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Card } from '../../src/notes/card.js';
import { searchFold, writeSearchFold } from '../../src/search/fold.js';
import { searchCards } from '../../src/search/match.js';
import { cardRuns, fitsCards, NOT_FOUND, searchTextOf, worstFields, type SearchText } from '../../src/search/text.js';

function card(question: string, answer: string, path: string[] = ['Basics'], deck = 'net'): Card {
  return { id: question, deck, path, question, answer, source: { file: `${deck}.md`, line: 1 } };
}

describe('the searchable text', () => {
  const cards = [
    card('What is TCP?', 'A reliable stream.'),
    card('什么是 Redis 持久化？', 'RDB 与 AOF。', ['缓存']),
    card('How does DNS work?', 'Resolvers ask TCP servers sometimes.', ['Naming'], 'ＴＣＰ'),
  ];
  const text = searchTextOf(cards);

  it('gives each card the best field holding a word: question, path, deck, then answer', () => {
    expect([...worstFields(text, ['tcp'])]).toEqual([0, NOT_FOUND, 2]);
    expect([...worstFields(text, ['缓存'])]).toEqual([NOT_FOUND, 1, NOT_FOUND]);
    expect([...worstFields(text, ['aof'])]).toEqual([NOT_FOUND, 3, NOT_FOUND]);
    expect([...worstFields(text, ['resolvers'])]).toEqual([NOT_FOUND, NOT_FOUND, 3]);
  });

  it('finds CJK by substring and folds case and width', () => {
    expect([...worstFields(text, ['持久'])]).toEqual([NOT_FOUND, 0, NOT_FOUND]);
    expect([...worstFields(text, ['redis'])]).toEqual([NOT_FOUND, 0, NOT_FOUND]);
  });

  it('never matches across two fields or two cards', () => {
    // "stream." ends card 0; "什么" begins card 1; "?" ends a question and "basics" is the path.
    expect([...worstFields(text, ['stream.什么'])]).toEqual([NOT_FOUND, NOT_FOUND, NOT_FOUND]);
    expect([...worstFields(text, ['?basics'])]).toEqual([NOT_FOUND, NOT_FOUND, NOT_FOUND]);
  });

  it('checks its own shape', () => {
    expect(fitsCards(text.starts, text.bytes.length, 3)).toBe(true);
    expect(fitsCards(text.starts, text.bytes.length, 2)).toBe(false);
    expect(fitsCards(text.starts, text.bytes.length - 1, 3)).toBe(false);
    const shuffled = text.starts.slice();
    shuffled.set([shuffled[2] ?? 0, shuffled[1] ?? 0], 1);
    expect(fitsCards(shuffled, text.bytes.length, 3)).toBe(false);
  });

  it('judges a card by the word in its worst field; a card missing a word is not found', () => {
    expect([...worstFields(text, ['tcp', 'resolvers'])]).toEqual([NOT_FOUND, NOT_FOUND, 3]);
    expect([...worstFields(text, ['redis', '持久'])]).toEqual([NOT_FOUND, 0, NOT_FOUND]);
    expect([...worstFields(text, ['redis', 'rdb'])]).toEqual([NOT_FOUND, 3, NOT_FOUND]);
  });

  it('ranks a search as the cards themselves would: by the worst word field, then notes order', () => {
    expect(searchCards(cards, ['tcp']).map((hit) => hit.question)).toEqual(['What is TCP?', 'How does DNS work?']);
    expect(searchCards(cards, ['TCP', 'resolvers'], text).map((hit) => hit.question)).toEqual(['How does DNS work?']);
    expect(searchCards(cards, ['持久化', 'aof'], text).map((hit) => hit.question)).toEqual(['什么是 Redis 持久化？']);
  });
});

describe('the searchable text read in runs of whole cards', () => {
  const cards = Array.from({ length: 40 }, (_, index) => card(`Question ${index} on tcp?`, `${'answer '.repeat(index)}udp ${index}`, [`Part ${index % 3}`]));
  const whole = searchTextOf(cards);

  /** The same text, handed out a run of at most `most` bytes at a time, each in a buffer of its own. */
  function inRuns(most: number): SearchText {
    return {
      starts: whole.starts,
      forEachRun: (visit) => {
        for (const [from, to] of cardRuns(whole.starts, most)) visit(whole.bytes.slice(from, to), from);
      },
    };
  }

  it('covers the text in order, each run whole cards and no longer than asked unless one card is', () => {
    const cardEnds = new Set(Array.from({ length: cards.length + 1 }, (_, index) => whole.starts[index * 4]));
    for (const most of [1, 30, 100, 1000, 1_000_000]) {
      const runs = cardRuns(whole.starts, most);
      expect(runs[0]?.[0]).toBe(0);
      expect(runs.at(-1)?.[1]).toBe(whole.bytes.length);
      runs.forEach(([from, to], index) => {
        expect(cardEnds.has(from) && cardEnds.has(to) && to > from).toBe(true);
        if (index > 0) expect(from).toBe(runs[index - 1]?.[1]);
        const oneCard = whole.starts.indexOf(to) === whole.starts.indexOf(from) + 4;
        expect(to - from <= most || oneCard).toBe(true);
      });
    }
    expect(cardRuns(searchTextOf([]).starts, 10)).toEqual([]);
  });

  it('finds what the whole text finds', () => {
    for (const words of [['tcp'], ['udp', '3'], ['answer', 'part 2'], ['question 39'], ['nothing']]) {
      const expected = [...worstFields(whole, words)];
      for (const most of [1, 50, 400, 1_000_000]) expect([...worstFields(inRuns(most), words)]).toEqual(expected);
    }
  });
});

describe('the searchable text is laid out in one buffer', () => {
  /** The layout written the plain way: each field folded, then a line break, all encoded at once. */
  function plainLayout(cards: Card[]): { bytes: number[]; starts: number[] } {
    const fields = cards.flatMap((item) => [item.question, item.path.join(' '), item.deck, item.answer].map((field) => `${searchFold(field)}\n`));
    const starts = [0];
    for (const field of fields) starts.push((starts.at(-1) ?? 0) + Buffer.byteLength(field));
    return { bytes: [...Buffer.from(fields.join(''))], starts };
  }

  it('that holds every field folded: width, case, the dotted İ and a final sigma', () => {
    const cards = [
      card('İSTANBUL ΟΔΟΣ？', 'ＴＣＰ　ｓｔｒｅａｍ：ΣΑΣ', ['Ａ', 'b Ｂ'], 'İ'),
      card('', '', [], ''),
      card('😀 Ǆ ẞ', 'x\ny\n', ['Σ'], 'ΣΑΣ'),
    ];
    const text = searchTextOf(cards);
    expect({ bytes: [...text.bytes], starts: [...text.starts] }).toEqual(plainLayout(cards));
  });

  it('for any text', () => {
    const field = fc.string({ unit: 'binary', maxLength: 40 });
    const cards = fc.array(fc.record({ question: field, answer: field, path: fc.array(field, { maxLength: 3 }), deck: field }), { maxLength: 5 });
    fc.assert(
      fc.property(cards, (drawn) => {
        const items = drawn.map((item) => card(item.question, item.answer, item.path, item.deck));
        const text = searchTextOf(items);
        expect({ bytes: [...text.bytes], starts: [...text.starts] }).toEqual(plainLayout(items));
      }),
    );
  });

  it('is sized for the worst case: folding takes at most three UTF-8 bytes for a UTF-16 unit', () => {
    let worst = 0;
    for (let point = 0; point <= 0x10ffff; point++) {
      if (point >= 0xd800 && point <= 0xdfff) continue;
      const char = String.fromCodePoint(point);
      worst = Math.max(worst, Buffer.byteLength(searchFold(char)) / char.length);
    }
    expect(worst).toBe(3);
  });

  it('folds every character as searchFold does, among capitals, whether or not it lower-cases in place', () => {
    const buffer = Buffer.alloc(64);
    const wrong: string[] = [];
    for (let unit = 0; unit <= 0xffff; unit++) {
      const text = `A${String.fromCharCode(unit)}Zb\u4e2d`;
      const written = writeSearchFold(buffer, text, 3);
      if (!buffer.subarray(3, 3 + written).equals(Buffer.from(searchFold(text)))) wrong.push(unit.toString(16));
    }
    // A final sigma lowers to ς only at the end of a word, and a letter beyond U+FFFF in pairs.
    for (const text of ['ΟΔΟΣ', 'ΟΔΟΣ ΟΔΟΣ.', 'Σ', '𐐀𐐁 DESERET', '𞤀 ADLAM', 'İSTANBUL', 'ＡＢＣ　ｄ', '为什么，ＴＣＰ？（三次）：ｏｋ～　', '～！']) {
      const written = writeSearchFold(buffer, text, 0);
      if (!buffer.subarray(0, written).equals(Buffer.from(searchFold(text)))) wrong.push(text);
    }
    expect(wrong).toEqual([]);
  });
});
