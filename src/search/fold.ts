const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;
const FULL_WIDTH_ALL = /[\uFF01-\uFF5E\u3000]/g;

/**
 * Where the characters other than A–Z that lower-casing changes are (a test checks every code unit
 * outside these ranges): Latin, Greek (with its final sigma), Cyrillic and the other cased
 * alphabets, letter-like symbols, circled letters, full-width capitals; surrogates, since a
 * letter beyond U+FFFF may have case. CJK text and its punctuation are outside, which is why it
 * pays: lower-casing a string that is not all ASCII goes character by character.
 */
const MAY_CASE_BEYOND_ASCII = /[\u0080-\u1FFF\u2100-\u24FF\u2C00-\u2CFF\uA640-\uA7FF\uFF21-\uFF3A\uD800-\uDFFF]/;

/**
 * Folds text for searching, cheaply enough to run over every answer on each search: full-width
 * ASCII and the ideographic space made half-width, then lower case. Query words hold no white
 * space, so the text's white space needs no folding. (Card identity uses the stricter NFKC
 * `foldText`.)
 */
export function searchFold(text: string): string {
  const halfWidth = FULL_WIDTH.test(text)
    ? text.replace(FULL_WIDTH_ALL, (char) => (char === '\u3000' ? ' ' : String.fromCharCode(char.charCodeAt(0) - 0xfee0)))
    : text;
  return halfWidth.toLowerCase();
}

/**
 * Writes {@link searchFold} of `text` into `buffer` at `at` as UTF-8 and returns the bytes written.
 * Lower-casing a string that is not all ASCII goes character by character, and so does a
 * replacement with a function, while CJK text is full of full-width commas: so the text is
 * lower-cased as a string only when more than A–Z may change, and A–Z and the full-width forms
 * are folded in the bytes written (lower case first is the same, as the full-width capitals
 * lower to the full-width small letters).
 */
export function writeSearchFold(buffer: Buffer, text: string, at: number): number {
  const end = at + buffer.write(MAY_CASE_BEYOND_ASCII.test(text) ? text.toLowerCase() : text, at);
  let to = at;
  let from = at;
  while (from < end) {
    const byte = buffer[from] ?? 0;
    const folded = byte === 0xef || byte === 0xe3 ? halfWidthAt(buffer, from, end) : undefined;
    if (folded === undefined) {
      buffer[to++] = LOWER_ASCII[byte] ?? byte;
      from++;
    } else {
      buffer[to++] = folded;
      from += 3;
    }
  }
  return to - at;
}

/** Each byte, A–Z made a–z: a table look-up costs less than the comparisons, a byte at a time over megabytes. */
const LOWER_ASCII = Uint8Array.from({ length: 256 }, (_, byte) => (byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte));

/**
 * The folded ASCII byte of the full-width form or ideographic space whose UTF-8 starts at `from`
 * (its first byte is EF or E3), or undefined when there is none: U+FF01–U+FF5E are EF BC 81 –
 * EF BD 9E, U+3000 is E3 80 80.
 */
function halfWidthAt(buffer: Buffer, from: number, end: number): number | undefined {
  if (from + 2 >= end) return undefined;
  const second = buffer[from + 1] ?? 0;
  const third = buffer[from + 2] ?? 0;
  if (buffer[from] === 0xe3) return second === 0x80 && third === 0x80 ? 0x20 : undefined;
  if (second === 0xbc && third >= 0x81) return LOWER_ASCII[third - 0x60];
  return second === 0xbd && third <= 0x9e ? third - 0x20 : undefined;
}
