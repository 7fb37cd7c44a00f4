/**
 * What `prep stats --json` prints (a **contract**: scripts read it; add fields, never rename).
 *
 * Conventions: days are the user's days, which start at `dayStartsAt` local time, written
 * `YYYY-MM-DD`; shares and probabilities are fractions from 0 to 1 rounded to four decimals,
 * `null` when there is nothing to divide; instants are ISO-8601 local times with their UTC
 * offset; "reviews" are effective reviews (an undone answer does not count; cram practice
 * does not count). When a query or deck narrows the cards, every figure is about the chosen
 * cards, except `collection.orphans`, which is about the whole notes.
 */
export interface Stats {
  /** When the figures were computed (the command's clock), e.g. `2026-11-24T09:30:00.000+08:00`. */
  generatedAt: string;
  /** The user-day `generatedAt` falls in. */
  day: string;
  /** The local hour the user's day starts at (a setting). */
  dayStartsAt: number;
  today: TodayStats;
  streak: StreakStats;
  collection: CollectionStats;
  memory: MemoryStats;
  /** One entry per deck › section, weakest first (see {@link TopicStats}). */
  topics: TopicStats[];
  /** Cards due on each of the next 30 user-days, today first. */
  forecast: ForecastDay[];
  /** Reviews per user-day from the Monday 25 weeks before this week's Monday through today, oldest first. */
  calendar: CalendarDay[];
  /** Cards with 8 or more lapses, most lapses first. */
  leeches: Leech[];
}

/** Today's work, agreeing with the queue `prep quiz` builds. */
export interface TodayStats {
  /** Reviews answered today. */
  reviewed: number;
  /** Time spent answering them, in milliseconds. */
  timeMs: number;
  /** How many of them were graded Again. */
  again: number;
  /** `again / reviewed`; `null` before the first review of the day. */
  againRate: number | null;
  /** Cards `prep quiz` would show now: (re)learning steps already due and the day's reviews (within the daily limit). */
  dueNow: number;
  /** (Re)learning steps that fall due later today. */
  dueLaterToday: number;
  /** New cards still allowed today by the daily limit. */
  newLeft: number;
  /** The next time a card falls due after now (a step later today, or a card on a later day); `null` when none. */
  nextDue: string | null;
}

/** Runs of consecutive user-days with at least one review. */
export interface StreakStats {
  /** Days in the run that ends today, or yesterday while today has no review yet; 0 when neither has one. */
  current: number;
  /** The longest run ever. */
  longest: number;
  /** Whether today already has a review. */
  reviewedToday: boolean;
}

/** The cards by phase. */
export interface CollectionStats {
  /** Cards in the notes (chosen by the query or deck, if any). */
  total: number;
  /** Never answered. */
  new: number;
  /** In their first learning steps. */
  learning: number;
  /** On day intervals: `young + mature`. */
  review: number;
  /** Review cards whose interval is under 21 days. */
  young: number;
  /** Review cards whose interval is 21 days or more. */
  mature: number;
  /** Lapsed, in relearning steps. */
  relearning: number;
  /** Cards with review history but no card in the notes any more (history kept, never deleted). */
  orphans: number;
  /** Their card ids, sorted. */
  orphanIds: string[];
}

/** How well the cards are remembered. */
export interface MemoryStats {
  /** Mean FSRS probability of recall now over cards answered at least once; `null` when none. */
  averageRecall: number | null;
  /** How many cards `averageRecall` is over. */
  recallCards: number;
  /** The retention the scheduler aims for (a setting). */
  desiredRetention: number;
  /** True retention over the last 7, 30 and 365 user-days (today included), in that order. */
  trueRetention: RetentionPeriod[];
}

/**
 * True retention, as Anki's table: among reviews of cards in the review phase, the share graded
 * Hard, Good or Easy. Young and mature go by the interval before the review (under 21 days young).
 */
export interface RetentionPeriod {
  /** The period's length in user-days, today included. */
  days: number;
  young: RetentionTally;
  mature: RetentionTally;
  /** Young and mature together. */
  total: RetentionTally;
}

/** Passed and failed reviews, and the share passed. */
export interface RetentionTally {
  /** Graded Hard, Good or Easy. */
  passed: number;
  /** Graded Again (a lapse). */
  failed: number;
  /** `passed / (passed + failed)`; `null` when there were no such reviews. */
  rate: number | null;
}

/** The cards of one deck › section (the section a card is directly in; none for cards at the top of a deck). */
export interface TopicStats {
  deck: string;
  /** Section titles, outermost first; empty for cards at the top of the deck. */
  path: string[];
  cards: number;
  /** Cards answered at least once (any phase but new). */
  learned: number;
  /** `learned / cards`. */
  learnedShare: number;
  /** Mean probability of recall now over the learned cards; `null` when none is learned. */
  averageRecall: number | null;
  /** Lapses of all its cards together. */
  lapses: number;
  /** Cards due today (before the next day start), overdue ones included. */
  due: number;
}

/** One day of the forecast. */
export interface ForecastDay {
  date: string;
  /** Cards due that day; today's count includes overdue cards and learning steps due later today. */
  due: number;
}

/** One day of the calendar. */
export interface CalendarDay {
  date: string;
  reviews: number;
}

/** A card that keeps being forgotten: rewrite or split it. */
export interface Leech {
  id: string;
  deck: string;
  path: string[];
  question: string;
  lapses: number;
}
