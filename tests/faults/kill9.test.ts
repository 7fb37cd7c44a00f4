// Kill -9 at random moments of `prep quiz` in a real pseudo-terminal (util-linux `script`), then
// check that every answer whose next card appeared is in the log, nothing is duplicated, the next
// start is clean and the derived state is a rebuild from the log. PREP_FAULT_SEED=<n> replays the
// key sequences of a failed run (the timings differ); PREP_FAULT_TRIALS=<n> runs more or fewer.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Rating } from '../../src/schedule/state.js';
import type { LogEvent } from '../../src/store/events.js';
import { readLog, reviewLogPath } from '../../src/store/log.js';
import { shellQuote } from '../e2e/tmux.js';
import { runPrep } from '../helpers/io.js';
import { testdir } from '../helpers/testdir.js';
import { Pty } from './pty.js';
import { bin, deck, expectRebuildsAgree, expectReplayMatches, expectSaneState, pickWeighted, prng, questions, randInt, root, runBin } from './support.js';

const ZONE = 'Asia/Shanghai';
const TRIALS = Number.parseInt(process.env.PREP_FAULT_TRIALS ?? '', 10) || 52;
const LANES = 3;
const SEED = Number.parseInt(process.env.PREP_FAULT_SEED ?? '', 10) || 1 + Math.floor(Math.random() * 2 ** 31);

type ScreenKind = 'question' | 'answer' | 'wait';

/** What a screen asks for, once its prompt is up; undefined while it is still being drawn. */
function classify(screen: string): ScreenKind | undefined {
  if (screen.includes('Enter show it now')) return 'wait';
  if (/1 Again \S+\s+2 Hard/u.test(screen)) return 'answer';
  if (screen.includes('Space show answer')) return 'question';
  return undefined;
}

/** The question of the card on screen. */
function questionOn(screen: string): string | undefined {
  return questions.find((question) => screen.includes(question));
}

/** An event a keypress must append: a review with its rating, a skip or an undo, of a card. */
interface Expected {
  type: 'review' | 'skip' | 'undo' | 'practice';
  rating?: Rating;
  /** The card's question; for an undo, the question of the card whose review it takes back. */
  question: string;
}

/** Keys as typed into the terminal. */
const SPACE = ' ';
const ENTER = '\r';
type Key = typeof SPACE | typeof ENTER | '1' | '2' | '3' | '4' | 's' | 'u';

/** The event a key appends on a screen, if any (`undoable`: this session's grades not undone, by question). */
function effect(key: Key, kind: ScreenKind, question: string | undefined, undoable: readonly string[]): Expected | undefined {
  switch (key) {
    case '1':
    case '2':
    case '3':
    case '4':
      return kind === 'answer' && question !== undefined ? { type: 'review', rating: Number(key) as Rating, question } : undefined;
    case 's':
      return kind !== 'wait' && question !== undefined ? { type: 'skip', question } : undefined;
    case 'u': {
      const last = undoable.at(-1);
      return last === undefined ? undefined : { type: 'undo', question: last };
    }
    default:
      return undefined;
  }
}

function chooseKey(random: () => number, kind: ScreenKind): Key {
  switch (kind) {
    case 'question':
      return pickWeighted<Key>(random, [[SPACE, 84], ['s', 6], ['u', 10]]);
    case 'answer':
      return pickWeighted<Key>(random, [['1', 18], ['2', 14], ['3', 40], ['4', 16], ['u', 7], ['s', 5]]);
    case 'wait':
      return pickWeighted<Key>(random, [[ENTER, 80], ['u', 20]]);
  }
}

/** A logged event in the terms of {@link Expected}. */
function describeEvent(event: LogEvent, questionOf: ReadonlyMap<string, string>, reviews: ReadonlyMap<string, LogEvent>): Expected {
  if (event.type === 'undo') {
    const undone = reviews.get(event.undoes);
    return { type: 'undo', question: questionOf.get(undone?.card ?? '') ?? `an unknown review ${event.undoes}` };
  }
  const question = questionOf.get(event.card) ?? event.card;
  return event.type === 'review' ? { type: 'review', rating: event.rating, question } : { type: event.type, question };
}

/** The pid the wrapper shell wrote (node's, as the shell then execs it), polled for briefly. */
async function readPid(file: string, pty: Pty, label: string): Promise<number> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const text = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
    if (/^\d+$/u.test(text)) return Number(text);
    if (pty.exit !== undefined || Date.now() > deadline) throw new Error(`${label}: prep never started; the terminal shows:\n${pty.output}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const ptys = new Set<Pty>();

afterEach(() => {
  for (const pty of ptys) pty.kill();
  ptys.clear();
});

// The trials' own checks (prep due in-process, the replay) run in the zone the sessions ran in.
let savedZone: string | undefined;

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'cli.js'))) {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit', timeout: 120_000 });
  }
  savedZone = process.env.TZ;
  process.env.TZ = ZONE;
}, 130_000);

afterAll(() => {
  if (savedZone === undefined) delete process.env.TZ;
  else process.env.TZ = savedZone;
});

interface Totals {
  sessions: number;
  acknowledged: number;
  killedAtStart: number;
  killedAfterKey: number;
}

/**
 * One trial: one to three `prep quiz` sessions on a fresh data directory, each killed with
 * SIGKILL at a random moment; after each kill the log and the next start are checked.
 */
async function trial(index: number, dir: string, notes: string, ids: ReadonlyMap<string, string>, totals: Totals): Promise<void> {
  const trialSeed = (SEED ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  const random = prng(trialSeed);
  const label = `trial ${index} (PREP_FAULT_SEED=${SEED}, trial seed ${trialSeed})`;
  const home = join(dir, `t${index}`, 'home');
  mkdirSync(home, { recursive: true });
  const questionOf = new Map([...ids].map(([question, id]) => [id, question]));
  let now = Date.parse('2026-03-02T09:00:00+08:00') + randInt(random, 0, 23) * 3_600_000;
  const sessions = pickWeighted(random, [[1, 70], [2, 25], [3, 5]]);

  for (let session = 0; session < sessions; session++) {
    const where = `${label} session ${session}`;
    const pidFile = join(dir, `t${index}`, `s${session}.pid`);
    const logBefore = readLog(home).events;
    const command = `echo $$ > ${shellQuote(pidFile)}; exec node ${shellQuote(bin)} --content ${shellQuote(notes)} quiz`;
    const pty = new Pty(`sh -c ${shellQuote(command)}`, {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      TERM: 'xterm-256color',
      PREP_HOME: home,
      PREP_NOW: new Date(now).toISOString(),
      PREP_FUZZ: '0',
      TZ: ZONE,
      NODE_OPTIONS: '',
    });
    ptys.add(pty);
    totals.sessions++;
    const pid = await readPid(pidFile, pty, where);

    const acknowledged: Expected[] = [];
    let pending: Expected | undefined;
    const undoable: string[] = [];
    if (random() < 0.08) {
      // During start-up: loading the notes, writing the parse cache, the first screen.
      await new Promise((resolve) => setTimeout(resolve, randInt(random, 0, 700)));
      totals.killedAtStart++;
    } else {
      let seen = 0;
      const settle = async (what: string): Promise<ScreenKind | undefined> => {
        await pty.until(() => pty.exit !== undefined || (pty.screens > seen && classify(pty.screen) !== undefined), `${where}: ${what}`);
        seen = pty.screens;
        return pty.exit === undefined ? classify(pty.screen) : undefined;
      };
      let kind = await settle('the first card');
      const presses = randInt(random, 0, 9);
      const lastKeyUnwaited = random() < 0.5;
      for (let press = 0; kind !== undefined && press < presses + (lastKeyUnwaited ? 1 : 0); press++) {
        const key = chooseKey(random, kind);
        const expected = effect(key, kind, questionOn(pty.screen), undoable);
        pty.type(key);
        if (press === presses) {
          // Kill right after the key, or a few milliseconds later, without waiting for the screen.
          pending = expected;
          totals.killedAfterKey++;
          const delay = randInt(random, -10, 25);
          if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
          break;
        }
        kind = await settle(`the screen after key ${JSON.stringify(key)} (press ${press})`);
        if (expected?.type === 'undo' && pty.screen.includes('Nothing to undo')) {
          throw new Error(`${where}: undo said there was nothing to undo, but this session graded ${undoable.join(', ')}`);
        }
        if (expected !== undefined) {
          acknowledged.push(expected);
          if (expected.type === 'review') undoable.push(expected.question);
          if (expected.type === 'undo') undoable.pop();
        }
      }
    }
    totals.acknowledged += acknowledged.length;

    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // prep had already finished (nothing left to ask today): its exit is checked below.
    }
    const exit = await pty.ended();
    ptys.delete(pty);
    expect([137, 0], `${where}: exit status; the terminal shows:\n${pty.output}`).toContain(exit.code);
    expect(pty.output, `${where}: no stack trace`).not.toMatch(/\n\s+at .*:\d+:\d+/u);

    // The log: clean (at most a torn last line), nothing duplicated, every acknowledged answer, in order.
    const log = readLog(home);
    const torn = log.warnings.filter((warning) => /cut short/u.test(warning.message));
    expect(log.warnings.length - torn.length, `${where}: log warnings ${JSON.stringify(log.warnings)}`).toBe(0);
    expect(torn.length, `${where}: torn lines`).toBeLessThanOrEqual(1);
    const text = existsSync(reviewLogPath(home)) ? readFileSync(reviewLogPath(home), 'utf8') : '';
    const lines = text.split('\n').filter((line) => line !== '');
    expect(new Set(lines).size, `${where}: duplicated lines`).toBe(lines.length);
    expect(log.events.slice(0, logBefore.length), `${where}: earlier sessions' events kept`).toEqual(logBefore);
    const reviews = new Map(log.events.filter((event) => event.type === 'review').map((event) => [event.id, event]));
    const got = log.events.slice(logBefore.length).map((event) => describeEvent(event, questionOf, reviews));
    const allowed = pending === undefined ? [acknowledged] : [acknowledged, [...acknowledged, pending]];
    expect(allowed, `${where}: the new events ${JSON.stringify(got)} are those acknowledged on screen (pending ${JSON.stringify(pending)})`).toContainEqual(got);

    // The derived state is a rebuild from the log.
    expectRebuildsAgree(log.events, where);
    expectReplayMatches(log.events, ZONE, where);
    for (const event of log.events) if (event.type === 'review') expectSaneState(event.state, `${where} ${event.id}`);

    // The next start is clean.
    now += random() < 0.25 ? 86_400_000 : randInt(random, 1, 90) * 60_000;
    const due = await runPrep(['--content', notes, 'due', '--json'], { PREP_HOME: home, PREP_NOW: new Date(now).toISOString(), PREP_FUZZ: '0' });
    expect(due.code, `${where}: prep due --json: ${due.stderr}`).toBe(0);
    expect(due.stderr.split('\n').filter((line) => line !== '' && !/cut short/u.test(line)), `${where}: prep due's warnings`).toEqual([]);
    const { counts } = JSON.parse(due.stdout) as { counts: { learning: number; review: number; new: number } };
    expect(counts.learning + counts.review + counts.new, `${where}: due counts`).toBeLessThanOrEqual(questions.length);
    if (index % 4 === 0 && session === sessions - 1) {
      // Now and then the built prep too, as a new process: the same answer.
      const child = await runBin(['--content', notes, 'due', '--json'], { PREP_HOME: home, PREP_NOW: new Date(now).toISOString(), PREP_FUZZ: '0', TZ: ZONE });
      expect(child.code, `${where}: bin/prep.js due --json: ${child.stderr}`).toBe(0);
      expect(JSON.parse(child.stdout)).toEqual(JSON.parse(due.stdout));
    }
  }
}

describe('kill -9 during prep quiz, in a real pseudo-terminal', () => {
  it(`loses no answer whose next card appeared (${TRIALS} trials)`, async () => {
    console.log(`kill -9 trials: PREP_FAULT_SEED=${SEED}`);
    const base = testdir({ 'notes/faults.md': deck, 'home/': '' });
    const notes = join(base, 'notes');
    const shown = await runPrep(['--content', notes, 'show', '--json'], { PREP_HOME: join(base, 'home') });
    const ids = new Map((JSON.parse(shown.stdout) as { id: string; question: string }[]).map((card) => [card.question, card.id]));
    expect([...ids.keys()]).toEqual([...questions]);

    const started = Date.now();
    const totals: Totals = { sessions: 0, acknowledged: 0, killedAtStart: 0, killedAfterKey: 0 };
    let next = 0;
    let failed = false;
    await Promise.all(
      Array.from({ length: LANES }, async () => {
        for (let index = next++; index < TRIALS && !failed; index = next++) {
          await trial(index, base, notes, ids, totals).catch((error: unknown) => {
            failed = true;
            throw error;
          });
        }
      }),
    );
    console.log(
      `kill -9 trials: ${TRIALS} trials, ${totals.sessions} sessions killed (${totals.killedAtStart} during start-up, ` +
        `${totals.killedAfterKey} right after a key), ${totals.acknowledged} acknowledged events checked, ` +
        `in ${((Date.now() - started) / 1000).toFixed(1)} s (PREP_FAULT_SEED=${SEED})`,
    );
    expect(totals.sessions).toBeGreaterThanOrEqual(TRIALS);
    expect(totals.acknowledged).toBeGreaterThan(TRIALS);
  }, 240_000);
});
