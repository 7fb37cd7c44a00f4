import { Tokenizer, type Rules, type Tokens } from 'marked';
import { blankLinesEnd, MARKED_SAFE_LENGTH, paragraphLength, setextUnderlineEnd, thematicBreakEnd } from './block-scans.js';

/*
 * marked's list tokenizer was half of all lexing on a large note set (notes-L, one profile:
 * 108 ms of 224): for every line of every item it splits the rest of the note, rewrites the
 * line's tabs and runs six regular expressions. The scan below follows the same rules
 * (CommonMark as marked 18 reads it, GFM, not pedantic) for the lists notes hold, looking at
 * characters and running marked's own expressions only on a line that could start a block. A
 * list with a lazy continuation line (less indented than its item, right after text, which
 * marked reads by rules of its own) is left to marked whole.
 */

const SPACE = 0x20;
const TAB = 0x09;
const TAB_STOP = 4;
const NEWLINE = 0x0a;
const BACKSLASH = 0x5c;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
/** marked reads at most nine digits as an ordered list number. */
const MAX_ORDINAL_DIGITS = 9;
/** More spaces than this after a bullet make the item's text indented code, one column in. */
const MAX_BULLET_GAP = 4;

/** A list item's bullet: where it ends in the source, and its text (`-`, `12.`). */
interface Bullet {
  end: number;
  marker: string;
}

/** A list item found in the source: where its raw text ends, its text, whether it is a task, and whether it ends with a blank line. */
interface ScannedItem {
  end: number;
  text: string;
  task: boolean;
  endsWithBlankLine: boolean;
}

/**
 * marked's tokenizer, with list items found by {@link scanList} when it can, tables found
 * without their cells, and blank runs, thematic breaks, setext headings and paragraphs found
 * without running marked's expressions over megabytes (see block-scans.ts).
 */
export class ListTokenizer extends Tokenizer {
  /** A run of blank lines, as marked's `space` finds it, without its expression's stack entry per line. */
  override space(src: string): Tokens.Space | undefined {
    if (src.length < MARKED_SAFE_LENGTH) return super.space(src);
    const end = blankLinesEnd(src);
    return end > 0 ? { type: 'space', raw: src.slice(0, end) } : undefined;
  }

  /** A thematic break, as marked's `hr` finds it, without its expression's stack entry per mark. */
  override hr(src: string): Tokens.Hr | undefined {
    if (src.length < MARKED_SAFE_LENGTH) return super.hr(src);
    const end = thematicBreakEnd(src, 0);
    return end === undefined ? undefined : { type: 'hr', raw: src.slice(0, end) };
  }

  /**
   * A setext heading, as marked finds it, its expression run only where an underline can end one
   * and only on the text up to it: marked's expression keeps a stack entry per character, and
   * tried on each paragraph it overflowed on one of 9 MB. A heading text long enough to overflow
   * it still (megabytes before the underline) is left to be read as a paragraph, as marked cannot
   * read it at all.
   */
  override lheading(src: string): Tokens.Heading | undefined {
    if (src.length < MARKED_SAFE_LENGTH) return super.lheading(src);
    const end = setextUnderlineEnd(src);
    if (end === undefined) return undefined;
    try {
      return super.lheading(src.slice(0, end));
    } catch (error) {
      if (error instanceof RangeError) return undefined;
      throw error;
    }
  }

  /** A paragraph, as marked's expression finds it, run on a window of the text at a time (see {@link paragraphLength}). */
  override paragraph(src: string): Tokens.Paragraph | undefined {
    if (src.length < MARKED_SAFE_LENGTH) return super.paragraph(src);
    const length = paragraphLength(src, this.rules.block.paragraph);
    if (length === undefined) return undefined;
    const text = src.slice(0, length);
    return { type: 'paragraph', raw: text, text, tokens: [] };
  }

  /**
   * A table as marked finds it, without header, alignment or rows: the loader reads a table's
   * raw text only, and marked's cutting of every row into cells, each queued for inline lexing,
   * was most of the table tokenizer's 10 ms of notes-L's lexing (CPU profiles). marked tries a
   * table before every paragraph; its expression needs a delimiter row on the second line, so
   * text without one is not run through it. As in marked, a table whose header and delimiter
   * row have different numbers of cells is no table.
   */
  override table(src: string): Tokens.Table | undefined {
    if (!mayHaveDelimiterRow(src)) return undefined;
    const match = this.rules.block.table.exec(src);
    if (match === null || !this.rules.other.tableDelimiter.test(match[2] ?? '')) return undefined;
    const delimiterCells = (match[2] ?? '').replace(this.rules.other.tableAlignChars, '').split('|').length;
    if (headerCellCount(match[1] ?? '') !== delimiterCells) return undefined;
    return { type: 'table', raw: match[0].replace(TRAILING_NEWLINES, ''), header: [], align: [], rows: [] };
  }

  override list(src: string): Tokens.List | undefined {
    // Below the top level (a task item's content) marked's rules depend on the token before.
    if (!this.lexer.state.top) return super.list(src);
    const scanned = scanList(src, this.rules);
    if (scanned === 'unusual') return super.list(src);
    if (scanned === undefined) return undefined;
    this.settleTasks(scanned);
    return scanned;
  }

  /**
   * marked takes a task item's check box out of its text only when the item's first block is
   * text, so a task item's content is lexed (as marked lexes it, through the lexer), and a blank
   * line among its blocks makes the list loose. Other items' content is not lexed: the loader
   * never reads it, and marked lexes it only to find such blank lines, which here only a task
   * item's content (lexed) can hold. The check box stays in the item's tokens.
   */
  private settleTasks(list: Tokens.List): void {
    for (const item of list.items) {
      if (!item.task) continue;
      this.lexer.state.top = false;
      item.tokens = this.lexer.blockTokens(item.text, []);
      list.loose ||= item.tokens.some((token) => token.type === 'space' && this.rules.other.anyLine.test(token.raw));
    }
    for (const item of list.items) {
      item.loose = list.loose;
      if (!item.task) continue;
      const [first] = item.tokens;
      if (first?.type === 'text' || first?.type === 'paragraph') {
        item.text = item.text.replace(this.rules.other.listReplaceTask, '');
        item.checked = this.rules.other.listTaskCheckbox.exec(item.raw)?.[0] !== '[ ]';
      } else {
        item.task = false;
      }
    }
  }
}

/**
 * The list at the start of `src` as marked finds it, its items' content not lexed: undefined
 * when `src` does not start with a list item, `unusual` when the scan leaves the list to marked.
 */
function scanList(src: string, rules: Rules): Tokens.List | 'unusual' | undefined {
  const first = bulletAt(src, 0, undefined);
  if (first === undefined) return undefined;
  const ordered = first.marker.length > 1;
  const items: Tokens.ListItem[] = [];
  let loose = false;
  let previousEndsWithBlankLine = false;
  let end = 0;
  while (end < src.length) {
    const bullet = bulletAt(src, end, first.marker);
    if (bullet === undefined || isThematicBreak(src, end, bullet)) break;
    const item = scanItem(src, end, bullet.end - end, rules);
    if (item === undefined) return 'unusual';
    loose ||= previousEndsWithBlankLine;
    previousEndsWithBlankLine = item.endsWithBlankLine;
    items.push({ type: 'list_item', raw: src.slice(end, item.end), task: item.task, loose: false, text: item.text, tokens: [] });
    end = item.end;
  }
  const last = items.at(-1);
  if (last === undefined) return undefined;
  last.raw = last.raw.trimEnd();
  last.text = last.text.trimEnd();
  return { type: 'list', raw: src.slice(0, end).trimEnd(), ordered, start: ordered ? Number(first.marker.slice(0, -1)) : '', loose, items };
}

/**
 * The bullet of a list item starting at `start`: up to three spaces, then `-`, `*`, `+`, or
 * one to nine digits and `.` or `)`, then a space, a tab or the end of the line. With `like`,
 * only a bullet of the same list: the same character, or any number with the same delimiter.
 */
function bulletAt(src: string, start: number, like: string | undefined): Bullet | undefined {
  let index = start;
  while (index - start < 3 && src.charCodeAt(index) === SPACE) index++;
  const markerStart = index;
  while (index - markerStart < MAX_ORDINAL_DIGITS && isDigit(src.charCodeAt(index))) index++;
  const delimiter = src.charAt(index);
  if (index > markerStart ? delimiter !== '.' && delimiter !== ')' : delimiter !== '-' && delimiter !== '*' && delimiter !== '+') return undefined;
  const end = index + 1;
  if (end < src.length && !isSpaceOrTab(src.charCodeAt(end)) && src.charCodeAt(end) !== NEWLINE) return undefined;
  const marker = src.slice(markerStart, end);
  if (like !== undefined && (like.length > 1 ? marker.length === 1 || !like.endsWith(delimiter) : like !== marker)) return undefined;
  return { end, marker };
}

/**
 * A bullet line that is a thematic break (`- - -`, `* * *`) ends the list. Only a line whose
 * bullet character comes again after spaces and tabs can be one, so only those are tested.
 */
function isThematicBreak(src: string, start: number, bullet: Bullet): boolean {
  let index = bullet.end;
  while (isSpaceOrTab(src.charCodeAt(index))) index++;
  return src[index] === bullet.marker && thematicBreakEnd(src, start) !== undefined;
}

/**
 * An item whose bullet starts at `start` and is `bulletWidth` columns wide (indentation
 * included): the lines it takes, and its text with the item's indentation removed. Undefined
 * when a lazy continuation line makes the scan leave the list to marked.
 */
function scanItem(src: string, start: number, bulletWidth: number, rules: Rules): ScannedItem | undefined {
  const firstLineEnd = lineEnd(src, start);
  const next = Math.min(src.length, firstLineEnd + 1);
  const gap = new Indentation().measure(src, start + bulletWidth, firstLineEnd, bulletWidth);
  if (isBlankFrom(src, gap.end, firstLineEnd)) return scanAfterEmptyBullet(src, next, bulletWidth + 1, rules);
  const textColumn = gap.columns > MAX_BULLET_GAP ? 1 : gap.columns;
  const firstText = columnsFrom(src, start + bulletWidth, gap, firstLineEnd, textColumn);
  // A check box is on the first line: `[ ]`, blanks, and then text.
  const item = { end: next, text: firstText, task: rules.other.listIsTask.test(firstText), endsWithBlankLine: false };
  return takeContinuation(src, item, bulletWidth + textColumn, false, rules) ? item : undefined;
}

/** An item with nothing after its bullet ends at a blank line right after it; otherwise its text is on the lines below. */
function scanAfterEmptyBullet(src: string, next: number, indent: number, rules: Rules): ScannedItem | undefined {
  const secondLineEnd = lineEnd(src, next);
  if (new Indentation().measure(src, next, secondLineEnd, 0).end === secondLineEnd) {
    return { end: Math.min(src.length, secondLineEnd + 1), text: '', task: false, endsWithBlankLine: true };
  }
  const item = { end: next, text: '', task: false, endsWithBlankLine: false };
  return takeContinuation(src, item, indent, true, rules) ? item : undefined;
}

/**
 * Adds to an item the lines after its first that belong to it: blank lines, and lines indented
 * at least `indent` columns, which keep what is past those columns. A line that starts a block
 * and is indented less than that ends the item, as does any less indented line after a blank
 * one. False at a less indented line after text: a lazy continuation, left to marked.
 */
function takeContinuation(src: string, item: ScannedItem, indent: number, afterBlank: boolean, rules: Rules): boolean {
  const maxBlockIndent = Math.min(3, indent - 1);
  let previousBlank = afterBlank;
  let position = item.end;
  const indentation = new Indentation();
  while (position < src.length) {
    const end = lineEnd(src, position);
    indentation.measure(src, position, end, 0);
    if (indentation.spaces <= maxBlockIndent && startsBlock(src, position, position + indentation.spaces, indent, rules)) break;
    const blank = isBlankFrom(src, indentation.end, end);
    if (!blank && indentation.columns < indent) {
      if (previousBlank) break;
      return false;
    }
    item.text += '\n' + columnsFrom(src, position, indentation, end, indent);
    item.endsWithBlankLine = indentation.end === end;
    previousBlank = blank;
    position = end + 1;
  }
  item.end = Math.min(position, src.length);
  return true;
}

/**
 * The blanks (spaces and tabs) a line starts with. One is measured again for each line of an
 * item: an object per line was a tenth of the list scan's allocation (notes-L, heap profile).
 */
class Indentation {
  /** How many spaces come before anything else: up to three let a block start (tabs do not). */
  spaces = 0;
  /** Where the blanks end. */
  end = 0;
  /** How many columns the blanks fill, a tab reaching the next multiple of 4. */
  columns = 0;

  /** Measures the blanks from `from` on, in a line that starts `column` columns in (tab stops count from the line's start). */
  measure(src: string, from: number, lineEnd: number, column: number): this {
    let index = from;
    while (index < lineEnd && src.charCodeAt(index) === SPACE) index++;
    this.spaces = index - from;
    let reached = column + this.spaces;
    for (let code = src.charCodeAt(index); index < lineEnd && isSpaceOrTab(code); code = src.charCodeAt(++index)) {
      reached = code === TAB ? reached + TAB_STOP - (reached % TAB_STOP) : reached + 1;
    }
    this.end = index;
    this.columns = reached - column;
    return this;
  }
}

/**
 * A line's text from `column` columns past `from` on, as marked cuts it: tabs among the
 * leading blanks turned into spaces first, so a cut inside a tab keeps the spaces past it.
 */
function columnsFrom(src: string, from: number, indentation: Indentation, lineEnd: number, column: number): string {
  if (indentation.end - from === indentation.spaces) return src.slice(from + column, lineEnd);
  const rest = src.slice(indentation.end, lineEnd);
  return column <= indentation.columns ? ' '.repeat(indentation.columns - column) + rest : rest.slice(column - indentation.columns);
}

/** One of marked's tests of a line that ends a list item, for the item's indentation. */
type BlockStart = (other: Rules['other'], indent: number) => RegExp;

const fenceStart: BlockStart = (other, indent) => other.fencesBeginRegex(indent);
const headingStart: BlockStart = (other, indent) => other.headingBeginRegex(indent);
const htmlStart: BlockStart = (other, indent) => other.htmlBeginRegex(indent);
const quoteStart: BlockStart = (other, indent) => other.blockquoteBeginRegex(indent);
const bulletStart: BlockStart = (other, indent) => other.nextBulletRegex(indent);
const breakStart: BlockStart = (other, indent) => other.hrRegex(indent);

/**
 * marked's tests of a line that ends a list item (a fence, heading, HTML block, quote, bullet or
 * thematic break), by the code of the character that must come first after the line's spaces:
 * a line is tested only against the blocks that can start with its first character. The tests
 * are marked's own expressions, so what ends an item here ends it in marked.
 */
const BLOCK_STARTS = new Map<number, BlockStart[]>(([
  ['`', [fenceStart]],
  ['~', [fenceStart]],
  ['#', [headingStart]],
  ['<', [htmlStart]],
  ['>', [quoteStart]],
  ['-', [bulletStart, breakStart]],
  ['*', [bulletStart, breakStart]],
  ['_', [breakStart]],
  ['+', [bulletStart]],
  ...[...'0123456789'].map((digit): [string, BlockStart[]] => [digit, [bulletStart]]),
] satisfies [string, BlockStart[]][]).map(([character, tests]) => [character.charCodeAt(0), tests]));

/** True when the line from `from` on, whose text starts at `textFrom`, starts a block that ends a list item. */
function startsBlock(src: string, from: number, textFrom: number, indent: number, rules: Rules): boolean {
  const tests = BLOCK_STARTS.get(src.charCodeAt(textFrom));
  if (tests === undefined) return false;
  for (const test of tests) {
    const expression = atLineStart(test(rules.other, indent));
    expression.lastIndex = from;
    if (expression.test(src)) return true;
  }
  return false;
}

const lineStartVersions = new WeakMap<RegExp, RegExp>();

/**
 * marked's expression made to match at a line's start in the whole text (sticky, `^` and `$` at
 * line ends) instead of on a copy of the line: copying each line that could start a block was a
 * tenth of the list scan's allocation (notes-L, heap profile). marked's line tests match the
 * same either way: past their `^` they read only within the line, up to a line end or `$`.
 */
function atLineStart(expression: RegExp): RegExp {
  let version = lineStartVersions.get(expression);
  if (version === undefined) {
    version = new RegExp(expression.source, `${expression.flags}my`);
    lineStartVersions.set(expression, version);
  }
  return version;
}

/**
 * False when marked's table expression cannot match: it needs the first line (whose `.` stops
 * at the first line end) followed by up to three spaces and `|`, `:` or `-`, which start a
 * delimiter row.
 */
function mayHaveDelimiterRow(src: string): boolean {
  const firstLineEnd = src.indexOf('\n');
  if (firstLineEnd === -1) return false;
  let index = firstLineEnd + 1;
  while (index - firstLineEnd <= 3 && src.charCodeAt(index) === SPACE) index++;
  const first = src.charAt(index);
  return first === '|' || first === ':' || first === '-';
}

const TRAILING_NEWLINES = /\n+$/u;

/**
 * How many cells marked finds in a table's header row: the texts between pipes that no odd run
 * of backslashes escapes, less a blank first text, then a blank last one.
 */
function headerCellCount(row: string): number {
  let pipes = 0;
  let firstPipe = -1;
  let lastPipe = -1;
  for (let pipe = row.indexOf('|'); pipe !== -1; pipe = row.indexOf('|', pipe + 1)) {
    if (isEscaped(row, pipe)) continue;
    pipes++;
    if (firstPipe === -1) firstPipe = pipe;
    lastPipe = pipe;
  }
  let cells = pipes + 1;
  if (isBlankBetween(row, 0, firstPipe === -1 ? row.length : firstPipe)) cells--;
  if (cells > 0 && isBlankBetween(row, lastPipe + 1, row.length)) cells--;
  return cells;
}

/** True when an odd number of backslashes comes right before `index`. */
function isEscaped(text: string, index: number): boolean {
  let before = index;
  while (before > 0 && text.charCodeAt(before - 1) === BACKSLASH) before--;
  return (index - before) % 2 === 1;
}

/** True when `trim` would leave nothing of the text from `from` to `to`. */
function isBlankBetween(text: string, from: number, to: number): boolean {
  for (let index = from; index < to; index++) if (!isWhitespace(text.charCodeAt(index))) return false;
  return true;
}

function lineEnd(src: string, from: number): number {
  const end = src.indexOf('\n', from);
  return end === -1 ? src.length : end;
}

/**
 * True when a line is blank from `from` (the end of its spaces and tabs) on, as marked tests it:
 * with `trim`, which also removes other blanks such as U+3000.
 */
function isBlankFrom(src: string, from: number, lineEnd: number): boolean {
  return from >= lineEnd || (isWhitespace(src.charCodeAt(from)) && src.slice(from, lineEnd).trim() === '');
}

/** What `trim` removes: ASCII blanks and line ends, and Unicode spaces. */
function isWhitespace(code: number): boolean {
  return code === SPACE || (code >= TAB && code <= 0x0d) || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

function isSpaceOrTab(code: number): boolean {
  return code === SPACE || code === TAB;
}

function isDigit(code: number): boolean {
  return code >= DIGIT_0 && code <= DIGIT_9;
}
