/** ASCII and the CJK unified ideographs: NFKC leaves them as they are, alone or side by side. */
const NFKC_STABLE = /^[\u0000-\u007f\u4e00-\u9fff]*$/u;

/** Text in Unicode NFKC; text of only ASCII and CJK ideographs (most questions) already is, and is given back without a pass. */
export function nfkc(text: string): string {
  return NFKC_STABLE.test(text) ? text : text.normalize('NFKC');
}

/**
 * Folds text for comparison: Unicode NFKC (full-width letters, digits and punctuation become
 * their half-width forms), lower case, and every run of white space becomes one space.
 */
export function foldText(text: string): string {
  return foldNormalised(nfkc(text));
}

/** White space other than a plain space. */
const OTHER_SPACE = /[^\S ]/u;

/**
 * Whether folding changes the white space: some at either end, two together, or other than a
 * plain space. Asked as one expression (`^\s|\s$|\s\s|[^\S ]`), it tried four patterns at every
 * character of every question; a space at an end or two spaces are found without one.
 */
function hasUnfoldedSpace(text: string): boolean {
  return text.startsWith(' ') || text.endsWith(' ') || text.includes('  ') || OTHER_SPACE.test(text);
}

/** {@link foldText} of text already in NFKC: lower case, white space folded (most text has none to fold, and is not scanned twice more). */
export function foldNormalised(text: string): string {
  const lower = text.toLowerCase();
  return hasUnfoldedSpace(lower) ? lower.replace(/\s+/gu, ' ').trim() : lower;
}
