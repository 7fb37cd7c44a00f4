import { Lexer } from 'marked';
import { describe, expect, it } from 'vitest';
import { blankLinesEnd, PARAGRAPH_WINDOW, paragraphLength, thematicBreakEnd } from '../../src/notes/block-scans.js';

const rules = Lexer.rules.block.gfm;

/** What marked's own expression takes at the start of `src`: its length, or undefined. */
function markedLength(expression: RegExp, src: string): number | undefined {
  return expression.exec(src)?.[0].length;
}

describe('paragraphLength runs marked\'s paragraph expression a window at a time, and finds what it finds whole', () => {
  // Short lines, so that windows hold many; the text stays small enough for marked's expression to match whole.
  const line = 'ab cd\n';
  const linesPerWindow = Math.floor(PARAGRAPH_WINDOW / line.length);
  const interruptions = ['', '# heading', '> quote', '***', '```', '- item', '<div>', 'a | b\n--|--', '   ', '2) not a list here'];

  it.each(interruptions)('a paragraph ended by %j near a window\'s end, or not ended', (interruption) => {
    for (const linesBefore of [linesPerWindow - 6, linesPerWindow - 3, linesPerWindow - 1, linesPerWindow, linesPerWindow + 2, 2 * linesPerWindow - 4]) {
      const src = `${line.repeat(linesBefore)}${interruption}\n${line.repeat(linesPerWindow)}`;
      expect(src.length).toBeGreaterThan(PARAGRAPH_WINDOW);
      expect(paragraphLength(src, rules.paragraph), `${linesBefore} lines before`).toBe(markedLength(rules.paragraph, src));
    }
  });

  it('lines longer than a window, and text that is no paragraph', () => {
    const long = 'x'.repeat(PARAGRAPH_WINDOW + 10);
    for (const src of [`${long}\n${long}\n# h\n${long}`, `a\n${long}\n${long}\n${long}\n${long}\n${long}\n\nb`, `\n${long}`]) {
      expect(paragraphLength(src, rules.paragraph)).toBe(markedLength(rules.paragraph, src));
    }
  });
});

describe('the scans for blank runs and thematic breaks agree with marked\'s expressions', () => {
  it.each([
    ['blank lines then text', ' \n\t\n\nx'],
    ['blanks that end the text', '\n  \t'],
    ['no blank line', 'x\n\n'],
    ['blanks then text on the same line', '  x'],
  ])('space: %s', (_name, src) => {
    expect(blankLinesEnd(src)).toBe(markedLength(rules.newline, src) ?? 0);
  });

  it.each([
    ['stars with blanks', '* * *\t\nx'],
    ['dashes indented three', '   ---  \n\n'],
    ['dashes indented four', '    ---'],
    ['underscores', '___'],
    ['two marks', '**'],
    ['mixed marks', '-*-'],
    ['a mark then text', '--- x'],
    ['a tab before the marks', '\t---'],
  ])('hr: %s', (_name, src) => {
    const end = thematicBreakEnd(src, 0);
    const marked = markedLength(rules.hr, src);
    expect(end === undefined ? undefined : src.slice(0, end)).toBe(marked === undefined ? undefined : src.slice(0, marked).replace(/\n+$/u, ''));
  });
});
