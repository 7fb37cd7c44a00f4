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

const patterns: { regex: RegExp; scheme: NumberScheme }[] = [
  { regex: new RegExp(`^第([${CJK_DIGITS}]+|\\d+)(?:[章节题篇讲课]|部分)\\s*${SEPARATOR}?\\s*`, 'u'), scheme: 'cjk' },
  { regex: new RegExp(`^([${CJK_DIGITS}]+)\\s*${SEPARATOR}\\s*`, 'u'), scheme: 'cjk' },
  { regex: new RegExp(`^(?:题目|问题|面试题)\\s*(\\d+)\\s*${SEPARATOR}?\\s*`, 'u'), scheme: 'label' },
  { regex: new RegExp(`^[Qq](\\d*)\\s*${SEPARATOR}\\s*|^[Qq](\\d+)\\s+`, 'u'), scheme: 'q' },
  { regex: /^[(（](\d{1,3})[)）]\s*/u, scheme: 'paren' },
  { regex: /^(\d{1,3}(?:[.．]\d{1,3})+)[.．]?(?:\s*[:：、)）]\s*|\s+)/u, scheme: 'dotted' },
  { regex: new RegExp(`^(\\d{1,3})\\s*${SEPARATOR}\\s*(?!\\d)|^(\\d{1,2})\\s+`, 'u'), scheme: 'arabic' },
];

/** Emoji (with their variation selectors, joiners and keycaps) and spaces before a heading's text. */
const LEADING_DECORATION = /^(?:\p{Extended_Pictographic}|\u{FE0F}|\u{200D}|\u{20E3}|\s)+/u;

/** A number that starts arithmetic rather than an outline: `0.1 + 0.2`, `1 + 1 = ?`, `2 ** 10`. */
const EXPRESSION = /^\d+(?:\.\d+)*\s*[-+*/%^=<>!×÷]+\s*[\d([`'"]/u;

/**
 * The first characters (full-width forms as ASCII) of every pattern and of {@link EXPRESSION}.
 * Most headings start with none of them, and are told so without trying each pattern.
 */
const NUMBER_STARTS = new Set([...`第${CJK_DIGITS}题问面Qq(（0123456789`].map((char) => char.charCodeAt(0)));

/**
 * Splits a heading into its outline number and text: `4.1: B树` → [4, 1] and `B树`.
 * Full-width digits and letters (`４．１：`, `Ｑ１：`) count as their ASCII forms.
 */
export function splitOutlineNumber(heading: string): NumberedTitle {
  const text = heading.replace(LEADING_DECORATION, '');
  if (!NUMBER_STARTS.has(halfWidthCode(text.charCodeAt(0)))) return { text: text.trim() };
  const probe = halfWidth(text);
  if (EXPRESSION.test(probe)) return { text: text.trim() };
  for (const { regex, scheme } of patterns) {
    const match = regex.exec(probe);
    if (!match) continue;
    const digits = match.slice(1).find((group) => group !== undefined) ?? '';
    const rest = text.slice(match[0].length).replace(LEADING_DECORATION, '').trim();
    const numbers = parseNumbers(digits, scheme);
    return numbers.length > 0 ? { number: { numbers, scheme }, text: rest } : { text: rest };
  }
  return { text: text.trim() };
}

/** Full-width ASCII forms (U+FF01–U+FF5E) made ASCII; one code unit each way, so offsets still match `text`. */
function halfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/gu, (char) => String.fromCharCode(halfWidthCode(char.charCodeAt(0))));
}

function halfWidthCode(code: number): number {
  return code >= 0xff01 && code <= 0xff5e ? code - 0xfee0 : code;
}

function parseNumbers(digits: string, scheme: NumberScheme): number[] {
  if (digits === '') return [];
  if (scheme === 'dotted') return digits.split(/[.．]/u).map(Number);
  const value = /^\d+$/u.test(digits) ? Number(digits) : cjkNumeral(digits);
  return Number.isFinite(value) ? [value] : [];
}

const CJK_VALUES: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** Reads a Chinese numeral below 1000: 十一 → 11, 二十 → 20, 一百零五 → 105. */
export function cjkNumeral(text: string): number {
  let total = 0;
  let digit = 0;
  for (const char of text) {
    if (char === '百') {
      total += (digit || 1) * 100;
      digit = 0;
    } else if (char === '十') {
      total += (digit || 1) * 10;
      digit = 0;
    } else {
      const value = CJK_VALUES[char];
      if (value === undefined) return Number.NaN;
      digit = value;
    }
  }
  return total + digit;
}

/** True when `parent`'s numbers begin `child`'s and are shorter: 4 → 4.1, 12 → 12.1. */
export function isOutlineParent(parent: OutlineNumber, child: OutlineNumber): boolean {
  if (parent.numbers.length >= child.numbers.length) return false;
  return parent.numbers.every((value, index) => child.numbers[index] === value);
}
