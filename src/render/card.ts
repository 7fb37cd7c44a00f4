// Heavy: imports marked-terminal through markdown.ts. Commands load it with `await import()`.
import type { Card } from '../notes/card.js';
import { breadcrumb } from './breadcrumb.js';
import { renderInline, renderMarkdown } from './markdown.js';
import { palette, type RenderOptions } from './style.js';
import { truncateDisplay } from './width.js';

/**
 * A card as `prep show` prints it: the breadcrumb (dim), the question (bold), a blank line and
 * the rendered answer. No trailing newline.
 */
export function renderCard(card: Card, options: RenderOptions): string {
  const style = palette(options.color);
  const head = [
    style.dim(truncateDisplay(breadcrumb(card), options.width)),
    style.bold(renderInline(card.question, options)),
  ].join('\n');
  const answer = renderMarkdown(card.answer, options);
  return answer ? `${head}\n\n${answer}` : head;
}
