// Light on purpose (used by `prep show --list` and every table): no dependencies.

/** Colour and other CSI sequences, and OSC sequences (captured, for `split`): they take no columns. */
const ANSI = /(\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\))/g;

/**
 * East Asian Wide and Fullwidth code points (UAX #11), as ranges: Hangul Jamo, CJK radicals
 * and punctuation, kana, CJK ideographs, Yi, Hangul syllables, compatibility and full-width
 * forms, the supplementary ideographic planes. Emoji are found by their Unicode property.
 */
const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x16fe0, 0x16fe4],
  [0x17000, 0x18aff],
  [0x1b000, 0x1b2ff],
  [0x1f200, 0x1f2ff],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

const EMOJI = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F|\p{Regional_Indicator}/u;
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cc}\p{Cf}]/u;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Made on first use: creating it costs about 15 ms, which commands that measure no text should not pay. */
let segmenter: Intl.Segmenter | undefined;
const segments = (text: string): string[] => {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return Array.from(segmenter.segment(text), (part) => part.segment);
};

/**
 * V8's segmenter takes time in proportion to the whole string at every step, so long text is
 * segmented in windows of this many code units, each starting at a boundary the last one found.
 */
const SEGMENT_WINDOW = 1024;

/**
 * Characters that are each a grapheme of their own, one UTF-16 unit each, whatever stands beside
 * them (none joins or extends another): printable ASCII, Latin-1 signs and letters, general
 * punctuation (dashes, quotes, ellipsis), CJK punctuation without its tone marks, CJK ideographs
 * and full-width forms. Text of only these (most notes) is split without the segmenter.
 */
const ONE_UNIT_GRAPHEMES = /^[\x20-\x7e\xa0-\xac\xae-\xff\u2010-\u2027\u2030-\u205e\u3000-\u3029\u3030-\u303f\u4e00-\u9fff\uff01-\uff60]*$/;

/** The characters of {@link ONE_UNIT_GRAPHEMES} that take two columns: CJK punctuation, ideographs and full-width forms. */
const WIDE_ONE_UNIT_GRAPHEMES = /[\u3000-\u303e\u4e00-\u9fff\uff01-\uff60]/g;

/** Splits text into user-perceived characters (a base letter with its marks, an emoji sequence). */
export function graphemes(text: string): string[] {
  if (ONE_UNIT_GRAPHEMES.test(text)) return text.split('');
  if (text.length <= SEGMENT_WINDOW) return segments(text);
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + SEGMENT_WINDOW);
    const lastUnit = text.charCodeAt(end - 1);
    if (end < text.length && lastUnit >= 0xd800 && lastUnit <= 0xdbff) end -= 1;
    const parts = segments(text.slice(start, end));
    // The window's last grapheme may go on past its end (a mark, a joiner): segment it again with what follows.
    const last = end < text.length && parts.length > 1 ? parts.pop() : undefined;
    for (const part of parts) out.push(part);
    start = last === undefined ? end : end - last.length;
  }
  return out;
}

/** Removes ANSI escape sequences, leaving the text a terminal would show. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

function isWide(codePoint: number): boolean {
  return WIDE_RANGES.some(([from, to]) => codePoint >= from && codePoint <= to);
}

/** Columns one grapheme takes: 0 for lone marks and format characters, 2 for wide, else 1. */
export function graphemeWidth(grapheme: string): number {
  const codePoint = grapheme.codePointAt(0) ?? 0;
  if (grapheme.length === 1 && codePoint >= 0x20 && codePoint < 0x7f) return 1;
  if (ZERO_WIDTH.test(grapheme)) return 0;
  if (isWide(codePoint) || EMOJI.test(grapheme)) return 2;
  return 1;
}

/** Columns the text takes in a terminal: ANSI escapes 0, CJK and emoji 2, combining marks 0. */
export function displayWidth(text: string): number {
  return plainWidth(stripAnsi(text));
}

/**
 * Columns text without escape sequences takes. Text of one-unit graphemes (most notes, CJK
 * included) is measured by the regular expression engine, without a loop over its characters:
 * two columns for each wide one, one for the rest.
 */
export function plainWidth(plain: string): number {
  if (PRINTABLE_ASCII.test(plain)) return plain.length;
  if (ONE_UNIT_GRAPHEMES.test(plain)) return 2 * plain.length - plain.replace(WIDE_ONE_UNIT_GRAPHEMES, '').length;
  let width = 0;
  for (const grapheme of graphemes(plain)) width += graphemeWidth(grapheme);
  return width;
}

/** Pads with spaces on the right to `width` columns (text already that wide is returned as is). */
export function padEndDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/**
 * Cuts text to at most `width` columns, ending with `…` when something was cut. ANSI escapes
 * are kept, and a reset is added after a cut so that no style leaks into what follows.
 */
export function truncateDisplay(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 0) return '';
  const parts = text.split(ANSI);
  let out = '';
  let used = 0;
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index] ?? '';
    if (index % 2 === 1) {
      out += part;
      continue;
    }
    for (const grapheme of graphemes(part)) {
      const columns = graphemeWidth(grapheme);
      if (used + columns > width - 1) return out + '…' + (parts.length > 1 ? '\x1b[0m' : '');
      out += grapheme;
      used += columns;
    }
  }
  return out;
}

/** Columns of the terminal: the stream's own, else `COLUMNS`, else 80. */
export function terminalWidth(
  stream: { columns?: number } | undefined,
  env: NodeJS.ProcessEnv,
): number {
  const fromStream = stream?.columns;
  if (fromStream !== undefined && Number.isInteger(fromStream) && fromStream > 0) return fromStream;
  const fromEnv = Number.parseInt(env.COLUMNS ?? '', 10);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 80;
}
