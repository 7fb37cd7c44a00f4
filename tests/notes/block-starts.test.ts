import { describe, expect, it } from 'vitest';
import { possibleBlocks } from '../../src/notes/block-starts.js';

const TEXT = ['table', 'lheading', 'paragraph'];

describe('possibleBlocks: the tokenizers marked could match at the start of a text, in its order', () => {
  it.each([
    ['\nnext', ['space']],
    ['  \t \nnext', ['space']],
    ['   ', ['space']],
    ['    code', ['code', ...TEXT]],
    ['  \tcode', ['code', ...TEXT]],
    ['    # not a heading', ['code', ...TEXT]],
    ['```js', ['fences', ...TEXT]],
    ['   ~~~', ['fences', ...TEXT]],
    ['# heading', ['heading', ...TEXT]],
    ['- item', ['hr', 'list', ...TEXT]],
    ['* * *', ['hr', 'list', ...TEXT]],
    ['___', ['hr', ...TEXT]],
    ['+ item', ['list', ...TEXT]],
    ['12. item', ['list', ...TEXT]],
    ['> quote', ['blockquote', ...TEXT]],
    ['<details>', ['html', ...TEXT]],
    ['[ref]: http://x', ['def', ...TEXT]],
    ['text', TEXT],
    ['\u3000全角', TEXT],
    ['| a | b |', TEXT],
  ])('%j', (src, kinds) => {
    expect(possibleBlocks(src)).toEqual(kinds);
  });
});
