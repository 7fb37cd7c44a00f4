/** The blocks marked's lexer tries at the start of the text left, in the order it tries them (top level, GFM). */
export type BlockKind = 'space' | 'code' | 'fences' | 'heading' | 'hr' | 'blockquote' | 'list' | 'html' | 'def' | 'table' | 'lheading' | 'paragraph';

/** Any text can start a table's header row, a setext heading or a paragraph: marked tries these last. */
const ANY_TEXT: readonly BlockKind[] = ['table', 'lheading', 'paragraph'];
const BLANK_LINE: readonly BlockKind[] = ['space'];
const INDENTED: readonly BlockKind[] = ['code', ...ANY_TEXT];
const FENCE: readonly BlockKind[] = ['fences', ...ANY_TEXT];
const HASH: readonly BlockKind[] = ['heading', ...ANY_TEXT];
const DASH_OR_STAR: readonly BlockKind[] = ['hr', 'list', ...ANY_TEXT];
const UNDERSCORE: readonly BlockKind[] = ['hr', ...ANY_TEXT];
const QUOTE: readonly BlockKind[] = ['blockquote', ...ANY_TEXT];
const BULLET: readonly BlockKind[] = ['list', ...ANY_TEXT];
const ANGLE: readonly BlockKind[] = ['html', ...ANY_TEXT];
const BRACKET: readonly BlockKind[] = ['def', ...ANY_TEXT];

/** The blocks that can start with a character (after at most three spaces), {@link ANY_TEXT} last. */
const BY_FIRST_CHARACTER = new Map<string, readonly BlockKind[]>([
  ['`', FENCE],
  ['~', FENCE],
  ['#', HASH],
  ['-', DASH_OR_STAR],
  ['*', DASH_OR_STAR],
  ['_', UNDERSCORE],
  ['>', QUOTE],
  ['+', BULLET],
  ...[...'0123456789'].map((digit): [string, readonly BlockKind[]] => [digit, BULLET]),
  ['<', ANGLE],
  ['[', BRACKET],
]);

const SPACE = 0x20;
const TAB = 0x09;
const NEWLINE = 0x0a;
/** Four columns of indentation make indented code; a fence, heading, list or other block allows three. */
const CODE_INDENT = 4;

/**
 * The blocks marked's block lexer could find at the start of `src` (not empty), in its order.
 * marked tries a dozen tokenizers one after another at each block; all but the last three need
 * a blank line, an indentation of four columns, or a particular character after up to three
 * spaces, so the first line's start rules most of them out. A kind left out here is one whose
 * regular expression cannot match; a kind kept may still not match, and the next is tried.
 */
export function possibleBlocks(src: string): readonly BlockKind[] {
  let index = 0;
  while (src.charCodeAt(index) === SPACE) index++;
  const first = src.charCodeAt(index);
  if (first === NEWLINE || index === src.length) return BLANK_LINE;
  if (first === TAB) return startsWithBlankLine(src, index) ? BLANK_LINE : INDENTED;
  if (index >= CODE_INDENT) return INDENTED;
  return BY_FIRST_CHARACTER.get(src.charAt(index)) ?? ANY_TEXT;
}

/** True when the first line is blanks (spaces and tabs) only, from `from` on: what marked's `space` takes. */
function startsWithBlankLine(src: string, from: number): boolean {
  let index = from;
  while (src.charCodeAt(index) === SPACE || src.charCodeAt(index) === TAB) index++;
  return index === src.length || src.charCodeAt(index) === NEWLINE;
}
