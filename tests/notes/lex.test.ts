import fc from 'fast-check';
import { Lexer, type Token, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { lexBlockTokens } from '../../src/notes/lex.js';
import { md } from './support.js';

/** What the loader reads of a top-level token: its type, raw text, text, and its list items' text. */
function readable(tokens: Token[]): unknown[] {
  return tokens.map((token) => ({
    type: token.type,
    raw: token.raw,
    text: 'text' in token ? token.text : undefined,
    items: token.type === 'list' ? (token as Tokens.List).items.map((item) => item.text) : undefined,
  }));
}

/** marked's own block lexer, which lexes list items' content too. */
function markedBlocks(markdown: string): Token[] {
  return new Lexer().blockTokens(markdown);
}

describe('lexBlockTokens: marked\'s top-level blocks, list items left unlexed', () => {
  it.each([
    ['nested lists', md`
      - one
        - one.one
          - deeper
      - two

      1. first
         second line
      2. next
    `],
    ['task items: the box is taken out of text only when the item starts with text', md`
      - [ ] open task
      - [x] done task
      - [ ] a | b
        --|--
      - [ ] setext
        ===
      - plain
    `],
    ['lists in quotes, and quotes in lists', md`
      > - quoted item
      > - [ ] quoted task
      lazy line

      - > quote in a list
      - code in a list:

            indented
    `],
    ['a list then a heading, a table and a fence', md`
      - item
      ## Heading
      | a | b |
      | - | - |
      \`\`\`
      - not a list
      \`\`\`
    `],
  ])('%s', (_name, markdown) => {
    expect(readable(lexBlockTokens(markdown))).toEqual(readable(markedBlocks(markdown)));
  });

  it('leaves items\' tokens empty, but for task items', () => {
    const [list] = lexBlockTokens('- a\n  - b\n- [ ] c\n');
    expect((list as Tokens.List).items.map((item) => item.tokens.length > 0)).toEqual([false, true]);
  });

  it('agrees with marked on any mix of lists, quotes, tasks and blocks', () => {
    const line = fc.constantFrom(
      '- item', '* item', '1. item', '2) item', '  - nested', '    - deeper', '\t- tab', '- [ ] task', '- [x] done', '  - [ ] nested task',
      '- [ ] a | b', '  --|--', '===', '---', '> quote', '> - quoted item', '- > quoted', '- # heading', '# heading', '```', '    code',
      '| a | b |', '| - | - |', 'text', '  continued', '<details>', '</details>', '[ref]: http://x', '',
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const markdown = lines.join('\n');
        expect(readable(lexBlockTokens(markdown))).toEqual(readable(markedBlocks(markdown)));
      }),
      { numRuns: 1000 },
    );
  });
});
