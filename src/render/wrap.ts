import { graphemeWidth, graphemes, plainWidth } from './width.js';

/** A colour escape, a run of spaces, a hard line break, or a run of other characters. */
const PIECES = /(\x1b\[[0-9;]*m)|([ \t]+)|(\n)|([^ \t\n\x1b]+)/g;

/** Characters a line must not start with (closing punctuation), after the CJK line-breaking rules. */
const NO_LINE_START = /^[、。，．：；？！）」』】〕〉》”’・ー…‥ヽヾゝゞ々〜～!),.:;?\]}%]/u;
/** Characters a line must not end with (opening punctuation). */
const NO_LINE_END = /[（「『【〔〈《“‘([{]$/u;

/** SGR codes that end a style, and which opening codes each one ends. */
const CLOSES: Record<number, (open: number) => boolean> = {
  22: (open) => open === 1 || open === 2,
  23: (open) => open === 3,
  24: (open) => open === 4,
  27: (open) => open === 7,
  28: (open) => open === 8,
  29: (open) => open === 9,
  39: (open) => (open >= 30 && open <= 38) || (open >= 90 && open <= 97),
  49: (open) => (open >= 40 && open <= 48) || (open >= 100 && open <= 107),
};

const RESET = '\x1b[0m';

function sgrCode(sequence: string): number {
  return Number.parseInt(sequence.slice(2, -1).split(';')[0] || '0', 10);
}

function isClosing(sequence: string): boolean {
  const code = sgrCode(sequence);
  return code === 0 || code in CLOSES;
}

/** The styles still open after `sequence`, so that a wrapped line can close and reopen them. */
function applySgr(open: string[], sequence: string): string[] {
  const code = sgrCode(sequence);
  if (code === 0) return [];
  const closes = CLOSES[code];
  return closes ? open.filter((seq) => !closes(sgrCode(seq))) : [...open, sequence];
}

/** A piece of a line that must not be broken, and its width in columns. */
interface Unit {
  text: string;
  width: number;
}

const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

/** Splits a run without spaces where a line may break: around wide characters (CJK, emoji). */
function breakableUnits(run: string): Unit[] {
  if (PRINTABLE_ASCII.test(run)) return [{ text: run, width: run.length }];
  const units: Unit[] = [];
  let previousWide = false;
  for (const grapheme of graphemes(run)) {
    const width = graphemeWidth(grapheme);
    const wide = width === 2;
    const last = units.at(-1);
    if (
      last === undefined ||
      ((wide || previousWide) && !NO_LINE_START.test(grapheme) && !NO_LINE_END.test(last.text))
    ) {
      units.push({ text: grapheme, width });
    } else {
      last.text += grapheme;
      last.width += width;
    }
    previousWide = wide;
  }
  return units;
}

/**
 * Wraps text to `width` columns. Breaks at spaces and between CJK characters (never before
 * closing punctuation), splits words longer than a line, keeps `\n` as a hard break, and
 * closes and reopens colour styles around each break so that indentation stays unstyled.
 */
export function wrapText(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  let column = 0;
  let space = false;
  let pendingStyles: string[] = [];
  let open: string[] = [];

  const emitStyle = (sequence: string): void => {
    line += sequence;
    open = applySgr(open, sequence);
  };
  const emitPending = (): void => {
    pendingStyles.forEach(emitStyle);
    pendingStyles = [];
  };
  const breakLine = (): void => {
    lines.push(open.length > 0 ? line + RESET : line);
    line = open.join('');
    column = 0;
    space = false;
  };
  const place = (unit: string, unitWidth: number): void => {
    if (space) line += ' ';
    emitPending();
    line += unit;
    column += unitWidth + (space ? 1 : 0);
    space = false;
  };
  const placeLong = (unit: string): void => {
    if (column > 0) breakLine();
    for (const grapheme of graphemes(unit)) {
      const columns = graphemeWidth(grapheme);
      if (column + columns > width && column > 0) breakLine();
      place(grapheme, columns);
    }
  };
  /** A run that fits is placed whole, as its units would be one by one: only a break needs them. */
  const placeRun = (run: string): void => {
    const runWidth = plainWidth(run);
    if (column + (space ? 1 : 0) + runWidth <= width) return place(run, runWidth);
    for (const unit of breakableUnits(run)) {
      if (column + (space ? 1 : 0) + unit.width <= width) place(unit.text, unit.width);
      else if (unit.width <= width) {
        breakLine();
        place(unit.text, unit.width);
      } else placeLong(unit.text);
    }
  };

  for (const [, style, blank, newline, run] of text.matchAll(PIECES)) {
    if (style !== undefined) {
      if (isClosing(style)) emitStyle(style);
      else pendingStyles.push(style);
    } else if (blank !== undefined) {
      space = column > 0;
    } else if (newline !== undefined) {
      breakLine();
    } else if (run !== undefined) {
      placeRun(run);
    }
  }
  emitPending();
  lines.push(line);
  return lines.join('\n');
}
