import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type Io } from '../../src/cli.js';
import { run as runQuiz, type QuizOptions } from '../../src/commands/quiz.js';
import { parseEvent, type LogEvent } from '../../src/store/events.js';
import { terminalContext } from '../helpers/context.js';
import { captureOutput, runPrep } from '../helpers/io.js';
import { testdir } from '../helpers/testdir.js';
import { describeInZone, zones, type Zone } from '../schedule/zones.js';
import { revealAndGrade, scriptedPrompts, type Step } from './script.js';

const CLEAR_SCREEN = '\u001b[H\u001b[2J';

const deck = `# Networking

## Alpha?
- The first answer.

## Beta?
- The second answer.

## Gamma?
- The third answer.

## Delta?
- The fourth answer.
`;

/** January offsets of the zones under test, to write local wall times. */
const offsets: Record<Zone, string> = { UTC: '+00:00', 'Asia/Shanghai': '+08:00', 'America/New_York': '-05:00' };

interface Place {
  home: string;
  notes: string;
}

function place(): Place {
  const root = testdir({ 'notes/net.md': deck, 'home/': '' });
  return { home: join(root, 'home'), notes: join(root, 'notes') };
}

/** Runs `prep --content <notes> …args` in-process at `now`, stdin not a terminal. */
function prep(where: Place, now: string, ...args: string[]): ReturnType<typeof runPrep> {
  return runPrep(['--content', where.notes, ...args], { PREP_HOME: where.home, PREP_NOW: now, PREP_FUZZ: '0' });
}

interface QuizRun {
  code: number;
  stdout: string;
  /** The screens shown, one per clear. */
  screens: string[];
  stepsLeft: number;
}

/** `prep quiz` through the command layer with scripted keypresses, at `now`. */
async function quiz(where: Place, now: string, steps: Step[], options: Partial<QuizOptions> = {}): Promise<QuizRun> {
  const ctx = terminalContext(where, now);
  const { stdout, stderr } = ctx;
  const screens = (): string[] => stdout.text.split(CLEAR_SCREEN).slice(1);
  const prompts = scriptedPrompts(steps, () => screens().at(-1) ?? '');
  const code = await runQuiz({ query: [], cram: false, ...options }, ctx, prompts);
  expect(stderr.text).toBe('');
  return { code, stdout: stdout.text, screens: screens(), stepsLeft: prompts.left };
}

function logOf(where: Place): LogEvent[] {
  return readFileSync(join(where.home, 'reviews.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const event = parseEvent(line);
      if (typeof event === 'string') throw new Error(event);
      return event;
    });
}

interface DueJson {
  counts: { learning: number; review: number; new: number };
  heldBack: { new: number; review: number };
  nextDue: string | null;
  cards: { kind: string; due: string | null; question: string }[];
}

async function due(where: Place, now: string): Promise<DueJson> {
  const run = await prep(where, now, 'due', '--json');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as DueJson;
}

const kinds = (json: DueJson): string[] => json.cards.map((card) => `${card.kind} ${card.question}`);

describe('prep quiz without a terminal', () => {
  it('exits 2 with a message naming prep show and prep due when stdin is not a terminal', async () => {
    const where = place();
    const run = await prep(where, '2025-01-15T09:00:00Z', 'quiz');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^prep: prep quiz needs a terminal/u);
    expect(run.stderr).toContain('prep show');
    expect(run.stderr).toContain('prep due');
    expect(run.stderr).not.toMatch(/\n\s+at /u);
    expect(run.stdout).toBe('');
  });

  it('exits 2 when stdin is a terminal but stdout is piped', async () => {
    const where = place();
    const stdout = captureOutput(false);
    const stderr = captureOutput(false);
    const io: Io = { stdout, stderr, env: { PREP_HOME: where.home }, cwd: where.notes, colorSupported: async () => false, stdinIsTTY: true };
    expect(await runCli(['--content', where.notes, 'quiz'], io)).toBe(2);
    expect(stderr.text).toContain('`prep show');
    expect(stderr.text).toContain('`prep due`');
    expect(stdout.text).toBe('');
  });
});

for (const zone of zones) {
  describeInZone(zone, () => {
    const local = (wall: string): string => `${wall}${offsets[zone]}`;

    it('logs a scripted session, and prep due --json gives the counts and the quiz order', async () => {
      const where = place();
      const first = await quiz(where, local('2025-01-15T09:00:00'), [
        ...revealAndGrade('Alpha?', 3),
        ...revealAndGrade('Beta?', 4),
        ...revealAndGrade('Gamma?', 1),
        { on: 'question', shows: 'Delta?', do: 'quit' },
      ]);
      expect(first.code).toBe(0);
      expect(first.stepsLeft).toBe(0);
      expect(first.screens[0]).toContain('learning 0 · review 0 · new 4   done 0');
      const summary = first.screens.at(-1) ?? '';
      expect(summary).toMatch(/^Done: 3 answers on 3 cards in \d+s, again 1 \(33%\)\.$/mu);
      expect(summary).toContain('Left today: learning 2 · review 0 · new 1.');
      expect(summary).toContain('Next card due now.');

      const log = logOf(where);
      expect(log.map((event) => [event.type, event.type === 'review' ? event.rating : 0, event.type === 'review' ? event.state.phase : ''])).toEqual([
        ['review', 3, 'learning'],
        ['review', 4, 'review'],
        ['review', 1, 'learning'],
      ]);
      for (const event of log) expect(event.at.getTime() - new Date(local('2025-01-15T09:00:00')).getTime()).toBeLessThan(5000);

      const sameMinute = await due(where, local('2025-01-15T09:00:30'));
      expect(sameMinute.counts).toEqual({ learning: 2, review: 0, new: 1 });
      expect(sameMinute.heldBack).toEqual({ new: 0, review: 0 });
      expect(kinds(sameMinute)).toEqual(['new Delta?', 'learning Gamma?', 'learning Alpha?']);
      expect(sameMinute.nextDue).toMatch(new RegExp(`^2025-01-15T09:01:00\\.\\d{3}${offsets[zone].replace('+', '\\+')}$`, 'u'));

      const twoMinutesOn = await due(where, local('2025-01-15T09:02:00'));
      expect(kinds(twoMinutesOn)).toEqual(['learning Gamma?', 'new Delta?', 'learning Alpha?']);
    });

    it('a second run the same day shows the right counts and starts with the learning card due first', async () => {
      const where = place();
      await quiz(where, local('2025-01-15T09:00:00'), [
        ...revealAndGrade('Alpha?', 3),
        ...revealAndGrade('Beta?', 4),
        ...revealAndGrade('Gamma?', 1),
        { on: 'question', do: 'quit' },
      ]);
      const second = await quiz(where, local('2025-01-15T09:30:00'), [{ on: 'question', shows: 'Gamma?', do: 'quit' }]);
      expect(second.screens[0]).toContain('learning 2 · review 0 · new 1   done 0');
      expect(second.screens.at(-1)).toContain('Done: 0 answers on 0 cards in 0s, again 0 (0%).');
      expect(second.screens.at(-1)).toContain('Left today: learning 2 · review 0 · new 1.');
    });

    it('the reviews fall due the next day, from the 04:00 day start, not before', async () => {
      const where = place();
      await quiz(where, local('2025-01-15T09:00:00'), [
        ...revealAndGrade('Alpha?', 3),
        ...revealAndGrade('Beta?', 4),
        ...revealAndGrade('Gamma?', 1),
        { on: 'question', do: 'quit' },
      ]);
      // Two minutes later Gamma's 1m step is due: Easy makes it a review due in a day.
      const second = await quiz(where, local('2025-01-15T09:02:00'), [...revealAndGrade('Gamma?', 4), { on: 'question', shows: 'Delta?', do: 'quit' }]);
      expect(second.stepsLeft).toBe(0);
      const gamma = logOf(where).at(-1);
      expect(gamma).toMatchObject({ type: 'review', card: expect.any(String), rating: 4, phaseBefore: 'learning' });
      expect(gamma?.type === 'review' ? gamma.state.scheduledDays : undefined).toBe(1);

      const lateNight = await due(where, local('2025-01-16T03:59:00'));
      expect(lateNight.counts).toEqual({ learning: 1, review: 0, new: 1 });
      const nextMorning = await due(where, local('2025-01-16T04:00:00'));
      expect(nextMorning.counts).toEqual({ learning: 1, review: 1, new: 1 });
      const dayLater = await due(where, local('2025-01-16T09:00:00'));
      expect(kinds(dayLater)).toEqual(['learning Alpha?', 'review Gamma?', 'new Delta?']);
      const dueGamma = dayLater.cards.find((card) => card.question === 'Gamma?');
      expect(dueGamma?.due).toMatch(new RegExp(`^2025-01-16T09:02:00\\.\\d{3}${offsets[zone].replace('+', '\\+')}$`, 'u'));

      const third = await quiz(where, local('2025-01-16T09:00:00'), [{ on: 'question', shows: 'Alpha?', do: 'quit' }]);
      expect(third.screens[0]).toContain('learning 1 · review 1 · new 1   done 0');
    });

    it('nothing due: says when the next card is, how many new cards the limit holds back, and --new', async () => {
      const where = place();
      expect((await prep(where, local('2025-01-15T08:00:00'), 'config', 'set', 'newPerDay', '2')).code).toBe(0);
      const first = await quiz(where, local('2025-01-15T09:00:00'), [...revealAndGrade('Alpha?', 4), ...revealAndGrade('Beta?', 4)]);
      expect(first.stepsLeft).toBe(0);
      expect(first.screens.at(-1)).toContain('Left today: learning 0 · review 0 · new 0 (2 new held back by the daily limit).');

      const again = await prep(where, local('2025-01-15T10:00:00'), 'quiz');
      expect(again.code).toBe(2);
      const nothing = await quiz(where, local('2025-01-15T10:00:00'), []);
      expect(nothing.code).toBe(0);
      expect(nothing.stdout).toBe(
        [
          'Nothing is due now.',
          'Next card due in 8d (Thu 23 Jan, from 04:00).',
          "2 new cards wait behind today's limit of 2: `prep quiz --new 10` learns 10 more today.",
          'To practise a topic without changing its schedule: `prep quiz --cram <topic>`.',
          '',
        ].join('\n'),
      );
      // Still the same user-day just before 04:00; a new day (and new cards) from 04:00.
      const lateNight = await quiz(where, local('2025-01-16T03:59:00'), []);
      expect(lateNight.stdout).toContain('Nothing is due now.');
      expect((await due(where, local('2025-01-16T03:59:00'))).heldBack.new).toBe(2);
      expect((await due(where, local('2025-01-16T04:00:00'))).counts.new).toBe(2);

      const more = await quiz(where, local('2025-01-15T10:00:00'), [...revealAndGrade('Gamma?', 4), { on: 'question', shows: 'Delta?', do: 'quit' }], { extraNew: 5 });
      expect(more.screens[0]).toContain('learning 0 · review 0 · new 2   done 0');
    });

    it('--cram logs practice only and changes no schedule', async () => {
      const where = place();
      await quiz(where, local('2025-01-15T09:00:00'), [...revealAndGrade('Alpha?', 4), { on: 'question', do: 'quit' }]);
      const before = await due(where, local('2025-01-15T10:00:00'));
      const cram = await quiz(
        where,
        local('2025-01-15T10:00:00'),
        [...revealAndGrade('Alpha?', 1), ...revealAndGrade('Beta?', 3), { on: 'question', shows: 'Gamma?', do: 'quit' }],
        { cram: true },
      );
      expect(cram.screens.at(-1)).toBe('Practice: 2 answers, again 1; no schedule changed.\n');
      expect(logOf(where).map((event) => event.type)).toEqual(['review', 'practice', 'practice']);
      expect(await due(where, local('2025-01-15T10:00:00'))).toEqual(before);
    });
  });
}
