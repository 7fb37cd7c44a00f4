import { PrepError } from '../errors.js';
import type { Card } from '../notes/card.js';
import type { QuizPrompts } from '../prompts.js';
import { pickNext, type NextStep } from '../schedule/queue.js';
import type { Scheduler } from '../schedule/scheduler.js';
import type { Rating } from '../schedule/state.js';
import { newEventId, type LogEvent } from '../store/events.js';
import { applyEvent, type Folded } from '../store/fold.js';
import { today, type DailyLimits, type Today } from './today.js';
import type { QuizScreens } from './screen.js';

/** Everything a quiz session talks to; the command wires the real ones, tests script them. */
export interface SessionDeps {
  prompts: QuizPrompts;
  screens: QuizScreens;
  /** Shows a screen (the terminal: clears it first). */
  display(text: string): void;
  /** The session's clock. */
  clock(): Date;
  /** Appends an event to the review log, durably, before the next card is shown. */
  append(event: LogEvent): void;
  /** Opens the card's note in the editor at its line; resolves when the editor exits. */
  edit(card: Card): Promise<void>;
  /** Loads the notes again (after an edit) and returns the session's cards. */
  reload(): Card[];
}

/** What the session drills and under which rules. */
export interface SessionPlan {
  cards: Card[];
  folded: Folded;
  scheduler: Scheduler;
  limits: DailyLimits;
  dayStartsAt: number;
  /** Stop after this many answers. */
  maxAnswers?: number;
}

/** What a session did: its answers still in effect (undone ones taken out). */
export interface SessionResult {
  /** Answers given, learning steps included. */
  answered: number;
  /** Distinct cards answered. */
  cards: number;
  again: number;
  ms: number;
  /** True when the user quit before today's queue was empty. */
  quit: boolean;
}

type Outcome = 'next' | 'quit';

/** Only a learning card due within this is waited for; a later one ends the session. */
const WAIT_AT_MOST_MS = 20 * 60_000;

/**
 * Runs a quiz session: asks the next card of today's queue, reveals it, takes a grade and
 * appends it to the log before anything else is shown. `u` undoes this session's last grade
 * (the card comes back with exactly its state before), `s` skips a card until tomorrow,
 * `e` edits its note and shows it again, `q` (or Ctrl+C/Ctrl+D) quits keeping every grade.
 */
export async function runSession(plan: SessionPlan, deps: SessionDeps): Promise<SessionResult> {
  const session = new Session(plan, deps);
  return session.run();
}

class Session {
  private cards: Map<string, Card>;
  private order: string[];
  private readonly graded: string[] = [];
  private forced: string | undefined;
  private notice = '';

  constructor(
    private readonly plan: SessionPlan,
    private readonly deps: SessionDeps,
  ) {
    this.cards = new Map(plan.cards.map((card) => [card.id, card]));
    this.order = plan.cards.map((card) => card.id);
  }

  async run(): Promise<SessionResult> {
    let quit = false;
    while (!this.limitReached()) {
      const now = this.deps.clock();
      const state = today(this.order, this.plan.folded, this.plan.limits, this.plan.dayStartsAt, now);
      const step = this.nextStep(state, now);
      if (step.kind === 'done' || (step.kind === 'wait' && step.until.getTime() - now.getTime() > WAIT_AT_MOST_MS)) break;
      const outcome = step.kind === 'wait' ? await this.waitFor(step, state) : await this.ask(step.id, state);
      if (outcome === 'quit') {
        quit = true;
        break;
      }
    }
    return { ...this.totals(), quit };
  }

  private limitReached(): boolean {
    return this.plan.maxAnswers !== undefined && this.totals().answered >= this.plan.maxAnswers;
  }

  private nextStep(state: Today, now: Date): NextStep {
    const forced = this.forced;
    this.forced = undefined;
    if (forced !== undefined && this.cards.has(forced)) return { kind: 'card', id: forced, source: 'learning' };
    return pickNext(state.queue, now);
  }

  private async waitFor(step: { id: string; until: Date }, state: Today): Promise<Outcome> {
    const counts = this.deps.screens.counts(state, this.totals().answered);
    this.deps.display(`${counts}\n\n${this.deps.screens.waiting(step.until, this.deps.clock())}${this.takeNotice()}`);
    const action = await this.deps.prompts.wait(this.deps.screens.waitHint(), step.until, () => this.deps.clock());
    if (action === 'quit') return 'quit';
    if (action === 'now') this.forced = step.id;
    // The last grade was just given when the wait appears: `u` must work here too.
    if (action === 'undo') this.undo(undefined);
    return 'next';
  }

  private async ask(id: string, state: Today): Promise<Outcome> {
    const card = this.cards.get(id) as Card;
    const shownAt = this.deps.clock();
    const header = `${this.deps.screens.counts(state, this.totals().answered)}\n\n${this.deps.screens.card(card)}`;
    this.deps.display(`${header}${this.takeNotice()}`);
    const onQuestion = await this.deps.prompts.question(this.deps.screens.questionHint());
    if (onQuestion !== 'reveal') return this.act(onQuestion, card);
    const before = this.plan.folded.states.get(card.id);
    const preview = this.plan.scheduler.preview(before, this.deps.clock());
    this.deps.display(`${header}\n\n${this.deps.screens.answer(card)}`);
    const onAnswer = await this.deps.prompts.answer(this.deps.screens.gradeHint(preview));
    if (typeof onAnswer !== 'number') return this.act(onAnswer, card);
    this.grade(card, onAnswer, shownAt);
    return 'next';
  }

  private grade(card: Card, rating: Rating, shownAt: Date): void {
    const at = this.deps.clock();
    const before = this.plan.folded.states.get(card.id);
    const event: LogEvent = {
      type: 'review',
      id: newEventId(at),
      card: card.id,
      at,
      rating,
      ms: Math.max(0, at.getTime() - shownAt.getTime()),
      phaseBefore: before?.phase ?? 'new',
      state: this.plan.scheduler.grade(before, rating, at),
    };
    this.record(event);
    this.graded.push(event.id);
  }

  private async act(action: 'skip' | 'edit' | 'undo' | 'quit', card: Card): Promise<Outcome> {
    switch (action) {
      case 'quit':
        return 'quit';
      case 'skip':
        this.record({ type: 'skip', id: newEventId(this.deps.clock()), card: card.id, at: this.deps.clock() });
        return 'next';
      case 'undo':
        this.undo(card);
        return 'next';
      case 'edit':
        await this.edit(card);
        return 'next';
    }
  }

  /** Takes back this session's last grade; `current` (the card on screen, if any) stays when there is none. */
  private undo(current: Card | undefined): void {
    const last = this.graded.pop();
    const review = last === undefined ? undefined : this.plan.folded.reviews.get(last);
    if (!review) {
      this.notice = this.deps.screens.nothingToUndo();
      this.forced = current?.id;
      return;
    }
    const at = this.deps.clock();
    this.record({ type: 'undo', id: newEventId(at), card: review.card, at, undoes: review.id });
    this.forced = review.card;
  }

  private async edit(card: Card): Promise<void> {
    try {
      await this.deps.edit(card);
    } catch (error) {
      // An editor that cannot start must not end the session: say why and show the card again.
      if (!(error instanceof PrepError)) throw error;
      this.notice = this.deps.screens.warning(error.message);
      this.forced = card.id;
      return;
    }
    const fresh = this.deps.reload();
    this.cards = new Map(fresh.map((other) => [other.id, other]));
    this.order = fresh.map((other) => other.id);
    const same = this.cards.get(card.id) ?? nearestInFile(fresh, card);
    this.forced = same?.id;
  }

  private record(event: LogEvent): void {
    this.deps.append(event);
    applyEvent(this.plan.folded, event);
  }

  private takeNotice(): string {
    const notice = this.notice;
    this.notice = '';
    return notice === '' ? '' : `\n\n${notice}`;
  }

  private totals(): Omit<SessionResult, 'quit'> {
    let answered = 0;
    let again = 0;
    let ms = 0;
    const cards = new Set<string>();
    for (const id of this.graded) {
      const review = this.plan.folded.reviews.get(id);
      if (!review) continue;
      answered++;
      cards.add(review.card);
      if (review.rating === 1) again++;
      ms += review.ms;
    }
    return { answered, cards: cards.size, again, ms };
  }
}

/** After an edit that changed a question (and so its id), the card now nearest its old heading. */
function nearestInFile(cards: Card[], old: Card): Card | undefined {
  const sameFile = cards.filter((card) => card.source.file === old.source.file);
  return sameFile.sort((a, b) => Math.abs(a.source.line - old.source.line) - Math.abs(b.source.line - old.source.line))[0];
}
