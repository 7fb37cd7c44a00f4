// Stands in for node-emoji in the build: marked-terminal imports it (and its ~400 KB emoji
// table) for `:smile:` short codes, which prep turns off (`emoji: false`), so nothing is found.

/** The emoji for a short code: none, as short codes stay literal in prep. */
export function get(_shortCode: string): string | undefined {
  return undefined;
}
