/**
 * A note's text as the parser expects it: no byte-order mark, LF line ends (CRLF and lone CR made LF).
 * Most notes have neither, and are returned as they are without running the replacements over them.
 */
export function normaliseNoteText(text: string): string {
  const unmarked = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return unmarked.includes('\r') ? unmarked.replace(/\r\n?/gu, '\n') : unmarked;
}
