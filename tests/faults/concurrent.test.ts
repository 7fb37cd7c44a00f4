// Two or three `prep quiz` at once on the same data, each a separate process in its own
// pseudo-terminal, grading at the same moments: no event lost or duplicated, the log clean, the
// fold consistent, and the next start clean.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Rating } from '../../src/schedule/state.js';
import { foldLog } from '../../src/store/fold.js';
import { readLog, reviewLogPath } from '../../src/store/log.js';
import { shellQuote } from '../e2e/tmux.js';
import { runPrep } from '../helpers/io.js';
import { testdir } from '../helpers/testdir.js';
import { Pty } from './pty.js';
import { bin, deck, expectRebuildsAgree, expectSaneState, prng, questions, root } from './support.js';

const now = '2026-03-02T09:00:00+08:00';
const ZONE = 'Asia/Shanghai';

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'cli.js'))) {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit', timeout: 120_000 });
  }
}, 130_000);

const ptys: Pty[] = [];
afterEach(() => {
  for (const pty of ptys.splice(0)) pty.kill();
});

interface Session {
  name: string;
  pty: Pty;
  /** Screens seen so far: a new screen is one drawn after this many clears. */
  seen: number;
  /** Grades acknowledged by the next screen, as `question rating`. */
  graded: string[];
}

function start(name: string, home: string, notes: string, query: string[] = []): Session {
  const command = `exec node ${shellQuote(bin)} --content ${shellQuote(notes)} quiz ${query.map(shellQuote).join(' ')}`;
  const pty = new Pty(command, { PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm', PREP_HOME: home, PREP_NOW: now, PREP_FUZZ: '0', TZ: ZONE, NODE_OPTIONS: '' });
  ptys.push(pty);
  return { name, pty, seen: 0, graded: [] };
}

const ready = (screen: string): boolean => /Space show answer|1 Again \S+|Enter show it now/u.test(screen);

/** Waits for the next screen with a prompt up; fails if prep ended. */
async function nextScreen(session: Session): Promise<string> {
  const { pty } = session;
  await pty.until(() => pty.exit !== undefined || (pty.screens > session.seen && ready(pty.screen)), `${session.name}: the next screen`);
  if (pty.exit !== undefined) throw new Error(`${session.name} ended early (${JSON.stringify(pty.exit)}):\n${pty.output}`);
  session.seen = pty.screens;
  return pty.screen;
}

/** Presses keys until the answer side of a card is up (revealing it, or showing a waiting card now). */
async function toAnswer(session: Session): Promise<string> {
  for (let screen = session.pty.screen; ; screen = await nextScreen(session)) {
    if (/1 Again \S+/u.test(screen)) return screen;
    session.pty.type(screen.includes('Enter show it now') ? '\r' : ' ');
  }
}

/**
 * Grades `rounds` cards in every session with `ratings` (at random), all at the same moment each
 * round (each session on its answer screen first), then quits them; each session keeps its
 * acknowledged grades.
 */
async function gradeTogether(sessions: Session[], rounds: number, seed: number, ratings: readonly Rating[] = [1, 2, 3, 4]): Promise<void> {
  const random = prng(seed);
  await Promise.all(sessions.map((session) => nextScreen(session)));
  for (let round = 0; round < rounds; round++) {
    const screens = await Promise.all(sessions.map((session) => toAnswer(session)));
    const grades = sessions.map(() => ratings[Math.floor(random() * ratings.length)] as Rating);
    sessions.forEach((session, index) => session.pty.type(String(grades[index])));
    await Promise.all(
      sessions.map(async (session, index) => {
        await nextScreen(session);
        const question = questions.find((candidate) => screens[index]?.includes(candidate));
        session.graded.push(`${question ?? '?'} ${grades[index] ?? '?'}`);
      }),
    );
  }
  for (const session of sessions) session.pty.type('q');
  const exits = await Promise.all(sessions.map((session) => session.pty.ended()));
  sessions.forEach((session, index) => {
    expect(exits[index]?.code, session.pty.output).toBe(0);
    expect(session.pty.output).toContain(`Done: ${rounds} answer`);
  });
}

/** The log after the sessions: whole, every acknowledged grade once, in each session's order; the next start clean. */
async function expectLogHolds(home: string, notes: string, sessions: Session[]): Promise<void> {
  const { events, warnings } = readLog(home);
  expect(warnings).toEqual([]);
  const text = readFileSync(reviewLogPath(home), 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  const lines = text.split('\n').filter((line) => line !== '');
  expect(new Set(lines).size).toBe(lines.length);
  expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
  expect(events).toHaveLength(sessions.reduce((sum, session) => sum + session.graded.length, 0));

  const ids = new Map((JSON.parse((await runPrep(['--content', notes, 'show', '--json'], { PREP_HOME: home })).stdout) as { id: string; question: string }[]).map((card) => [card.id, card.question]));
  const logged = events.map((event) => `${ids.get(event.card) ?? event.card} ${event.type === 'review' ? event.rating : event.type}`);
  // Each session's grades appear in its order; together they are all the log holds.
  const remaining = [...logged];
  for (const session of sessions) {
    let from = 0;
    for (const grade of session.graded) {
      const at = remaining.indexOf(grade, from);
      expect(at, `${session.name}'s "${grade}" is in the log after its earlier grades: ${JSON.stringify(logged)}`).toBeGreaterThanOrEqual(0);
      remaining[at] = '';
      from = at + 1;
    }
  }
  expect(remaining.filter((entry) => entry !== '')).toEqual([]);

  expectRebuildsAgree(events);
  const folded = foldLog(events);
  for (const [card, state] of folded.states) {
    expectSaneState(state, card);
    const last = events.filter((event) => event.type === 'review' && event.card === card).at(-1);
    expect(last?.type === 'review' ? last.state : undefined).toEqual(state);
  }
  const due = await runPrep(['--content', notes, 'due', '--json'], { PREP_HOME: home, PREP_NOW: '2026-03-03T09:00:00+08:00', PREP_FUZZ: '0' });
  expect(due).toMatchObject({ code: 0, stderr: '' });
  expect(() => JSON.parse(due.stdout) as unknown).not.toThrow();
}

describe('several prep quiz at once on the same data', () => {
  it('three sessions grading the same cards at the same moments lose and duplicate nothing', async () => {
    const root = testdir({ 'notes/faults.md': deck, 'home/': '' });
    const home = join(root, 'home');
    const notes = join(root, 'notes');
    const sessions = ['one', 'two', 'three'].map((name) => start(name, home, notes));
    await gradeTogether(sessions, 8, 7);
    // They all began with the same card: the same cards were graded in every session.
    expect(new Set(sessions.map((session) => session.graded[0]?.split(' ').slice(0, 3).join(' ')))).toEqual(new Set([questions[0]]));
    await expectLogHolds(home, notes, sessions);
  }, 60_000);

  it('two sessions on different cards, through learning steps shown early, lose and duplicate nothing', async () => {
    const root = testdir({ 'notes/faults.md': deck, 'home/': '' });
    const home = join(root, 'home');
    const notes = join(root, 'notes');
    const sessions = [start('alpha', home, notes, ['alpha']), start('bravo', home, notes, ['bravo'])];
    // Again and Hard only: the one card stays in learning, shown again at once from the waiting screen.
    await gradeTogether(sessions, 6, 11, [1, 2]);
    expect(sessions[0]?.graded.every((grade) => grade.startsWith(questions[0]))).toBe(true);
    expect(sessions[1]?.graded.every((grade) => grade.startsWith(questions[1]))).toBe(true);
    await expectLogHolds(home, notes, sessions);
  }, 60_000);
});
