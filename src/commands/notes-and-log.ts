import type { Card, Deckset, Diagnostic } from '../notes/card.js';
import { loadDecksetCached } from '../notes/cache.js';
import { searchCards } from '../search/match.js';
import { foldLog, type Folded, type LogView } from '../store/fold.js';
import { readLog } from '../store/log.js';
import { readLogView } from '../store/snapshot.js';
import type { Settings } from '../store/settings.js';
import { foldText } from '../text/fold.js';
import type { CommandContext } from './context.js';
import { formatDiagnostic, reportNoteProblems } from './problems.js';

/** Which cards a command works on: those matching a query, in a deck. */
export interface CardFilter {
  query: string[];
  deck?: string;
}

/** What the commands that schedule need: cards, settings and the review log. */
export interface Loaded<Log> {
  deckset: Deckset;
  /** The cards the filter selects, in notes order. */
  cards: Card[];
  settings: Settings;
  folded: Log;
}

/** Loads the notes, the settings and the whole folded review log (warnings to stderr), and applies the filter: what `prep quiz` needs to grade and undo. */
export async function loadNotesAndLog(filter: CardFilter, ctx: CommandContext): Promise<Loaded<Folded>> {
  return loadWith(filter, ctx, () => {
    const { events, warnings } = readLog(ctx.dataDir);
    return { log: foldLog(events), warnings };
  });
}

/** Like {@link loadNotesAndLog}, with the review log as `prep due` and `prep stats` read it: from its snapshot plus what was appended since. */
export async function loadNotesAndLogView(filter: CardFilter, ctx: CommandContext): Promise<Loaded<LogView>> {
  return loadWith(filter, ctx, () => {
    const { view, warnings } = readLogView(ctx.dataDir);
    return { log: view, warnings };
  });
}

async function loadWith<Log>(filter: CardFilter, ctx: CommandContext, readReviews: () => { log: Log; warnings: Diagnostic[] }): Promise<Loaded<Log>> {
  const deckset = await loadDecksetCached(ctx.contentDirs, ctx.dataDir);
  reportNoteProblems(deckset.diagnostics, ctx);
  const warn = (message: string): void => ctx.stderr.write(`prep: warning: ${message}\n`);
  const settings = ctx.settings();
  const { log, warnings } = readReviews();
  for (const warning of warnings) warn(formatDiagnostic(warning));
  return { deckset, cards: filterCards(deckset, filter), settings, folded: log };
}

/** The cards in the named deck (case- and width-insensitive) that match the query, in notes order. */
export function filterCards(deckset: Deckset, filter: CardFilter): Card[] {
  const deck = filter.deck === undefined ? undefined : foldText(filter.deck);
  const inDeck = deck === undefined ? deckset.cards : deckset.cards.filter((card) => foldText(card.deck) === deck);
  if (filter.query.length === 0) return inDeck;
  const matching = new Set(searchCards(deckset.cards, filter.query, deckset.searchText?.()));
  return inDeck.filter((card) => matching.has(card));
}
