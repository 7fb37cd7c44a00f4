const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;
const FULL_WIDTH_ALL = /[\uFF01-\uFF5E\u3000]/g;

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
