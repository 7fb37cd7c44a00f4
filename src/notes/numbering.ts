/** How an outline number is written; numbers of one scheme are siblings when their lengths match. */
export type NumberScheme = 'cjk' | 'arabic' | 'dotted' | 'paren' | 'q' | 'label';

/** An outline number such as `十一：` ([11], cjk) or `12.1:` ([12, 1], dotted). */
export interface OutlineNumber {
  numbers: number[];
  scheme: NumberScheme;
}

/** A heading's text split into its outline number (if any) and the text proper. */
export interface NumberedTitle {
  number?: OutlineNumber;
  text: string;
}

const SEPARATOR = '[:：、.．)）]';
const CJK_DIGITS = '零〇一二两三四五六七八九十百';
const DIGITS = '0123456789';

/** An outline number's form: the characters it can start with (full-width forms as ASCII), how it reads and its scheme. */
interface NumberPattern {
  starts: string;
  regex: RegExp;
  scheme: NumberScheme;
}

/** Tried in order; the first that matches wins. */
const patterns: NumberPattern[] = [
  { starts: '第', regex: new RegExp(`^第([${CJK_DIGITS}]+|\\d+)(?:[章节题篇讲课]|部分)\\s*${SEPARATOR}?\\s*`, 'u'), scheme: 'cjk' },
  { starts: CJK_DIGITS, regex: new RegExp(`^([${CJK_DIGITS}]+)\\s*${SEPARATOR}\\s*`, 'u'), scheme: 'cjk' },
  { starts: '题问面', regex: new RegExp(`^(?:题目|问题|面试题)\\s*(\\d+)\\s*${SEPARATOR}?\\s*`, 'u'), scheme: 'label' },
  { starts: '题问面', regex: /^(?:题目|问题|面试题)[ \t]*[:：][ \t]*()/u, scheme: 'label' },
  { starts: 'QqPp', regex: new RegExp(`^(?:Question|Problem)[ \\t]*(\\d{1,3})[ \\t]*${SEPARATOR}?[ \\t]*`, 'iu'), scheme: 'label' },
  { starts: 'Qq', regex: new RegExp(`^[Qq](\\d*)\\s*${SEPARATOR}\\s*|^[Qq](\\d+)\\s+`, 'u'), scheme: 'q' },
  { starts: '(（', regex: /^[(（](\d{1,3})[)）]\s*/u, scheme: 'paren' },
  { starts: DIGITS, regex: /^(\d{1,3}(?:[.．]\d{1,3})+)[.．]?(?:\s*[:：、)）]\s*|\s+)/u, scheme: 'dotted' },
  { starts: DIGITS, regex: new RegExp(`^(\\d{1,3})\\s*${SEPARATOR}\\s*(?!\\d)|^(\\d{1,2})\\s+`, 'u'), scheme: 'arabic' },
];

/**
 * The patterns, in order, that a heading starting with a character (by code) can match. Most
 * headings start with none of those characters and are told so without trying any pattern; a
 * numbered one tries only the patterns of its kind.
 */
const PATTERNS_BY_START = patternsByStart(patterns);

function patternsByStart(all: NumberPattern[]): Map<number, NumberPattern[]> {
  const byStart = new Map<number, NumberPattern[]>();
  for (const pattern of all) {
    for (const code of [...pattern.starts].map((char) => char.charCodeAt(0))) byStart.set(code, [...(byStart.get(code) ?? []), pattern]);
  }
  return byStart;
}

/** Emoji (with their variation selectors, joiners and keycaps) and spaces before a heading's text. */
const LEADING_DECORATION = /^(?:\p{Extended_Pictographic}|\u{FE0F}|\u{200D}|\u{20E3}|\s)+/u;

/**
 * True when text starts with printable ASCII or a CJK ideograph, never emoji or a space: most
 * headings do, and are not matched against {@link LEADING_DECORATION}.
 */
function startsPlain(text: string): boolean {
  const code = text.charCodeAt(0);
  return (code > 0x20 && code < 0x7f) || (code >= 0x4e00 && code <= 0x9fff);
}

/** A number that starts arithmetic rather than an outline: `0.1 + 0.2`, `1 + 1 = ?`, `2 ** 10`. It starts with a digit, checked first: a `Q1:` or `五、` never is. */
const EXPRESSION = /^\d+(?:\.\d+)*\s*[-+*/%^=<>!×÷]+\s*[\d([`'"]/u;

/** A Chinese numeral followed by blanks only (`一 在go语言中…`, `十一 `): an outline number only in notes numbered that way. */
const SPACED_CJK = new RegExp(`^([${CJK_DIGITS}]+)[ \\t\u3000]+(?=\\S)`, 'u');

/**
 * True when a heading starts with a Chinese numeral followed by a blank alone (`一 在go语言中…`):
 * where two or more of a note's headings do, that is how it numbers them.
 */
export function startsWithBlankNumber(heading: string): boolean {
  return CJK_DIGIT_CODES.has(heading.charCodeAt(0)) && SPACED_CJK.test(heading);
}

const CJK_DIGIT_CODES = new Set([...CJK_DIGITS].map((digit) => digit.charCodeAt(0)));

/**
 * Splits a heading into its outline number and text: `4.1: B树` → [4, 1] and `B树`.
 * Full-width digits and letters (`４．１：`, `Ｑ１：`) count as their ASCII forms. With
 * `blankNumbers` (see {@link startsWithBlankNumber}) a Chinese numeral and a blank are one too.
 */
export function splitOutlineNumber(heading: string, blankNumbers = false): NumberedTitle {
  if (blankNumbers) {
    const spaced = SPACED_CJK.exec(heading.trim());
    const value = spaced ? cjkNumeral(spaced[1] ?? '') : Number.NaN;
    if (spaced && Number.isFinite(value)) return { number: { numbers: [value], scheme: 'cjk' }, text: heading.trim().slice(spaced[0].length).trim() };
  }
  const text = startsPlain(heading) ? heading : heading.replace(LEADING_DECORATION, '');
  const candidates = PATTERNS_BY_START.get(halfWidthCode(text.charCodeAt(0)));
  if (!candidates) return { text: text.trim() };
  const probe = FULL_WIDTH.test(text) ? halfWidth(text) : text;
  if (startsWithDigit(probe) && EXPRESSION.test(probe)) return { text: text.trim() };
  // Indexed, as unoptimised `for…of` allocates an iterator result per step.
  for (let index = 0; index < candidates.length; index++) {
    const { regex, scheme } = candidates[index] as NumberPattern;
    const match = regex.exec(probe);
    if (!match) continue;
    const digits = firstGroup(match);
    const after = text.slice(match[0].length);
    const rest = (startsPlain(after) ? after : after.replace(LEADING_DECORATION, '')).trim();
    const numbers = parseNumbers(digits, scheme);
    if (numbers.length === 0) return { text: rest };
    const number: OutlineNumber = { numbers, scheme };
    return { number, text: rest };
  }
  return { text: text.trim() };
}

/** The first group a pattern matched; each pattern has one, or two alternatives of one each. */
function firstGroup(match: RegExpExecArray): string {
  for (let index = 1; index < match.length; index++) {
    const group = match[index];
    if (group !== undefined) return group;
  }
  return '';
}

const FULL_WIDTH = /[\uff01-\uff5e]/u;

/** Full-width ASCII forms (U+FF01–U+FF5E) made ASCII; one code unit each way, so offsets still match `text`. */
function halfWidth(text: string): string {
  let converted = '';
  let copied = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const ascii = halfWidthCode(code);
    if (ascii === code) continue;
    converted += text.slice(copied, index) + String.fromCharCode(ascii);
    copied = index + 1;
  }
  return copied === 0 ? text : converted + text.slice(copied);
}

function startsWithDigit(text: string): boolean {
  const code = text.charCodeAt(0);
  return code >= 0x30 && code <= 0x39;
}

function halfWidthCode(code: number): number {
  return code >= 0xff01 && code <= 0xff5e ? code - 0xfee0 : code;
}

const ARABIC = /^\d+$/u;

/** The numbers in a pattern's group, read from the half-width probe: a dotted number's dots are all `.` there. */
function parseNumbers(digits: string, scheme: NumberScheme): number[] {
  if (digits === '') return [];
  if (scheme === 'dotted') return digits.split('.').map(Number);
  const value = ARABIC.test(digits) ? Number(digits) : cjkNumeral(digits);
  return Number.isFinite(value) ? [value] : [];
}

const CJK_VALUES: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
/** {@link CJK_VALUES} by character code: a numeral is read one code unit at a time, without a string per character. */
const CJK_VALUES_BY_CODE = new Map(Object.entries(CJK_VALUES).map(([char, value]) => [char.charCodeAt(0), value]));
const HUNDRED = '百'.charCodeAt(0);
const TEN = '十'.charCodeAt(0);

/** Reads a Chinese numeral below 1000: 十一 → 11, 二十 → 20, 一百零五 → 105. */
export function cjkNumeral(text: string): number {
  let total = 0;
  let digit = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === HUNDRED) {
      total += (digit || 1) * 100;
      digit = 0;
    } else if (code === TEN) {
      total += (digit || 1) * 10;
      digit = 0;
    } else {
      const value = CJK_VALUES_BY_CODE.get(code);
      if (value === undefined) return Number.NaN;
      digit = value;
    }
  }
  return total + digit;
}

/** True when `parent`'s numbers begin `child`'s and are shorter: 4 → 4.1, 12 → 12.1. */
export function isOutlineParent(parent: OutlineNumber, child: OutlineNumber): boolean {
  if (parent.numbers.length >= child.numbers.length) return false;
  for (let index = 0; index < parent.numbers.length; index++) if (child.numbers[index] !== parent.numbers[index]) return false;
  return true;
}
