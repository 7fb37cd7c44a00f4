/**
 * Folds text for comparison: Unicode NFKC (full-width letters, digits and punctuation become
 * their half-width forms), lower case, and every run of white space becomes one space.
 */
export function foldText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}
