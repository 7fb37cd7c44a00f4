import { PrepError } from '../errors.js';
import type { Card } from '../notes/card.js';
import { sanitizeInline, terminalJson } from '../render/sanitize.js';
import { aggregate } from '../stats/aggregate.js';
import type { Stats } from '../stats/types.js';
import { foldText } from '../text/fold.js';
import type { CommandContext } from './context.js';
import { loadNotesAndLogView, type CardFilter } from './notes-and-log.js';

/** What `prep stats` was asked for: the cards (query words, deck name) as in `prep quiz`, and the form. */
export interface StatsOptions extends CardFilter {
  /** Print the figures as JSON (see stats/types.ts) instead of tables and charts. */
  json: boolean;
}

/**
 * `prep stats [query…] [--deck name] [--json]`: progress figures over the chosen cards, as text
 * through the pager or as JSON. A query or deck that chooses nothing is exit 1.
 */
export async function run(options: StatsOptions, ctx: CommandContext): Promise<number> {
  const stats = await gatherStats(ctx, options);
  if (options.json) {
    ctx.stdout.write(`${terminalJson(stats)}\n`);
    return 0;
  }
  const { renderStats } = await import('../stats/render.js');
  const scope = scopeOf(options);
  await ctx.stdout.page(renderStats(stats, { width: ctx.width, color: ctx.color, ...(scope === '' ? {} : { scope }) }));
  return 0;
}

/**
 * Reads the notes, the settings and the review log (warnings on stderr) and works out the
 * statistics of the cards the query and deck choose: every card when neither is given. A query or
 * deck that chooses nothing is a PrepError.
 */
export async function gatherStats(ctx: CommandContext, filter: CardFilter = { query: [] }): Promise<Stats> {
  const { deckset, cards, settings, folded } = await loadNotesAndLogView(filter, ctx);
  if (cards.length === 0 && (filter.deck !== undefined || filter.query.length > 0)) throw new PrepError(nothingChosen(deckset.cards, filter));
  const narrowed = cards.length < deckset.cards.length;
  return aggregate({ cards, ...(narrowed ? { noteCardIds: new Set(deckset.cards.map((card) => card.id)) } : {}), folded, now: ctx.now, settings });
}

/** Why a deck or query chose no card: no such deck (and the decks there are), or no match. */
function nothingChosen(cards: Card[], { query, deck }: CardFilter): string {
  const decks = [...new Set(cards.map((card) => card.deck))];
  if (deck !== undefined && !decks.some((name) => foldText(name) === foldText(deck))) {
    const known = decks.length === 0 ? 'there are no cards in the notes (see `prep check`)' : `the decks are: ${decks.map(sanitizeInline).join(', ')}`;
    return `no deck named "${sanitizeInline(deck)}"; ${known}`;
  }
  const inDeck = deck === undefined ? '' : ` in deck "${sanitizeInline(deck)}"`;
  return `no card matches "${sanitizeInline(query.join(' '))}"${inDeck}; \`prep show --list\` lists every card`;
}

/** What narrowed the figures, for the heading: `deck sql · index`. */
function scopeOf({ query, deck }: StatsOptions): string {
  return [...(deck === undefined ? [] : [`deck ${deck}`]), ...(query.length > 0 ? [query.join(' ')] : [])].join(' · ');
}
