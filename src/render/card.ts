// Heavy: imports marked-terminal through markdown.ts. Commands load it with `await import()`.
import type { Card } from '../notes/card.js';
import { breadcrumb } from './breadcrumb.js';
import { renderInline, renderMarkdown } from './markdown.js';
import { palette, type RenderOptions } from './style.js';
import { truncateDisplay } from './width.js';

/**
 * The question side of a card: the breadcrumb (dim), the question (bold) and, for a question
 * answered in a `<details>` block, the text before the block that belongs to the question.
 */
export function renderQuestion(card: Card, options: RenderOptions): string {
  const style = palette(options.color);
  const [title = '', ...rest] = card.question.split('\n\n');
  const body = rest.join('\n\n');
  const head = [style.dim(truncateDisplay(breadcrumb(card), options.width)), style.bold(renderInline(title, options))].join('\n');
  return body === '' ? head : `${head}\n\n${renderMarkdown(body, options)}`;
}

/**
 * A card as `prep show` prints it: the question side, a blank line and the rendered answer.
 * No trailing newline.
 */
export function renderCard(card: Card, options: RenderOptions): string {
  const answer = renderMarkdown(card.answer, options);
  const question = renderQuestion(card, options);
  return answer ? `${question}\n\n${answer}` : question;
}
