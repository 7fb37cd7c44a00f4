import { describe, expect, it } from 'vitest';
import type { Card } from '../../src/notes/card.js';
import { searchCards } from '../../src/search/match.js';
import { fieldsContaining, fitsCards, NOT_FOUND, searchTextOf } from '../../src/search/text.js';

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
    expect([...fieldsContaining(text, 'tcp')]).toEqual([0, NOT_FOUND, 2]);
    expect([...fieldsContaining(text, '缓存')]).toEqual([NOT_FOUND, 1, NOT_FOUND]);
    expect([...fieldsContaining(text, 'aof')]).toEqual([NOT_FOUND, 3, NOT_FOUND]);
    expect([...fieldsContaining(text, 'resolvers')]).toEqual([NOT_FOUND, NOT_FOUND, 3]);
  });

  it('finds CJK by substring and folds case and width', () => {
    expect([...fieldsContaining(text, '持久')]).toEqual([NOT_FOUND, 0, NOT_FOUND]);
    expect([...fieldsContaining(text, 'redis')]).toEqual([NOT_FOUND, 0, NOT_FOUND]);
  });

  it('never matches across two fields or two cards', () => {
    // "stream." ends card 0; "什么" begins card 1; "?" ends a question and "basics" is the path.
    expect([...fieldsContaining(text, 'stream.什么')]).toEqual([NOT_FOUND, NOT_FOUND, NOT_FOUND]);
    expect([...fieldsContaining(text, '?basics')]).toEqual([NOT_FOUND, NOT_FOUND, NOT_FOUND]);
  });

  it('checks its own shape', () => {
    expect(fitsCards(text, 3)).toBe(true);
    expect(fitsCards(text, 2)).toBe(false);
    expect(fitsCards({ bytes: text.bytes.subarray(1), starts: text.starts }, 3)).toBe(false);
    const shuffled = text.starts.slice();
    shuffled.set([shuffled[2] ?? 0, shuffled[1] ?? 0], 1);
    expect(fitsCards({ bytes: text.bytes, starts: shuffled }, 3)).toBe(false);
  });

  it('ranks a search as the cards themselves would: by the worst word field, then notes order', () => {
    expect(searchCards(cards, ['tcp']).map((hit) => hit.question)).toEqual(['What is TCP?', 'How does DNS work?']);
    expect(searchCards(cards, ['TCP', 'resolvers'], text).map((hit) => hit.question)).toEqual(['How does DNS work?']);
    expect(searchCards(cards, ['持久化', 'aof'], text).map((hit) => hit.question)).toEqual(['什么是 Redis 持久化？']);
  });
});
