/** A note's text as the parser expects it: no byte-order mark, LF line ends (CRLF and lone CR made LF). */
export function normaliseNoteText(text: string): string {
  return text.replace(/^\uFEFF/u, '').replace(/\r\n?/gu, '\n');
}
