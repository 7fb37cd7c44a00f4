/*
 * marked finds a blank run, a thematic break, a setext heading and a paragraph with regular
 * expressions that keep a backtracking entry for every character or line they repeat over. On a
 * block of a few megabytes (a 4 MB line of `*`, a 9 MB paragraph, two million short lines) they
 * exhaust V8's regular expression stack and throw "Maximum call stack size exceeded", which made
 * every command fail on such a note. The scans below find the same blocks as marked's expressions
 * (CommonMark as marked 18 reads it, GFM, not pedantic) without that stack: by looking at
 * characters, or by running marked's own expression on a part of the text small enough for it.
 */

const SPACE = 0x20;
const TAB = 0x09;
const NEWLINE = 0x0a;
const EQUALS = 0x3d;
const DASH = 0x2d;

/** A block's first line may be indented up to three spaces (tabs do not count). */
const MAX_BLOCK_INDENT = 3;
/** A thematic break is at least three of the same `-`, `_` or `*`. */
const MIN_BREAK_MARKS = 3;

/**
 * Text shorter than this holds no block that overflows marked's expressions (the smallest found
 * were a blank run of 2.1 million lines and a 3.4 MB line of `*`), so marked's own tokenizers run
 * on it: on the notes people keep they are quicker than the scans, which are JavaScript run
 * before it is optimised.
 */
export const MARKED_SAFE_LENGTH = 1 << 20;

/**
 * How many characters of text marked's paragraph expression is run on at once: it keeps an entry
 * of its stack for each line it takes, and this many characters hold at most half as many lines,
 * far fewer than the two million or so that overflow it.
 */
export const PARAGRAPH_WINDOW = 256 * 1024;
/**
 * Lines at the end of a window whose reading is not trusted: what ends a paragraph is decided by
 * the next line, or for a table by the two lines after it (header and delimiter row), and the
 * cut may hide what follows them.
 */
const UNTRUSTED_LINES = 4;

/**
 * How far a run of blank lines (spaces and tabs only) goes from the start of `src`, as marked's
 * `space` rule (`^(?:[ \t]*(?:\n|$))+`) reads it: whole lines with their line ends, and blanks
 * that end the text. 0 when the first line is not blank.
 */
export function blankLinesEnd(src: string): number {
  let end = 0;
  for (;;) {
    let index = end;
    while (isSpaceOrTab(src.charCodeAt(index))) index++;
    if (index === src.length) return index;
    if (src.charCodeAt(index) !== NEWLINE) return end;
    end = index + 1;
  }
}

/**
 * Where the line starting at `from` ends when it is a thematic break as marked's `hr` rule reads
 * it (up to three spaces, then three or more of one of `-`, `_`, `*`, with spaces and tabs
 * between and after them); undefined when it is not one.
 */
export function thematicBreakEnd(src: string, from: number): number | undefined {
  let index = from;
  while (index - from < MAX_BLOCK_INDENT && src.charCodeAt(index) === SPACE) index++;
  const mark = src.charAt(index);
  if (mark !== '-' && mark !== '_' && mark !== '*') return undefined;
  const end = lineEnd(src, index);
  let marks = 0;
  for (; index < end; index++) {
    const char = src.charAt(index);
    if (char === mark) marks++;
    else if (!isSpaceOrTab(char.charCodeAt(0))) return undefined;
  }
  return marks >= MIN_BREAK_MARKS ? end : undefined;
}

/**
 * Where the first line of `src` after its first that may underline a setext heading (up to three
 * spaces, a run of `=` or of `-`, then spaces and tabs) ends, before any line that stops marked's
 * `lheading` rule from reaching it; undefined when there is none. marked's rule matches only up to
 * such a line, so where there is none it cannot match, and where there is one it needs only the
 * text up to it. The lines taken as stops are some of those the rule stops at (a blank line, a
 * heading, a block quote, a fence, a list item followed by a space); a line it stops at that is
 * not among them only makes the text handed to the rule longer.
 */
export function setextUnderlineEnd(src: string): number | undefined {
  for (let start = lineEnd(src, 0) + 1; start < src.length; start = lineEnd(src, start) + 1) {
    const end = lineEnd(src, start);
    if (isSetextUnderline(src, start, end)) return end;
    if (stopsSetextText(src, start, end)) return undefined;
  }
  return undefined;
}

/** True when the line from `start` to `end` is a setext underline: up to three spaces, `=…` or `-…`, then blanks. */
function isSetextUnderline(src: string, start: number, end: number): boolean {
  let index = start;
  while (index - start < MAX_BLOCK_INDENT && src.charCodeAt(index) === SPACE) index++;
  const mark = src.charCodeAt(index);
  if (mark !== EQUALS && mark !== DASH) return false;
  while (src.charCodeAt(index) === mark) index++;
  while (isSpaceOrTab(src.charCodeAt(index))) index++;
  return index === end;
}

/** A fence, a heading, a block quote, or a bullet or number with a space after it (`- `, `2) `), after up to three spaces. */
const SETEXT_STOP = /(?: {0,3}(?:`{3,}|~{3,}|#{1,6}(?:\s|$)|>|(?:[*+-]|\d{1,9}[.)]) ))/y;

/** True when the line from `start` to `end` is blank or starts a block that marked's `lheading` rule stops at. */
function stopsSetextText(src: string, start: number, end: number): boolean {
  let index = start;
  while (isSpaceOrTab(src.charCodeAt(index))) index++;
  if (index === end) return true;
  SETEXT_STOP.lastIndex = start;
  return SETEXT_STOP.test(src);
}

/**
 * How long the paragraph at the start of `src` is, as marked's `paragraph` expression (which
 * takes the first line and then each line nothing interrupts) finds it: undefined when it does
 * not match. The expression runs on {@link PARAGRAPH_WINDOW} characters at a time, cut at a line
 * end. A match that ends before the window's last {@link UNTRUSTED_LINES} lines is the paragraph;
 * one that reaches them goes on from the first of them, whose own line the match took, so the
 * next run (which takes its first line whatever it is) starts where marked would have gone on.
 */
export function paragraphLength(src: string, paragraph: RegExp): number | undefined {
  let start = 0;
  for (;;) {
    const window = windowEnd(src, start);
    const match = paragraph.exec(start === 0 && window === src.length ? src : src.slice(start, window));
    if (match === null) return undefined;
    const end = start + match[0].length;
    if (window === src.length) return end;
    const trusted = lineStartBefore(src, window, UNTRUSTED_LINES);
    if (end < trusted) return end;
    start = trusted;
  }
}

/**
 * Where a window of text starting at `start` ends: the text's end, or a line end about
 * {@link PARAGRAPH_WINDOW} characters on, or later where lines are long, so that its trusted
 * lines (all but the last {@link UNTRUSTED_LINES}) reach past its first line and each window moves on.
 */
function windowEnd(src: string, start: number): number {
  if (src.length - start <= PARAGRAPH_WINDOW) return src.length;
  let end = Math.max(src.lastIndexOf('\n', start + PARAGRAPH_WINDOW), lineEnd(src, start));
  while (end < src.length && lineStartBefore(src, end, UNTRUSTED_LINES) <= start) end = lineEnd(src, end + 1);
  return end;
}

/** The start of the line `lines` lines before the one that ends at `end`. */
function lineStartBefore(src: string, end: number, lines: number): number {
  let start = end;
  for (let line = 0; line <= lines; line++) {
    if (start <= 0) return 0;
    start = src.lastIndexOf('\n', start - 1);
  }
  return start + 1;
}

function lineEnd(src: string, from: number): number {
  const end = src.indexOf('\n', from);
  return end === -1 ? src.length : end;
}

function isSpaceOrTab(code: number): boolean {
  return code === SPACE || code === TAB;
}
