import type { Card } from '../notes/card.js';
import { today as quizToday } from '../quiz/today.js';
import type { Queue } from '../schedule/queue.js';
import { dayKey } from '../schedule/day.js';
import { createScheduler } from '../schedule/scheduler.js';
import { formatLocalIso } from '../store/events.js';
import { orphans, type LogView } from '../store/fold.js';
import type { Settings } from '../store/settings.js';
import { calendarOf } from './calendar.js';
import { collectionOf } from './collection.js';
import { cardFacts, type CardFacts } from './facts.js';
import { forecastOf } from './forecast.js';
import { digestHistory } from './history.js';
import { leechesOf } from './leeches.js';
import { share } from './retention.js';
import { streakOf } from './streak.js';
import { todayOf } from './today.js';
import { topicsOf } from './topics.js';
import type { Stats } from './types.js';

/** The settings the statistics depend on. */
export type StatsSettings = Pick<
  Settings,
  'newPerDay' | 'reviewsPerDay' | 'retention' | 'dayStartsAt' | 'learningSteps' | 'relearningSteps' | 'maximumInterval'
>;

/** What the statistics are worked out from; the command layer reads the notes, the log, the settings and the clock. */
export interface AggregateInput {
  /** The cards to report on, in notes order: every card, or those a query or deck chose. */
  cards: readonly Card[];
  /**
   * Ids of every card in the notes, when `cards` is a narrowed choice: history of any other card
   * is an orphan. Without it, `cards` is the whole notes.
   */
  noteCardIds?: ReadonlySet<string>;
  /** The review log: folded, or the view restored from its snapshot. */
  folded: LogView;
  now: Date;
  settings: StatsSettings;
}

/**
 * Every figure of `prep stats`, a pure function of the cards, the folded log, the settings and
 * `now`. Reviews count when their card is chosen, and orphans' reviews too when nothing is narrowed.
 */
export function aggregate(input: AggregateInput): Stats {
  const { cards, folded, now, settings } = input;
  const { dayStartsAt } = settings;
  const chosen = new Set(cards.map((card) => card.id));
  const noteCardIds = input.noteCardIds ?? chosen;
  const whole = noteCardIds === chosen || [...noteCardIds].every((id) => chosen.has(id));
  // Not narrowed, every review counts: of a card in the notes (chosen) or of an orphan.
  const digest = digestHistory(folded, whole ? () => true : (id) => chosen.has(id), now, dayStartsAt);
  const scheduler = createScheduler({ ...settings, fuzz: false });
  const facts = cardFacts(cards, folded.states, scheduler, now, dayStartsAt);
  const learned = recallsOf(facts);
  const today = dayKey(now, dayStartsAt);
  return {
    generatedAt: formatLocalIso(now),
    day: today,
    dayStartsAt,
    today: todayOf(digest.today, quizQueue(input, [...chosen]), now),
    streak: streakOf(digest.perDay),
    collection: collectionOf(facts, orphans(folded, noteCardIds)),
    memory: {
      averageRecall: share(learned.sum, learned.cards),
      recallCards: learned.cards,
      desiredRetention: settings.retention,
      trueRetention: digest.trueRetention,
    },
    topics: topicsOf(facts),
    forecast: forecastOf(facts, today),
    calendar: calendarOf(digest.perDay, today),
    leeches: leechesOf(facts),
  };
}

/** How many cards have a probability of recall (those answered at least once), and its sum. */
function recallsOf(facts: readonly CardFacts[]): { cards: number; sum: number } {
  let cards = 0;
  let sum = 0;
  for (const { recall } of facts) {
    if (recall === undefined) continue;
    cards += 1;
    sum += recall;
  }
  return { cards, sum };
}

/** The queue `prep quiz` would build now over the chosen cards (today's answers of every card count against the limits). */
function quizQueue({ folded, now, settings }: AggregateInput, cardIds: string[]): Queue {
  const limits = { newPerDay: settings.newPerDay, reviewsPerDay: settings.reviewsPerDay, extraNew: 0 };
  return quizToday(cardIds, folded, limits, settings.dayStartsAt, now).queue;
}
