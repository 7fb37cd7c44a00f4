import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../src/notes/frontmatter.js';
import { PROMPT_KINDS } from '../../src/notes/prompt-kind.js';

const split = (front: string) => splitFrontMatter(`---\n${front}\n---\n## Q?\n\nA.\n`, 'notes/redis.md');

describe('front matter cards:', () => {
  it.each(PROMPT_KINDS.map((kind) => [kind]))('reads cards: %s', (kind) => {
    expect(split(`cards: ${kind}`)).toMatchObject({ settings: { cards: kind }, diagnostics: [] });
  });

  it.each([
    ['quoted (read by js-yaml)', 'cards: "qa"', 'qa'],
    ['in another case', 'cards: Bold', 'bold'],
    ['beside other settings', 'deck: Redis\nquestionLevel: 3\ncards: list-headings', 'list-headings'],
    ['with blanks inside quotes', "cards: ' details '", 'details'],
  ])('reads a kind %s', (_name, front, kind) => {
    expect(split(front)).toMatchObject({ settings: { cards: kind }, diagnostics: [] });
  });

  it.each([
    ['an unknown word', 'cards: paragraphs'],
    ['a number', 'cards: 3'],
    ['a list', 'cards: [qa, bold]'],
    ['an empty value', 'cards: ""'],
  ])('reports %s at line 1 of the file and ignores it', (_name, front) => {
    const { settings, diagnostics } = split(`deck: Redis\n${front}`);
    expect(settings).toEqual({ deck: 'Redis' });
    expect(diagnostics).toEqual([{ file: 'notes/redis.md', line: 1, message: `front matter cards must be one of ${PROMPT_KINDS.join(', ')}; ignored` }]);
  });

  it('reports a bad cards: and a bad questionLevel each', () => {
    const { settings, diagnostics } = split('questionLevel: 9\ncards: tables');
    expect(settings).toEqual({});
    expect(diagnostics.map((each) => each.message)).toEqual([expect.stringMatching(/^front matter questionLevel/u), expect.stringMatching(/^front matter cards/u)]);
  });

  it('sets no kind when cards: is absent', () => {
    expect(split('deck: Redis').settings).toEqual({ deck: 'Redis' });
  });
});
