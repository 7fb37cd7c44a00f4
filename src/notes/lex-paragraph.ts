/*
 * marked finds a paragraph with one regular expression of some 3,000 characters (a paragraph
 * line, then lines that start none of the blocks that may interrupt one, HTML tag names and a
 * whole table among them). V8 compiles it to native code once for one-byte and once for two-byte
 * text, which took 15 to 35 ms of a cold run on its own (notes-L, CJK and English notes). The
 * scan below finds the same lines by looking at the characters a line starts with, and answers
 * "unsure" for a line starting (after up to three spaces) with `<` or holding a character that
 * marked's `.` does not match, for which marked's expression is still asked.
 */

const SPACE = 0x20;
const TAB = 0x09;
const NEWLINE = 0x0a;
/** The blocks that may interrupt a paragraph allow up to three spaces before their first character. */
const MAX_BLOCK_INDENT = 3;
const MAX_HEADING_DEPTH = 6;
/** A thematic break (`---`, `* * *`, `___`) and a fence need three of their character. */
const MIN_RUN = 3;

/** marked's table delimiter row (the second line of a table), a whole line. */
const DELIMITER_ROW = /^ {0,3}(?:\| *)?:?-+:? *(?:\| *:?-+:? *)*(?:\| *)?$/u;
/** What `\s` matches: a heading's `#`s must be followed by one (or end the text). */
const WHITE_SPACE = /\s/u;
/** The characters marked's `.` does not match, besides `\n`: a table header cannot hold them. */
const NOT_DOT = /[\r\u2028\u2029]/u;

/**
 * Where marked's paragraph at the start of `src` ends (before the newline after its last line):
 * 0 when the first line is empty (no paragraph), undefined when a line needs marked's
 * expression to tell whether it interrupts the paragraph.
 */
export function paragraphEnd(src: string): number | undefined {
  let end = lineEnd(src, 0);
  while (end > 0 && end < src.length) {
    const next = end + 1;
    const nextEnd = lineEnd(src, next);
    if (nextEnd === next) break;
    const interrupts = interruptsParagraph(src, next, nextEnd);
    if (interrupts !== false) return interrupts ? end : undefined;
    end = nextEnd;
  }
  return end;
}

/**
 * Whether the (not empty) line from `start` to `end` interrupts a paragraph, as marked's
 * paragraph expression decides it: a thematic break, an ATX heading, a quote, a fence, a bullet
 * or `1.` item with text, a blank line with a line after it, or a table's header row. Undefined
 * when unsure.
 */
function interruptsParagraph(src: string, start: number, end: number): boolean | undefined {
  const first = indentEnd(src, start);
  const block = first - start <= MAX_BLOCK_INDENT ? startsInterruptingBlock(src, first, end) : false;
  if (block !== false) return block;
  if (NOT_DOT.test(src.slice(start, end))) return undefined;
  return isBlankLineBeforeAnother(src, start, end) || isTableHeader(src, start, end);
}

/** Whether a block that interrupts a paragraph starts at `first` (after at most three spaces); undefined for HTML, left to marked. */
function startsInterruptingBlock(src: string, first: number, end: number): boolean | undefined {
  switch (src[first]) {
    case '>': return true;
    case '<': return undefined;
    case '#': return isHeadingStart(src, first);
    case '`': return isBacktickFence(src, first, end);
    case '~': return src.startsWith('~~~', first);
    case '-':
    case '*': return isListItemWithText(src, first + 1) || isThematicBreak(src, first, end);
    case '_': return isThematicBreak(src, first, end);
    case '+': return isListItemWithText(src, first + 1);
    case '1': return (src[first + 1] === '.' || src[first + 1] === ')') && isListItemWithText(src, first + 2);
    default: return false;
  }
}

/** One to six `#`, then white space or the end of the text. */
function isHeadingStart(src: string, first: number): boolean {
  const after = runEnd(src, first, '#');
  return after - first <= MAX_HEADING_DEPTH && (after === src.length || WHITE_SPACE.test(src.charAt(after)));
}

/** Three or more backticks with none after them on the line. */
function isBacktickFence(src: string, first: number, end: number): boolean {
  const after = runEnd(src, first, '`');
  return after - first >= MIN_RUN && !src.slice(after, end).includes('`');
}

/** After a bullet (ending before `from`): spaces or tabs, then something else on the same line. */
function isListItemWithText(src: string, from: number): boolean {
  const text = blanksEnd(src, from);
  return text > from && text < src.length && src.charCodeAt(text) !== NEWLINE;
}

/** Three or more of the character at `first`, with only spaces and tabs among and after them, to the line's end. */
function isThematicBreak(src: string, first: number, end: number): boolean {
  const marker = src[first];
  let count = 0;
  for (let index = first; index < end; index = blanksEnd(src, index + 1)) {
    if (src[index] !== marker) return false;
    count++;
  }
  return count >= MIN_RUN;
}

/** Spaces and tabs only, with a newline after them. */
function isBlankLineBeforeAnother(src: string, start: number, end: number): boolean {
  return blanksEnd(src, start) === end && end < src.length;
}

/** A table's header row: something other than spaces on this line, and a delimiter row as the next. */
function isTableHeader(src: string, start: number, end: number): boolean {
  if (indentEnd(src, start) === end || end === src.length) return false;
  const rowStart = indentEnd(src, end + 1);
  const first = src[rowStart];
  if (rowStart - (end + 1) > MAX_BLOCK_INDENT || (first !== '|' && first !== ':' && first !== '-')) return false;
  return DELIMITER_ROW.test(src.slice(end + 1, lineEnd(src, end + 1)));
}

function indentEnd(src: string, from: number): number {
  let index = from;
  while (src.charCodeAt(index) === SPACE) index++;
  return index;
}

function blanksEnd(src: string, from: number): number {
  let index = from;
  while (src.charCodeAt(index) === SPACE || src.charCodeAt(index) === TAB) index++;
  return index;
}

function runEnd(src: string, from: number, character: string): number {
  let index = from;
  while (src[index] === character) index++;
  return index;
}

function lineEnd(src: string, from: number): number {
  const end = src.indexOf('\n', from);
  return end === -1 ? src.length : end;
}
