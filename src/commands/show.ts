import { PrepError } from '../errors.js';
import type { Card } from '../notes/card.js';
import { loadDecksetCached } from '../notes/cache.js';
import { cardListLine } from '../render/breadcrumb.js';
import { sanitizeInline, terminalJson } from '../render/sanitize.js';
import { openRenderCache, renderKey } from '../render/cache.js';
import { palette } from '../render/style.js';
import { cardById, searchCards } from '../search/match.js';
import { suggestTopics } from '../search/suggest.js';
import type { CommandContext } from './context.js';
import { reportNoteProblems } from './problems.js';

/** What `prep show` was asked for. */
export interface ShowOptions {
  query: string[];
  /** One line a card instead of the whole card. */
  list: boolean;
  /** The card array of DESIGN.md, as JSON. */
  json: boolean;
}

/**
 * `prep show [query…]`: the cards on a topic (or the card with an id), rendered for the
 * terminal, one line each with `--list`, or as JSON. No match is exit 1 with suggestions.
 */
export async function run(options: ShowOptions, ctx: CommandContext): Promise<number> {
  const deckset = await loadDecksetCached(ctx.contentDirs, ctx.dataDir);
  reportNoteProblems(deckset.diagnostics, ctx);
  const byId = cardById(deckset.cards, options.query);
  const cards = byId ? [byId] : searchCards(deckset.cards, options.query, deckset.searchText?.());
  if (options.json) ctx.stdout.write(`${terminalJson(cards)}\n`);
  if (cards.length === 0) throw new PrepError(noMatch(deckset.cards, options.query));
  if (options.json) return 0;
  const listOnly = options.list || options.query.length === 0;
  await ctx.stdout.page(listOnly ? listing(cards, ctx) : await fullCards(cards, ctx));
  return 0;
}

function listing(cards: Card[], ctx: CommandContext): string {
  const options = { width: ctx.width, color: ctx.color };
  return cards.map((card) => `${cardListLine(card, options)}\n`).join('');
}

/** The cards rendered in full, from the render cache where it has them; the renderer is loaded only for the rest. */
async function fullCards(cards: Card[], ctx: CommandContext): Promise<string> {
  const options = { width: ctx.width, color: ctx.color };
  const style = palette(ctx.color);
  const cache = openRenderCache(ctx.dataDir);
  let renderCard: typeof import('../render/card.js').renderCard | undefined;
  const rendered: string[] = [];
  for (const card of cards) {
    const key = renderKey(card, options, style.level);
    let text = cache.get(key);
    if (text === undefined) {
      renderCard ??= (await import('../render/card.js')).renderCard;
      text = renderCard(card, options);
      cache.set(key, text);
    }
    rendered.push(text);
  }
  cache.save();
  const rule = style.dim('─'.repeat(Math.min(ctx.width, 60)));
  return `${rendered.join(`\n\n${rule}\n\n`)}\n`;
}

function noMatch(cards: Card[], query: string[]): string {
  const wanted = sanitizeInline(query.join(' '));
  if (cards.length === 0) return 'there are no cards in the notes (see `prep check`)';
  const suggestions = suggestTopics(cards, query).map((text) => `"${sanitizeInline(text)}"`);
  const hint = suggestions.length > 0 ? `; closest: ${suggestions.join(', ')}` : '; `prep show --list` lists every card';
  return `no card matches "${wanted}"${hint}`;
}
