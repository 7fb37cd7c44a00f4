import { describe, expect, it } from 'vitest';
import {
  displayWidth,
  graphemeWidth,
  graphemes,
  plainWidth,
  padEndDisplay,
  stripAnsi,
  terminalWidth,
  truncateDisplay,
} from '../../src/render/width.js';

describe('displayWidth', () => {
  it.each([
    ['empty', '', 0],
    ['ASCII', 'hello, world', 12],
    ['CJK ideographs', '三次握手', 8],
    ['mixed CJK and ASCII', 'TCP 三次握手', 12],
    ['CJK punctuation', '，。「」', 8],
    ['ideographic space', '\u3000', 2],
    ['kana', 'ひらがなカタカナ', 16],
    ['Hangul', '한국어', 6],
    ['full-width letters', 'ＡＢＣ', 6],
    ['full-width currency', '￥', 2],
    ['half-width katakana', 'ｶﾀｶﾅ', 4],
    ['emoji', '🤝', 2],
    ['emoji with skin tone', '👍🏽', 2],
    ['ZWJ family emoji', '👨‍👩‍👧', 2],
    ['emoji presentation selector', '❤️', 2],
    ['text-style symbol', '©', 1],
    ['combining accent', 'e\u0301', 1],
    ['ANSI coloured', '\x1b[31mred\x1b[39m', 3],
    ['ANSI coloured CJK', '\x1b[1m中文\x1b[22m', 4],
  ])('%s', (_name, text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe('plainWidth', () => {
  it('measures every character of the Basic Multilingual Plane as graphemeWidth does', () => {
    const differing: string[] = [];
    for (let code = 0x20; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const character = String.fromCharCode(code);
      if (plainWidth(character) !== graphemeWidth(character)) differing.push(code.toString(16));
    }
    expect(differing).toEqual([]);
  });

  it('adds the columns of mixed text', () => {
    const text = 'TCP 三次握手，「ＳＹＮ」— 〿 ½ é…';
    expect(plainWidth(text)).toBe(graphemes(text).reduce((sum, grapheme) => sum + graphemeWidth(grapheme), 0));
  });
});

describe('padEndDisplay', () => {
  it('pads by columns, not code units', () => {
    expect(padEndDisplay('中文', 6)).toBe('中文  ');
    expect(padEndDisplay('ab', 4)).toBe('ab  ');
    expect(padEndDisplay('abcdef', 4)).toBe('abcdef');
  });
});

describe('truncateDisplay', () => {
  it('keeps text that fits', () => {
    expect(truncateDisplay('中文', 4)).toBe('中文');
  });

  it('cuts to the width, ellipsis included', () => {
    expect(truncateDisplay('abcdef', 4)).toBe('abc…');
    expect(displayWidth(truncateDisplay('三次握手的过程', 7))).toBeLessThanOrEqual(7);
    expect(truncateDisplay('三次握手的过程', 7)).toBe('三次握…');
    expect(truncateDisplay('三次握手的过程', 6)).toBe('三次…');
  });

  it('keeps colour codes, and resets after a cut', () => {
    const cut = truncateDisplay('\x1b[2mabcdef\x1b[22m', 4);
    expect(stripAnsi(cut)).toBe('abc…');
    expect(cut.startsWith('\x1b[2m')).toBe(true);
    expect(cut.endsWith('\x1b[0m')).toBe(true);
  });

  it('gives nothing for no room', () => {
    expect(truncateDisplay('abc', 0)).toBe('');
  });
});

describe('terminalWidth', () => {
  it.each([
    ['the stream', { columns: 120 }, { COLUMNS: '100' }, 120],
    ['COLUMNS when the stream has none', {}, { COLUMNS: '100' }, 100],
    ['COLUMNS without a stream', undefined, { COLUMNS: '90' }, 90],
    ['80 by default', undefined, {}, 80],
    ['80 for nonsense', { columns: 0 }, { COLUMNS: 'wide' }, 80],
  ])('%s', (_name, stream, env, expected) => {
    expect(terminalWidth(stream, env)).toBe(expected);
  });
});

describe('graphemes', () => {
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const segmented = (text: string) => Array.from(segmenter.segment(text), (part) => part.segment);

  it('splits as the segmenter does, where it goes without it too: each character of notes-like text beside any other', () => {
    const ranges: [number, number][] = [[0x20, 0x7e], [0xa0, 0xff], [0x2010, 0x205e], [0x3000, 0x303f], [0x4e00, 0x4e50], [0x9fa0, 0x9fff], [0xff01, 0xff60]];
    const neighbours = ['a', ' ', '中', '，', '\u0301', '\u200d', '\ufe0f', '\u3099', '\n', '👍'];
    const wrong: string[] = [];
    for (const [from, to] of ranges) {
      for (let unit = from; unit <= to; unit++) {
        const char = String.fromCharCode(unit);
        for (const next of neighbours) {
          const text = `x${char}${char}${next}`;
          if (JSON.stringify(graphemes(text)) !== JSON.stringify(segmented(text))) wrong.push(`${unit.toString(16)}+${next}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps a long mixed text in the same graphemes', () => {
    const text = `${'学习 Redis，「缓存」—— 为什么快？ café ① '.repeat(80)}e\u0301 👍🏽 🇨🇳`;
    expect(graphemes(text)).toEqual(segmented(text));
  });
});
