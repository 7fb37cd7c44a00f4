import type { Card } from '../notes/card.js';
import { terminalJson } from '../render/sanitize.js';
import { formatLocalIso } from '../store/events.js';
import type { Queue } from '../schedule/queue.js';
import { today } from '../quiz/today.js';
import { leftToday, nextCardDue } from '../quiz/summary.js';
import { whenDue } from '../render/words.js';
import type { CommandContext } from './context.js';
import { loadNotesAndLogView, type CardFilter } from './notes-and-log.js';

/** What `prep due` was asked for. */
export interface DueOptions extends CardFilter {
  json: boolean;
  extraNew?: number;
}

/** A card of today's queue, in the order `prep quiz` would ask it. */
export interface DueCard {
  kind: 'learning' | 'review' | 'new';
  /** When it is due (absent for new cards). */
  due?: string;
  card: Card;
}

/**
 * `prep due [query…]`: today's queue without asking anything: the counts by kind and the
 * cards in the order the quiz would ask them (learning cards due now, reviews, new cards,
 * then learning cards due later today). `--json` prints it as an object.
 */
export async function run(options: DueOptions, ctx: CommandContext): Promise<number> {
  const loaded = await loadNotesAndLogView(options, ctx);
  const limits = { newPerDay: loaded.settings.newPerDay, reviewsPerDay: loaded.settings.reviewsPerDay, extraNew: options.extraNew ?? 0 };
  const { queue } = today(loaded.cards.map((card) => card.id), loaded.folded, limits, loaded.settings.dayStartsAt, ctx.now);
  const byId = new Map(loaded.cards.map((card) => [card.id, card]));
  const cards = inQuizOrder(queue, ctx.now, byId);
  if (options.json) {
    ctx.stdout.write(`${terminalJson(dueJson(queue, cards))}\n`);
    return 0;
  }
  // Only the listing colours: --json loads no chalk.
  const [{ palette }, { cardListLine }] = await Promise.all([import('../render/style.js'), import('../render/breadcrumb.js')]);
  const style = palette(ctx.color);
  const lines = [`Due today: ${leftToday(queue)}.`];
  const next = nextCardDue(queue, ctx.now);
  if (next) lines.push(`Next card due ${whenDue(next, ctx.now, loaded.settings.dayStartsAt)}.`);
  if (cards.length > 0) lines.push('');
  for (const { kind, card } of cards) {
    lines.push(`${style.dim(kind.padEnd(8))} ${cardListLine(card, { width: Math.max(20, ctx.width - 9), color: ctx.color })}`);
  }
  await ctx.stdout.page(`${lines.join('\n')}\n`);
  return 0;
}

function inQuizOrder(queue: Queue, now: Date, byId: Map<string, Card>): DueCard[] {
  const dueNow = queue.learning.filter((item) => item.due.getTime() <= now.getTime());
  const later = queue.learning.filter((item) => item.due.getTime() > now.getTime());
  const ordered: DueCard[] = [];
  const add = (kind: DueCard['kind'], id: string, due?: Date): void => {
    const card = byId.get(id);
    if (card) ordered.push({ kind, ...(due ? { due: formatLocalIso(due) } : {}), card });
  };
  for (const item of dueNow) add('learning', item.id, item.due);
  for (const item of queue.review) add('review', item.id, item.due);
  for (const id of queue.new) add('new', id);
  for (const item of later) add('learning', item.id, item.due);
  return ordered;
}

/** The JSON of `prep due --json`: counts by kind, what the limits hold back, the next due time and the cards. */
function dueJson(queue: Queue, cards: DueCard[]): object {
  return {
    counts: { learning: queue.learning.length, review: queue.review.length, new: queue.new.length },
    heldBack: { new: queue.heldBackNew, review: queue.heldBackReviews },
    nextDue: queue.nextDue ? formatLocalIso(queue.nextDue) : null,
    cards: cards.map(({ kind, due, card }) => ({ kind, due: due ?? null, id: card.id, deck: card.deck, path: card.path, question: card.question })),
  };
}
