import { expect, it } from 'vitest';
import { PrepError } from '../../src/errors.js';
import type { Card } from '../../src/notes/card.js';
import type { QuizPrompts } from '../../src/prompts.js';
import { runCram } from '../../src/quiz/cram.js';
import { quizScreens } from '../../src/quiz/screen.js';
import { runSession, type SessionDeps, type SessionPlan, type SessionResult } from '../../src/quiz/session.js';
import { today, type DailyLimits } from '../../src/quiz/today.js';
import { createScheduler } from '../../src/schedule/scheduler.js';
import type { CardState, Rating } from '../../src/schedule/state.js';
import type { LogEvent, ReviewEvent } from '../../src/store/events.js';
import { foldLog } from '../../src/store/fold.js';
import { describeInZone, zones, type Zone } from '../schedule/zones.js';
import { revealAndGrade, scriptedPrompts, type ScriptedPrompts, type Step } from './script.js';

const minute = 60_000;
const day = 86_400_000;
/** Every prompt takes the user this long (so `ms` and times are predictable). */
const tick = 4000;
const dayStartsAt = 4;

/** January offsets of the zones under test, to write local wall times. */
const offsets: Record<Zone, string> = { UTC: '+00:00', 'Asia/Shanghai': '+08:00', 'America/New_York': '-05:00' };

function card(id: string, question: string, line: number, file = '/notes/deck.md'): Card {
  return { id, deck: 'deck', path: ['Basics'], question, answer: `The answer to ${question}`, source: { file, line } };
}

const alpha = card('a', 'Alpha?', 3);
const beta = card('b', 'Beta?', 8);
const gamma = card('c', 'Gamma?', 13);
const three = [alpha, beta, gamma];

const scheduler = createScheduler({ fuzz: false, dayStartsAt });

/** A review event as a previous session would have logged it. */
function pastReview(id: string, cardId: string, at: Date, rating: Rating, before?: CardState): ReviewEvent {
  return { type: 'review', id, card: cardId, at, rating, ms: 3000, phaseBefore: before?.phase ?? 'new', state: scheduler.grade(before, rating, at) };
}

interface Setup {
  zone: Zone;
  cards?: Card[];
  steps: Step[] | ((clock: Clock) => Step[]);
  prior?: LogEvent[];
  limits?: Partial<DailyLimits>;
  /** Local wall time the session starts at (default 09:00 on 2025-01-15). */
  start?: string;
  maxAnswers?: number;
  reload?: () => Card[];
}

interface Clock {
  now(): Date;
  advance(ms: number): void;
}

interface Harness {
  plan: SessionPlan;
  deps: SessionDeps;
  prompts: ScriptedPrompts;
  clock: Clock;
  start: Date;
  /** What deps.append received, in order. */
  events: LogEvent[];
  /** Ids of the cards asked, one per question screen. */
  asked: string[];
  /** Every screen displayed. */
  screens: string[];
  /** append and display calls in order: `append review a`, `display`. */
  timeline: string[];
  edited: Card[];
  reloads: number;
  run(): Promise<SessionResult>;
  cram(): Promise<SessionResult>;
}

function setup(options: Setup): Harness {
  const start = new Date(`${options.start ?? '2025-01-15T09:00:00'}${offsets[options.zone]}`);
  let now = start.getTime();
  const clock: Clock = {
    now: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
  };
  const cards = options.cards ?? three;
  const prior = options.prior ?? [];
  const screensShown: string[] = [];
  const scripted = scriptedPrompts(typeof options.steps === 'function' ? options.steps(clock) : options.steps, () => screensShown.at(-1) ?? '');
  const ticking: QuizPrompts = {
    question: (hint) => {
      clock.advance(tick);
      return scripted.question(hint);
    },
    answer: (hint) => {
      clock.advance(tick);
      return scripted.answer(hint);
    },
    wait: (hint, until, current) => {
      clock.advance(tick);
      return scripted.wait(hint, until, current);
    },
  };
  const real = quizScreens({ width: 80, color: false });
  const harness: Harness = {
    plan: {
      cards,
      folded: foldLog(prior),
      scheduler,
      limits: { newPerDay: 20, reviewsPerDay: 200, extraNew: 0, ...options.limits },
      dayStartsAt,
      ...(options.maxAnswers !== undefined ? { maxAnswers: options.maxAnswers } : {}),
    },
    deps: {
      prompts: ticking,
      screens: {
        ...real,
        card: (shown) => {
          harness.asked.push(shown.id);
          return real.card(shown);
        },
      },
      display: (text) => {
        screensShown.push(text);
        harness.timeline.push('display');
      },
      clock: clock.now,
      append: (event) => {
        harness.events.push(event);
        harness.timeline.push(`append ${event.type} ${event.card}`);
      },
      edit: async (edited) => {
        harness.edited.push(edited);
      },
      reload: () => {
        harness.reloads++;
        return options.reload ? options.reload() : cards;
      },
    },
    prompts: scripted,
    clock,
    start,
    events: [],
    asked: [],
    screens: screensShown,
    timeline: [],
    edited: [],
    reloads: 0,
    run: async () => {
      const result = await runSession(harness.plan, harness.deps);
      expect(scripted.left, 'steps left in the script').toBe(0);
      // The state the session worked with is exactly what the log gives when folded again.
      expect(foldLog([...prior, ...harness.events])).toEqual(harness.plan.folded);
      return result;
    },
    cram: async () => {
      const result = await runCram(cards, harness.deps);
      expect(scripted.left, 'steps left in the script').toBe(0);
      return result;
    },
  };
  return harness;
}

const reviews = (events: LogEvent[]): ReviewEvent[] => events.filter((event): event is ReviewEvent => event.type === 'review');
const after = (date: Date, ms: number): Date => new Date(date.getTime() + ms);

for (const zone of zones) {
  describeInZone(zone, () => {
    it('first session: three new cards graded Good become learning cards due in 10 minutes', async () => {
      const h = setup({ zone, steps: [...revealAndGrade('Alpha?', 3), ...revealAndGrade('Beta?', 3), ...revealAndGrade('Gamma?', 3), { on: 'wait', do: 'quit' }] });
      const result = await h.run();

      expect(h.asked).toEqual(['a', 'b', 'c']);
      const logged = reviews(h.events);
      expect(h.events).toHaveLength(3);
      expect(logged.map((event) => [event.card, event.rating, event.phaseBefore, event.ms])).toEqual([
        ['a', 3, 'new', 2 * tick],
        ['b', 3, 'new', 2 * tick],
        ['c', 3, 'new', 2 * tick],
      ]);
      logged.forEach((event, index) => {
        expect(event.at).toEqual(after(h.start, (index + 1) * 2 * tick));
        expect(event.state).toMatchObject({ phase: 'learning', learningSteps: 1, reps: 1, lapses: 0, scheduledDays: 0 });
        expect(event.state.due).toEqual(after(event.at, 10 * minute));
        expect(event.state.lastReview).toEqual(event.at);
      });
      expect(result).toEqual({ answered: 3, cards: 3, again: 0, ms: 6 * tick, quit: true });
    });

    it('shows the counts, the question, then the answer and the grades with their intervals', async () => {
      const h = setup({ zone, steps: [...revealAndGrade('Alpha?', 3), { on: 'question', shows: 'Beta?', do: 'quit' }] });
      await h.run();
      const [question, answer, next] = h.screens;
      expect(question).toContain('learning 0 · review 0 · new 3   done 0');
      expect(question).toContain('deck › Basics');
      expect(question).toContain('Alpha?');
      expect(question).not.toContain('The answer to Alpha?');
      expect(answer).toContain('The answer to Alpha?');
      expect(next).toContain('learning 1 · review 0 · new 2   done 1');
      const [questionAsked, answerAsked] = h.prompts.asked;
      expect(questionAsked?.hint).toContain('Space show answer');
      expect(answerAsked?.hint).toBe('1 Again 1m  2 Hard 6m  3 Good 10m  4 Easy 8d   s skip · e edit · u undo · q quit');
    });

    it('appends each grade before the next card is displayed', async () => {
      const h = setup({ zone, steps: [...revealAndGrade('Alpha?', 3), ...revealAndGrade('Beta?', 1), { on: 'question', do: 'quit' }] });
      await h.run();
      expect(h.timeline).toEqual(['display', 'display', 'append review a', 'display', 'display', 'append review b', 'display']);
    });

    it('learning cards come back when their step is due: a wait when only they remain, then asked again', async () => {
      const h = setup({
        zone,
        steps: (clock) => [
          ...revealAndGrade('Alpha?', 3),
          ...revealAndGrade('Beta?', 3),
          ...revealAndGrade('Gamma?', 1),
          { on: 'wait', shows: 'The next one is due in 1m', do: 'ready', before: () => clock.advance(minute) },
          ...revealAndGrade('Gamma?', 3),
          { on: 'wait', shows: 'Only cards in learning are left today', do: 'ready', before: () => clock.advance(10 * minute) },
          ...revealAndGrade('Alpha?', 3),
          ...revealAndGrade('Beta?', 3),
          ...revealAndGrade('Gamma?', 3),
        ],
      });
      const result = await h.run();

      expect(h.asked).toEqual(['a', 'b', 'c', 'c', 'a', 'b', 'c']);
      const waits = h.prompts.asked.filter((asked) => asked.on === 'wait');
      const [, , again] = reviews(h.events);
      expect(waits[0]?.until).toEqual(again?.state.due);
      expect(again?.state.due).toEqual(after(again?.at ?? h.start, minute));
      const [first] = reviews(h.events);
      expect(waits[1]?.until).toEqual(first?.state.due);
      expect(waits[1]?.hint).toContain('Enter');
      const last = reviews(h.events).slice(-3);
      expect(last.map((event) => [event.card, event.phaseBefore, event.state.phase])).toEqual([
        ['a', 'learning', 'review'],
        ['b', 'learning', 'review'],
        ['c', 'learning', 'review'],
      ]);
      expect(last.map((event) => event.state.scheduledDays)).toEqual([2, 2, 1]);
      expect(result).toEqual({ answered: 7, cards: 3, again: 1, ms: 14 * tick, quit: false });
    });

    it('"show it now" at the wait asks the waiting card early', async () => {
      const h = setup({
        zone,
        cards: [alpha, beta],
        steps: [...revealAndGrade('Alpha?', 3), ...revealAndGrade('Beta?', 3), { on: 'wait', do: 'now' }, ...revealAndGrade('Alpha?', 3), { on: 'wait', do: 'quit' }],
      });
      const result = await h.run();
      expect(h.asked).toEqual(['a', 'b', 'a']);
      const [first, , early] = reviews(h.events);
      expect(early?.at.getTime()).toBeLessThan(first?.state.due.getTime() ?? 0);
      expect(early?.phaseBefore).toBe('learning');
      expect(result.quit).toBe(true);
    });

    it('undo: logs an undo naming the review, asks the card again, and its state is gone (new again)', async () => {
      let stateAfterUndo: CardState | undefined | 'unset' = 'unset';
      const h = setup({
        zone,
        steps: [
          ...revealAndGrade('Alpha?', 3),
          { on: 'question', shows: 'Beta?', do: 'undo' },
          { on: 'question', shows: 'Alpha?', do: 'reveal', before: () => (stateAfterUndo = h.plan.folded.states.get('a')) },
          { on: 'answer', do: 4 },
          { on: 'question', shows: 'Beta?', do: 'quit' },
        ],
      });
      const result = await h.run();

      expect(h.asked).toEqual(['a', 'b', 'a', 'b']);
      const [graded, undone, regraded] = h.events;
      expect(undone).toEqual({ type: 'undo', id: expect.any(String), card: 'a', at: after(h.start, 3 * tick), undoes: graded?.id });
      expect(stateAfterUndo).toBeUndefined();
      expect(regraded).toMatchObject({ type: 'review', card: 'a', rating: 4, phaseBefore: 'new' });
      expect(h.plan.folded.states.get('a')?.phase).toBe('review');
      expect(result).toEqual({ answered: 1, cards: 1, again: 0, ms: 2 * tick, quit: true });
    });

    it('undo brings back the undone card next, even when another card has fallen due meanwhile', async () => {
      const h = setup({
        zone,
        steps: [
          ...revealAndGrade('Alpha?', 1),
          { on: 'question', shows: 'Beta?', do: 'reveal' },
          { on: 'answer', do: 3, before: () => h.clock.advance(2 * minute) },
          { on: 'question', shows: 'Alpha?', do: 'undo' },
          { on: 'question', shows: 'Beta?', do: 'quit' },
        ],
      });
      await h.run();
      expect(h.asked).toEqual(['a', 'b', 'a', 'b']);
      expect(h.events.map((event) => [event.type, event.card])).toEqual([
        ['review', 'a'],
        ['review', 'b'],
        ['undo', 'b'],
      ]);
    });

    it('undo at the wait takes back the grade just given; with none, the wait says so', async () => {
      const h = setup({
        zone,
        cards: [alpha, beta],
        steps: [
          ...revealAndGrade('Alpha?', 3),
          ...revealAndGrade('Beta?', 3),
          { on: 'wait', shows: 'learning 2 · review 0 · new 0   done 2', do: 'undo' },
          { on: 'question', shows: 'learning 1 · review 0 · new 1   done 1', do: 'quit' },
        ],
      });
      await h.run();
      expect(h.asked).toEqual(['a', 'b', 'b']);
      expect(h.prompts.asked[4]?.hint).toContain('u undo');
      expect(h.events.map((event) => [event.type, event.card])).toEqual([
        ['review', 'a'],
        ['review', 'b'],
        ['undo', 'b'],
      ]);

      const start = new Date(`2025-01-15T09:00:00${offsets[zone]}`);
      const learning = pastReview('p1', 'a', after(start, -5 * minute), 3);
      const none = setup({
        zone,
        cards: [alpha],
        prior: [learning],
        steps: [
          { on: 'wait', shows: 'Only cards in learning are left today', do: 'undo' },
          { on: 'wait', shows: 'Nothing to undo in this session.', do: 'quit' },
        ],
      });
      expect(await none.run()).toEqual({ answered: 0, cards: 0, again: 0, ms: 0, quit: true });
      expect(none.events).toEqual([]);
    });

    it('undo restores exactly the state a review card had before the grade', async () => {
      const start = new Date(`2025-01-15T09:00:00${offsets[zone]}`);
      const learnt = pastReview('p1', 'a', after(start, -9 * day), 4);
      const before = structuredClone(learnt.state);
      expect(before.phase).toBe('review');
      // Alpha is due (a review); grade it Again, then undo from Beta's answer side.
      const h = setup({
        zone,
        prior: [learnt],
        steps: [
          ...revealAndGrade('Alpha?', 1),
          { on: 'question', shows: 'Beta?', do: 'reveal' },
          { on: 'answer', do: 'undo' },
          { on: 'question', shows: 'review 1', do: 'quit' },
        ],
      });
      await h.run();
      expect(h.asked).toEqual(['a', 'b', 'a']);
      const [lapse, undo] = h.events;
      expect(lapse).toMatchObject({ type: 'review', card: 'a', rating: 1, phaseBefore: 'review' });
      expect((lapse as ReviewEvent).state.phase).toBe('relearning');
      expect(undo).toMatchObject({ type: 'undo', card: 'a', undoes: lapse?.id });
      expect(h.plan.folded.states.get('a')).toEqual(before);
      expect(foldLog([learnt, ...h.events]).states.get('a')).toEqual(before);
    });

    it('undo twice in a row takes back the last two grades, newest first; a third has nothing to undo', async () => {
      const h = setup({
        zone,
        steps: [
          ...revealAndGrade('Alpha?', 3),
          ...revealAndGrade('Beta?', 2),
          { on: 'question', shows: 'Gamma?', do: 'undo' },
          { on: 'question', shows: 'Beta?', do: 'undo' },
          { on: 'question', shows: 'Alpha?', do: 'undo' },
          { on: 'question', shows: 'Nothing to undo in this session.', do: 'quit' },
        ],
      });
      const result = await h.run();
      expect(h.asked).toEqual(['a', 'b', 'c', 'b', 'a', 'a']);
      const [ra, rb, u1, u2] = h.events;
      expect(h.events.map((event) => [event.type, event.card])).toEqual([
        ['review', 'a'],
        ['review', 'b'],
        ['undo', 'b'],
        ['undo', 'a'],
      ]);
      expect(u1).toMatchObject({ undoes: rb?.id });
      expect(u2).toMatchObject({ undoes: ra?.id });
      expect(h.plan.folded.states.size).toBe(0);
      expect(h.screens.at(-1)).toContain('Alpha?');
      expect(result).toEqual({ answered: 0, cards: 0, again: 0, ms: 0, quit: true });
    });

    it('"nothing to undo" before any grade: no event, the same card again, the notice shown once', async () => {
      const h = setup({
        zone,
        steps: [
          { on: 'question', shows: 'Alpha?', do: 'undo' },
          { on: 'question', shows: 'Nothing to undo in this session.', do: 'reveal' },
          { on: 'answer', shows: 'The answer to Alpha?', do: 3 },
          { on: 'question', shows: 'Beta?', do: 'quit' },
        ],
      });
      await h.run();
      expect(h.asked).toEqual(['a', 'a', 'b']);
      expect(h.events.map((event) => event.type)).toEqual(['review']);
      expect(h.screens[1]).toContain('Nothing to undo in this session.');
      expect(h.screens.slice(2).some((screen) => screen.includes('Nothing to undo'))).toBe(false);
    });

    it('skip (question or answer side): a skip event, and the card is not asked again today', async () => {
      const h = setup({
        zone,
        steps: [
          { on: 'question', shows: 'Alpha?', do: 'skip' },
          { on: 'question', shows: 'Beta?', do: 'reveal' },
          { on: 'answer', do: 'skip' },
          ...revealAndGrade('Gamma?', 3),
          { on: 'wait', do: 'ready', before: () => h.clock.advance(10 * minute) },
          ...revealAndGrade('Gamma?', 3),
        ],
      });
      const result = await h.run();
      expect(h.asked).toEqual(['a', 'b', 'c', 'c']);
      expect(h.events.map((event) => [event.type, event.card])).toEqual([
        ['skip', 'a'],
        ['skip', 'b'],
        ['review', 'c'],
        ['review', 'c'],
      ]);
      expect(h.events[0]?.at).toEqual(after(h.start, tick));
      expect(result.quit).toBe(false);
      const later = today(['a', 'b', 'c'], h.plan.folded, h.plan.limits, dayStartsAt, after(h.clock.now(), 2 * 3_600_000));
      expect(later.queue.new).toEqual([]);
      expect(later.counts.skipped).toEqual(new Set(['a', 'b']));
    });

    it('edit: opens the card, reloads the notes, and asks the same card again with its new text', async () => {
      const edited = { ...alpha, answer: 'A fresh answer, written in the editor.' };
      const h = setup({
        zone,
        reload: () => [edited, beta, gamma],
        steps: [
          { on: 'question', shows: 'Alpha?', do: 'edit' },
          { on: 'question', shows: 'Alpha?', do: 'reveal' },
          { on: 'answer', shows: 'A fresh answer, written in the editor.', do: 'edit' },
          { on: 'question', shows: 'Alpha?', do: 'reveal' },
          { on: 'answer', do: 3 },
          { on: 'question', shows: 'Beta?', do: 'quit' },
        ],
      });
      await h.run();
      expect(h.edited).toEqual([alpha, edited]);
      expect(h.reloads).toBe(2);
      expect(h.asked).toEqual(['a', 'a', 'a', 'b']);
      expect(h.events.map((event) => [event.type, event.card])).toEqual([['review', 'a']]);
    });

    it('edit that changes the question (and so the id): asks the nearest card in the same file', async () => {
      const elsewhere = card('x', 'Elsewhere?', 3, '/notes/other.md');
      const renamed = card('a2', 'Alpha, renamed?', 4);
      const h = setup({
        zone,
        cards: [elsewhere, alpha, beta],
        reload: () => [elsewhere, renamed, beta],
        steps: [
          { on: 'question', shows: 'Elsewhere?', do: 'skip' },
          { on: 'question', shows: 'Alpha?', do: 'edit' },
          { on: 'question', shows: 'Alpha, renamed?', do: 'reveal' },
          { on: 'answer', do: 3 },
          { on: 'question', shows: 'Beta?', do: 'quit' },
        ],
      });
      await h.run();
      expect(h.asked).toEqual(['x', 'a', 'a2', 'b']);
      expect(h.events.map((event) => [event.type, event.card])).toEqual([
        ['skip', 'x'],
        ['review', 'a2'],
      ]);
    });

    it('an editor that cannot start does not end the session: the message, then the same card', async () => {
      const h = setup({
        zone,
        steps: [
          { on: 'question', shows: 'Alpha?', do: 'edit' },
          { on: 'question', shows: 'cannot start the editor "nope": ENOENT', do: 'reveal' },
          { on: 'answer', shows: 'The answer to Alpha?', do: 3 },
          { on: 'question', shows: 'Beta?', do: 'quit' },
        ],
      });
      h.deps.edit = async () => {
        throw new PrepError('cannot start the editor "nope": ENOENT');
      };
      await h.run();
      expect(h.asked).toEqual(['a', 'a', 'b']);
      expect(h.reloads).toBe(0);
      expect(h.events.map((event) => [event.type, event.card])).toEqual([['review', 'a']]);
      const cram = setup({
        zone,
        steps: [
          { on: 'question', shows: 'Alpha?', do: 'edit' },
          { on: 'question', shows: 'cannot start the editor', do: 'quit' },
        ],
      });
      cram.deps.edit = h.deps.edit;
      expect(await cram.cram()).toEqual({ answered: 0, cards: 0, again: 0, ms: 0, quit: true });
    });

    it('quit mid-card keeps the grades given', async () => {
      const h = setup({ zone, steps: [...revealAndGrade('Alpha?', 1), { on: 'question', shows: 'Beta?', do: 'reveal' }, { on: 'answer', do: 'quit' }] });
      const result = await h.run();
      expect(h.events.map((event) => [event.type, event.card])).toEqual([['review', 'a']]);
      expect(h.plan.folded.states.get('a')?.phase).toBe('learning');
      expect(result).toEqual({ answered: 1, cards: 1, again: 1, ms: 2 * tick, quit: true });
    });

    it('maxAnswers ends the session after that many grades, not as a quit', async () => {
      const h = setup({ zone, maxAnswers: 2, steps: [...revealAndGrade('Alpha?', 3), ...revealAndGrade('Beta?', 3)] });
      const result = await h.run();
      expect(h.asked).toEqual(['a', 'b']);
      expect(result).toEqual({ answered: 2, cards: 2, again: 0, ms: 4 * tick, quit: false });
    });

    const earlier = (wall: string, cardId: string): ReviewEvent => pastReview(`p-${cardId}`, cardId, new Date(`${wall}${offsets[zone]}`), 4);

    it('daily new limit counts cards answered today in earlier sessions (after the 04:00 day start)', async () => {
      const cards = [card('p', 'Previous one?', 1), card('q', 'Previous two?', 2), alpha, beta];
      const prior = [earlier('2025-01-15T04:30:00', 'p'), earlier('2025-01-15T08:00:00', 'q')];
      const h = setup({ zone, cards, prior, limits: { newPerDay: 2 }, steps: [] });
      const result = await h.run();
      expect(h.asked).toEqual([]);
      expect(result).toEqual({ answered: 0, cards: 0, again: 0, ms: 0, quit: false });
      const queue = today(cards.map((c) => c.id), h.plan.folded, h.plan.limits, dayStartsAt, h.start).queue;
      expect(queue.heldBackNew).toBe(2);

      const more = setup({ zone, cards, prior, limits: { newPerDay: 2, extraNew: 1 }, steps: revealAndGrade('Alpha?', 4) });
      await more.run();
      expect(more.asked).toEqual(['a']);
    });

    it('answers before the 04:00 day start belong to yesterday and do not count today', async () => {
      const cards = [card('p', 'Previous one?', 1), card('q', 'Previous two?', 2), alpha, beta];
      const prior = [earlier('2025-01-15T03:30:00', 'p'), earlier('2025-01-14T23:00:00', 'q')];
      const h = setup({ zone, cards, prior, limits: { newPerDay: 2 }, steps: [...revealAndGrade('Alpha?', 4), ...revealAndGrade('Beta?', 4)] });
      await h.run();
      expect(h.asked).toEqual(['a', 'b']);
      // At 03:59 the next morning it is still the same user-day: the limit is used up.
      const lateNight = new Date(`2025-01-16T03:59:00${offsets[zone]}`);
      const stillToday = today(['c'], h.plan.folded, h.plan.limits, dayStartsAt, lateNight);
      expect(stillToday.counts.newDone).toBe(2);
      expect(stillToday.queue.new).toEqual([]);
      const nextDay = today(['c'], h.plan.folded, h.plan.limits, dayStartsAt, new Date(`2025-01-16T04:00:00${offsets[zone]}`));
      expect(nextDay.counts.newDone).toBe(0);
      expect(nextDay.queue.new).toEqual(['c']);
    });

    it('daily review limit counts reviews answered today in earlier sessions', async () => {
      const cards = [card('r1', 'Review one?', 1), card('r2', 'Review two?', 2)];
      const learnt = [earlier('2025-01-05T09:00:00', 'r1'), earlier('2025-01-05T09:00:00', 'r2')];
      const [first] = learnt as [ReviewEvent, ReviewEvent];
      const reviewedToday = pastReview('p-again', 'r1', new Date(`2025-01-15T05:00:00${offsets[zone]}`), 3, first.state);
      expect(reviewedToday.phaseBefore).toBe('review');
      const h = setup({ zone, cards, prior: [...learnt, reviewedToday], limits: { reviewsPerDay: 1 }, steps: [] });
      await h.run();
      expect(h.asked).toEqual([]);
      const open = setup({ zone, cards, prior: [...learnt, reviewedToday], limits: { reviewsPerDay: 2 }, steps: revealAndGrade('Review two?', 3) });
      await open.run();
      expect(open.asked).toEqual(['r2']);
    });

    it('cram: practice events only, no state changes, and a card answered Again comes back at the end', async () => {
      const start = new Date(`2025-01-15T09:00:00${offsets[zone]}`);
      const learnt = pastReview('p1', 'b', after(start, -2 * day), 4);
      const h = setup({
        zone,
        prior: [learnt],
        steps: [
          ...revealAndGrade('Alpha?', 1),
          ...revealAndGrade('Beta?', 3),
          { on: 'question', shows: 'Gamma?', do: 'skip' },
          { on: 'question', shows: 'Alpha?', do: 'reveal' },
          { on: 'answer', do: 4 },
        ],
      });
      const result = await h.cram();
      expect(h.asked).toEqual(['a', 'b', 'c', 'a']);
      expect(h.events.map((event) => [event.type, event.card, event.type === 'practice' ? event.rating : undefined])).toEqual([
        ['practice', 'a', 1],
        ['practice', 'b', 3],
        ['practice', 'a', 4],
      ]);
      expect(h.screens[0]).toContain('practice · 3 left · done 0 · schedules unchanged');
      expect(h.prompts.asked[1]?.hint).toBe('1 Again  2 Hard  3 Good  4 Easy   s skip · e edit · u undo · q quit');
      expect(foldLog([learnt, ...h.events]).states).toEqual(foldLog([learnt]).states);
      expect(result).toEqual({ answered: 3, cards: 2, again: 1, ms: 6 * tick, quit: false });
    });
  });
}
