import { describe, expect, it } from 'vitest';
import { paragraphEnd } from '../../src/notes/lex-paragraph.js';
import { blankLinesEnd, isBreakCharactersOnly, mayHaveDelimiterRow, mayHaveUnderline } from '../../src/notes/lex-tokenizer.js';

describe('the scans that stand in for marked\'s block expressions (lex-differential.test.ts compares the tokens)', () => {
  it.each([
    ['a\nb\n\nc', 3],
    ['a\n- item', 1],
    ['a\n-item', 7],
    ['a\n1) one\nb', 1],
    ['a\n2. two', 8],
    ['a\n## h', 1],
    ['a\n####### seven', 15],
    ['a\n  \nb', 1],
    ['a\n  ', 4],
    ['a\n```js\n', 1],
    ['a\n``` `x`', 9],
    ['a\nb | c\n--|--', 1],
    ['a\n<div>', undefined],
    ['a\nb\u2028c', undefined],
    ['\nx', 0],
  ])('paragraphEnd(%j) is %j', (src, end) => {
    expect(paragraphEnd(src)).toBe(end);
  });

  it.each([
    ['\n\nx', 2],
    [' \t\n  ', 5],
    ['x', 0],
  ])('blankLinesEnd(%j) is %j', (src, end) => {
    expect(blankLinesEnd(src)).toBe(end);
  });

  it('leaves a table to marked only with a delimiter row second', () => {
    expect(mayHaveDelimiterRow('a | b\n|---|---|')).toBe(true);
    expect(mayHaveDelimiterRow('a | b\n---')).toBe(false);
    expect(mayHaveDelimiterRow('a | b\n    |---|')).toBe(false);
  });

  it('leaves a setext heading to marked only with an underline before a blank line', () => {
    expect(mayHaveUnderline('Title\n=== ')).toBe(true);
    expect(mayHaveUnderline('text\n- item')).toBe(false);
    expect(mayHaveUnderline('text\n\u3000\n---')).toBe(false);
  });

  it('leaves a thematic break to marked only for a line of one character, spaces and tabs', () => {
    expect(isBreakCharactersOnly('- - -\nx')).toBe(true);
    expect(isBreakCharactersOnly('- item')).toBe(false);
  });
});
