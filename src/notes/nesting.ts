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
  for (let start = 0, index = 0; ; index++) {
    const end = markdown.indexOf('\n', start);
    const stop = end === -1 ? markdown.length : end;
    const capped = mayReachLimit(markdown, start, stop) ? capLine(markdown.slice(start, stop)) : undefined;
    if (capped !== undefined) {
      out += markdown.slice(copied, start) + capped;
      copied = stop;
      lines.push(index);
    }
    if (end === -1) break;
    start = end + 1;
  }
  return lines.length === 0 ? { text: markdown, lines } : { text: out + markdown.slice(copied), lines };
}

/**
 * How many characters a line must open with before it can reach a limit: each character adds
 * at most 4 columns (a tab) and opens at most one list or quote.
 */
const SHORTEST_CAPPED = Math.min(MAX_NESTING_COLUMNS / 4, MAX_MARKERS_ON_A_LINE);
/** The characters of blanks, quote markers (`>`) and list markers (`-`, `*`, `+`, `12.`, `3)`). */
const NESTING_CHARS = new Set([...' \t>*+-.)0123456789'].map((char) => char.charCodeAt(0)));

/**
 * Cheap test, so that most lines are neither copied nor walked: only a line whose first
 * {@link SHORTEST_CAPPED} characters are all blanks or marker characters can reach a limit.
 */
function mayReachLimit(markdown: string, start: number, stop: number): boolean {
  if (stop - start < SHORTEST_CAPPED) return false;
  for (let index = start; index < start + SHORTEST_CAPPED; index++) {
    if (!NESTING_CHARS.has(markdown.charCodeAt(index))) return false;
  }
  return true;
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
