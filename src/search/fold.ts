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
  return halfWidth(text).toLowerCase();
}

/** Full-width ASCII and the ideographic space made half-width: {@link searchFold} before lower case. */
function halfWidth(text: string): string {
  return FULL_WIDTH.test(text) ? text.replace(FULL_WIDTH_ALL, (char) => (char === '\u3000' ? ' ' : String.fromCharCode(char.charCodeAt(0) - 0xfee0))) : text;
}

/**
 * Writes {@link searchFold} of `text` into `buffer` at `at` as UTF-8 and returns the bytes written.
 * When lower case can change only A–Z, the text is written as it is and those bytes lowered in
 * place (no other UTF-8 byte falls among them), without lower-casing a string of CJK text
 * character by character.
 */
export function writeSearchFold(buffer: Buffer, text: string, at: number): number {
  const half = halfWidth(text);
  if (MAY_CASE_BEYOND_ASCII.test(half)) return buffer.write(half.toLowerCase(), at);
  const written = buffer.write(half, at);
  for (let index = at; index < at + written; index++) {
    const byte = buffer[index] ?? 0;
    if (byte >= 0x41 && byte <= 0x5a) buffer[index] = byte + 0x20;
  }
  return written;
}
