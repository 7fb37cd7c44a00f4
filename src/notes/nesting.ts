// Light on purpose (the renderer uses it too): no dependencies.

/*
 * marked recurses once per level of list or quote and re-lexes each level's text: ten thousand
 * `> ` or `- ` on a line overflow the stack, and a staircase of indented items a few megabytes
 * long exhausts memory. No note needs more than a few levels, so nesting is capped before lexing.
 */

/** How far into a line (in columns, tabs to stops of 4) lists and block quotes may open. */
export const MAX_NESTING_COLUMNS = 128;
/** How many lists and block quotes may open on one line. */
export const MAX_MARKERS_ON_A_LINE = 32;

const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/u;

/** Markdown with its nesting capped, and the 0-based indexes of the lines that were changed. */
export interface CappedNesting {
  text: string;
  lines: number[];
}

/**
 * Caps how deep lists and block quotes nest. On a line whose quote or list markers reach
 * {@link MAX_NESTING_COLUMNS} or number more than {@link MAX_MARKERS_ON_A_LINE}, the first marker
 * past the limit is escaped with a backslash, so the rest of the line is read as text; blanks
 * that indent a line past the columns limit are removed. Text within the limits is returned unchanged.
 */
export function capNesting(markdown: string): CappedNesting {
  const lines: number[] = [];
  let out = '';
  let copied = 0;
  let line = 0;
  let lineStart = 0;
  for (let start = nestedLineStart(markdown, 0); start !== -1; start = nestedLineStart(markdown, start + 1)) {
    const end = markdown.indexOf('\n', start);
    const stop = end === -1 ? markdown.length : end;
    const capped = capLine(markdown.slice(start, stop));
    if (capped === undefined) continue;
    line += newlinesBetween(markdown, lineStart, start);
    lineStart = start;
    out += markdown.slice(copied, start) + capped;
    copied = stop;
    lines.push(line);
  }
  return lines.length === 0 ? { text: markdown, lines } : { text: out + markdown.slice(copied), lines };
}

/**
 * How many characters a line must open with before it can reach a limit: each character adds
 * at most 4 columns (a tab) and opens at most one list or quote.
 */
const SHORTEST_CAPPED = Math.min(MAX_NESTING_COLUMNS / 4, MAX_MARKERS_ON_A_LINE);
/** Blanks, quote markers (`>`) and list markers' characters (`-`, `*`, `+`, `12.`, `3)`). */
const NESTING_CHARS = '[ \\t>*+\\-.)\\d]';
/** A line that opens with {@link SHORTEST_CAPPED} of those, at the start of the text or after a newline: only such a line can reach a limit. */
const NESTED_FIRST_LINE = new RegExp(`^${NESTING_CHARS}{${SHORTEST_CAPPED}}`, 'u');
const NESTED_LINE = new RegExp(`\\n${NESTING_CHARS}{${SHORTEST_CAPPED}}`, 'gu');

/**
 * Where the first line at or after `from` that may reach a limit starts, or -1. Lines are found
 * by a regular expression rather than walked one by one: most notes have none.
 */
function nestedLineStart(markdown: string, from: number): number {
  if (from === 0 && NESTED_FIRST_LINE.test(markdown)) return 0;
  NESTED_LINE.lastIndex = Math.max(from - 1, 0);
  const found = NESTED_LINE.exec(markdown);
  return found ? found.index + 1 : -1;
}

function newlinesBetween(text: string, from: number, to: number): number {
  let count = 0;
  for (let index = text.indexOf('\n', from); index !== -1 && index < to; index = text.indexOf('\n', index + 1)) count++;
  return count;
}

/** The line with its nesting capped, or undefined when it is within the limits. */
function capLine(line: string): string | undefined {
  let column = 0;
  let markers = 0;
  for (let index = 0; index < line.length; ) {
    const char = line.charAt(index);
    if (char === ' ' || char === '\t') {
      if (column >= MAX_NESTING_COLUMNS) {
        const rest = line.slice(index).replace(/^[ \t]+/u, '');
        return rest === '' ? undefined : line.slice(0, index) + escapeMarker(rest);
      }
      column += char === ' ' ? 1 : 4 - (column % 4);
      index += 1;
      continue;
    }
    const marker = markerAt(line.slice(index, index + 11));
    if (marker === undefined) return undefined;
    if (column >= MAX_NESTING_COLUMNS || markers >= MAX_MARKERS_ON_A_LINE) return line.slice(0, index) + escapeMarker(line.slice(index));
    markers += 1;
    column += marker.length;
    index += marker.length;
  }
  return undefined;
}

function markerAt(text: string): string | undefined {
  return text.startsWith('>') ? '>' : LIST_MARKER.exec(text)?.[0];
}

/** Text whose leading quote or list marker is escaped: `\>`, `\-`, `1\.` (CommonMark escapes punctuation only). */
function escapeMarker(text: string): string {
  const marker = markerAt(text.slice(0, 11));
  if (marker === undefined) return text;
  const at = marker.length - 1;
  return `${text.slice(0, at)}\\${text.slice(at)}`;
}
