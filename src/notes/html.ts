// Helpers for the bits of HTML notes hold, written to take time in proportion to the text:
// a note may hold thousands of `<!--` or `<a` with nothing to close them.

/** A tag; no `<` inside, so that a line of `<a<a<a…` is not scanned to its end from every `<`. */
export const HTML_TAG = /<\/?[A-Za-z][^<>]*>/gu;

/** Text without its `<!-- … -->` comments; an unclosed `<!--` and what follows it stay. */
export function removeComments(text: string): string {
  let out = '';
  let at = 0;
  for (let open = text.indexOf('<!--'); open !== -1; open = text.indexOf('<!--', at)) {
    const close = text.indexOf('-->', open + 4);
    if (close === -1) break;
    out += text.slice(at, open);
    at = close + 3;
  }
  return at === 0 ? text : out + text.slice(at);
}

/** True when text holds one or more comments and nothing else but white space. */
export function isCommentOnly(text: string): boolean {
  return text.includes('<!--') && removeComments(text).trim() === '';
}
