/** Lines longer than this are shown as plain text: marked's inline rules are superlinear on them. */
export const LONG_LINE = 5_000;

const FENCE = /^ {0,3}(`{3,}|~{3,})/u;
const INLINE_MARKUP = /[\\`*_[\]<>~|!]/gu;

/** The length of a line's block markers (indentation, `>` quotes, list bullets and numbers), which stay Markdown. */
function blockPrefixLength(line: string): number {
  let index = 0;
  for (;;) {
    while (line[index] === ' ' || line[index] === '\t') index++;
    const marker = /^(?:>|[*+-](?=[ \t])|\d{1,9}[.)](?=[ \t]))/u.exec(line.slice(index, index + 12))?.[0];
    if (marker === undefined) return index;
    index += marker.length;
  }
}

/**
 * Escapes inline Markdown on lines over {@link LONG_LINE} characters outside code blocks, so that
 * a 200,000-character line of `_a_a…` renders in milliseconds, as the text it is, instead of
 * keeping marked busy for minutes. Shorter lines, code and the quote and list markers that start
 * a line are left alone.
 */
export function escapeLongLines(markdown: string): string {
  if (markdown.length <= LONG_LINE) return markdown;
  let fence: string | undefined;
  return markdown
    .split('\n')
    .map((line) => {
      const marker = FENCE.exec(line)?.[1];
      if (marker !== undefined && (fence === undefined || (marker[0] === fence[0] && marker.length >= fence.length))) {
        fence = fence === undefined ? marker : undefined;
        return line;
      }
      if (fence !== undefined || line.length <= LONG_LINE) return line;
      const start = blockPrefixLength(line);
      return line.slice(0, start) + line.slice(start).replace(INLINE_MARKUP, (char) => `\\${char}`);
    })
    .join('\n');
}
