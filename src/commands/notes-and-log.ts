import type { Card, Deckset } from '../notes/card.js';
import { loadDecksetCached } from '../notes/cache.js';
import { searchCards } from '../search/match.js';
import { foldLog, type Folded } from '../store/fold.js';
import { readLog } from '../store/log.js';
import { loadSettings, type Settings } from '../store/settings.js';
import { foldText } from '../text/fold.js';
import type { CommandContext } from './context.js';
import { formatDiagnostic, reportNoteProblems } from './problems.js';

/** Which cards a command works on: those matching a query, in a deck. */
export interface CardFilter {
  query: string[];
  deck?: string;
}

/** What the commands that schedule need: cards, settings and the folded review log. */
export interface Loaded {
  deckset: Deckset;
  /** The cards the filter selects, in notes order. */
  cards: Card[];
  settings: Settings;
  folded: Folded;
}

/** Loads the notes, the settings and the review log (warnings to stderr), and applies the filter. */
export async function loadNotesAndLog(filter: CardFilter, ctx: CommandContext): Promise<Loaded> {
  const deckset = await loadDecksetCached(ctx.contentDirs, ctx.dataDir);
  reportNoteProblems(deckset.diagnostics, ctx);
  const warn = (message: string): void => ctx.stderr.write(`prep: warning: ${message}\n`);
  const settings = loadSettings(ctx.dataDir, warn);
  const log = readLog(ctx.dataDir);
  for (const warning of log.warnings) warn(formatDiagnostic(warning));
  return { deckset, cards: filterCards(deckset.cards, filter), settings, folded: foldLog(log.events) };
}

/** The cards in the named deck (case- and width-insensitive) that match the query, in notes order. */
export function filterCards(cards: Card[], filter: CardFilter): Card[] {
  const deck = filter.deck === undefined ? undefined : foldText(filter.deck);
  const inDeck = deck === undefined ? cards : cards.filter((card) => foldText(card.deck) === deck);
  if (filter.query.length === 0) return inDeck;
  const matching = new Set(searchCards(inDeck, filter.query));
  return inDeck.filter((card) => matching.has(card));
}
