import type { Tokens } from 'marked';
import { paragraphEnd } from './lex-paragraph.js';
import { ListTokenizer } from './list-tokenizer.js';

/*
 * After lists, most of lexing a note went to marked's tokenizers for the commonest blocks
 * (notes-L: blank lines, headings, paragraphs) and to those it tries before a paragraph and
 * rarely matches there: a table's header, a setext heading, and (before every `-` or `*` list)
 * a thematic break, whose regular expressions look ahead at every line. The overrides below give
 * the same tokens: blank lines and ATX headings are found by scans as simple as marked's
 * expressions, a paragraph by {@link paragraphEnd}, none of them queueing text for inline
 * lexing (the loader lexes no inline tokens, so the queue was never read), and a table, setext
 * heading or thematic break is tried only when the lines hold what its expression needs.
 */

const SPACE = 0x20;
const TAB = 0x09;
const NEWLINE = 0x0a;
const EQUALS = 0x3d;
const DASH = 0x2d;
const HASH = 0x23;
const MAX_HEADING_DEPTH = 6;
/** What `\s` matches: an ATX heading's `#`s must be followed by one (or end the text). */
const WHITE_SPACE = /\s/u;
/** The characters marked's `.` does not match, besides `\n`. */
const NOT_DOT = /[\r\u2028\u2029]/u;
/** A table's delimiter row and a setext underline may be indented by up to three spaces. */
const MAX_BLOCK_INDENT = 3;

/** marked's tokenizer with lists found by {@link ListTokenizer} and the commonest blocks by the scans here. */
export class BlockTokenizer extends ListTokenizer {
  /** marked's `newline` rule (`^(?:[ \t]*(?:\n|$))+`): lines of spaces and tabs, the last one's line end optional. */
  override space(src: string): Tokens.Space | undefined {
    const end = blankLinesEnd(src);
    return end > 0 ? { type: 'space', raw: src.slice(0, end) } : undefined;
  }

  /**
   * marked's ATX heading (`^ {0,3}(#{1,6})(?=\s|$)(.*)(?:\n+|$)`): up to three spaces, one to six
   * `#` and white space or the end, its text the rest of the line, found as marked finds it.
   * A line holding a character marked's `.` does not match is left to marked's expression.
   */
  override heading(src: string): Tokens.Heading | undefined {
    const hashes = indentEnd(src);
    const end = lineEnd(src, hashes);
    if (NOT_DOT.test(src.slice(hashes, end))) return this.headingByExpression(src);
    let after = hashes;
    while (src.charCodeAt(after) === HASH) after++;
    const depth = after - hashes;
    if (hashes > MAX_BLOCK_INDENT || depth === 0 || depth > MAX_HEADING_DEPTH) return undefined;
    if (after < src.length && !WHITE_SPACE.test(src.charAt(after))) return undefined;
    return { type: 'heading', raw: src.slice(0, end), depth, text: headingText(src.slice(after, end)), tokens: [] };
  }

  /** marked's ATX heading as marked's expression finds it. */
  private headingByExpression(src: string): Tokens.Heading | undefined {
    const match = this.rules.block.heading.exec(src);
    if (match === null) return undefined;
    const [raw, hashes = '', rest = ''] = match;
    return { type: 'heading', raw: trimEndOf(raw, '\n'), depth: hashes.length, text: headingText(rest), tokens: [] };
  }

  /** marked's paragraph, found by {@link paragraphEnd} (or marked's expression where that is unsure): its lines. */
  override paragraph(src: string): Tokens.Paragraph | undefined {
    const end = paragraphEnd(src);
    if (end === undefined) return this.paragraphByExpression(src);
    if (end === 0) return undefined;
    const raw = src.slice(0, end);
    return { type: 'paragraph', raw, text: raw, tokens: [] };
  }

  /** marked's paragraph as marked finds it: the text without the line end the last line may take. */
  private paragraphByExpression(src: string): Tokens.Paragraph | undefined {
    const match = this.rules.block.paragraph.exec(src);
    if (match === null) return undefined;
    const [raw, lines = ''] = match;
    return { type: 'paragraph', raw, text: lines.endsWith('\n') ? lines.slice(0, -1) : lines, tokens: [] };
  }

  /** A thematic break's first line holds nothing but its character (`-`, `*` or `_`), spaces and tabs: a list item is not one. */
  override hr(src: string): Tokens.Hr | undefined {
    return isBreakCharactersOnly(src) ? super.hr(src) : undefined;
  }

  /** A table needs a delimiter row (`|`, `:` or `-` first, and a `|` or `:` in it) as its second line. */
  override table(src: string): Tokens.Table | undefined {
    return mayHaveDelimiterRow(src) ? super.table(src) : undefined;
  }

  /** A setext heading needs an underline (`=` or `-` first) before the first blank line. */
  override lheading(src: string): Tokens.Heading | undefined {
    return mayHaveUnderline(src) ? super.lheading(src) : undefined;
  }
}

/** Where the blank lines (spaces and tabs only) at the start of `src` end: after the last one's newline, or at the end. */
export function blankLinesEnd(src: string): number {
  let end = 0;
  for (;;) {
    let index = end;
    while (src.charCodeAt(index) === SPACE || src.charCodeAt(index) === TAB) index++;
    if (index >= src.length) return src.length;
    if (src.charCodeAt(index) !== NEWLINE) return end;
    end = index + 1;
  }
}

/**
 * A heading's text as marked takes it: trimmed, and closing `#`s removed when a blank comes
 * before them or nothing else is left (`## a ##` is `a`, `## a#` stays `a#`).
 */
function headingText(rest: string): string {
  const text = rest.trim();
  if (!text.endsWith('#')) return text;
  const open = trimEndOf(text, '#');
  return open === '' || open.endsWith(' ') || open.endsWith('\t') ? open.trim() : text;
}

/** `text` without the copies of `character` it ends with. */
function trimEndOf(text: string, character: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === character) end--;
  return text.slice(0, end);
}

/** True when the first line, after its spaces, is one character repeated with only spaces and tabs among and after. */
export function isBreakCharactersOnly(src: string): boolean {
  const first = indentEnd(src);
  const marker = src.charCodeAt(first);
  const end = lineEnd(src, first);
  for (let index = first; index < end; index++) {
    const code = src.charCodeAt(index);
    if (code !== marker && code !== SPACE && code !== TAB) return false;
  }
  return true;
}

function indentEnd(src: string): number {
  let index = 0;
  while (src.charCodeAt(index) === SPACE) index++;
  return index;
}

/** Where the spaces (at most three) at `from` end. */
function afterBlockIndent(src: string, from: number): number {
  let index = from;
  while (index - from < MAX_BLOCK_INDENT && src.charCodeAt(index) === SPACE) index++;
  return index;
}

function lineEnd(src: string, from: number): number {
  const end = src.indexOf('\n', from);
  return end === -1 ? src.length : end;
}

/**
 * False only when marked's table rule cannot match: its header is the first line, and the
 * line after it must start (after up to three spaces) with `|`, `:` or `-` and hold a `|` or `:`.
 */
export function mayHaveDelimiterRow(src: string): boolean {
  const firstEnd = src.indexOf('\n');
  if (firstEnd === -1) return false;
  const start = afterBlockIndent(src, firstEnd + 1);
  const first = src[start];
  if (first !== '|' && first !== ':' && first !== '-') return false;
  const row = src.slice(start, lineEnd(src, start));
  return row.includes('|') || row.includes(':');
}

/**
 * False only when marked's setext heading rule cannot match: its text runs over lines up to an
 * underline, and cannot take a line of white space (as `\s` counts it) that has a line after it.
 */
export function mayHaveUnderline(src: string): boolean {
  for (let start = lineEnd(src, 0) + 1; start < src.length; start = lineEnd(src, start) + 1) {
    const end = lineEnd(src, start);
    if (isUnderline(src, start, end)) return true;
    if (end < src.length && src.slice(start, end).trim() === '') return false;
  }
  return false;
}

/** A setext underline: up to three spaces, a run of `=` or of `-`, then only spaces and tabs. */
function isUnderline(src: string, start: number, end: number): boolean {
  const from = afterBlockIndent(src, start);
  const marker = src.charCodeAt(from);
  if (marker !== EQUALS && marker !== DASH) return false;
  let index = from;
  while (src.charCodeAt(index) === marker) index++;
  while (src.charCodeAt(index) === SPACE || src.charCodeAt(index) === TAB) index++;
  return index === end;
}
