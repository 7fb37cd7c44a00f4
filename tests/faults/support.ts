import { spawn } from 'node:child_process';
import { chmodSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { CommandContext } from '../../src/commands/context.js';
import { run as runQuiz } from '../../src/commands/quiz.js';
import { createScheduler } from '../../src/schedule/scheduler.js';
import { loadSettings } from '../../src/store/settings.js';
import type { CardState } from '../../src/schedule/state.js';
import { parseEvent, serializeEvent, type LogEvent } from '../../src/store/events.js';
import { applyEvent, foldLog, type Folded } from '../../src/store/fold.js';
import { captureOutput } from '../helpers/io.js';
import { testdir, type TestFiles } from '../helpers/testdir.js';
import { scriptedPrompts, type Step } from '../quiz/script.js';

const CLEAR_SCREEN = '\u001b[H\u001b[2J';

/** The project root, and the built CLI that `npm test` builds before running vitest. */
export const root = fileURLToPath(new URL('../..', import.meta.url));
export const bin = join(root, 'bin', 'prep.js');

/** A deck of six cards whose questions are told apart by one word each. */
export const questions = ['What is alpha?', 'What is bravo?', 'What is charlie?', 'What is delta?', 'What is echo?', 'What is foxtrot?'] as const;

export const deck = `# Faults\n\n${questions.map((question, index) => `## ${question}\n- Answer number ${index + 1}.\n`).join('\n')}`;

/** A small fast PRNG (mulberry32): the same seed gives the same trials. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A whole number in [min, max]. */
export function randInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** One of the items, by weight. */
export function pickWeighted<T>(random: () => number, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let left = random() * total;
  for (const [item, weight] of items) {
    left -= weight;
    if (left < 0) return item;
  }
  return (items.at(-1) as readonly [T, number])[0];
}

/** Runs `body` with `process.env.TZ = zone` (Node re-reads TZ on assignment), then restores it. */
export function inZone<T>(zone: string, body: () => T): T {
  const saved = process.env.TZ;
  process.env.TZ = zone;
  try {
    return body();
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}

/** {@link inZone} for an async body: the zone stays set until it settles (tests in a file run one at a time). */
export async function inZoneAsync<T>(zone: string, body: () => Promise<T>): Promise<T> {
  const saved = process.env.TZ;
  process.env.TZ = zone;
  try {
    return await body();
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}

/** What a child `prep` printed and how it ended. */
export interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The user a test runs prep as when it needs permissions to bite: `nobody` when running as root. */
export const unprivileged: { uid: number; gid: number } | undefined = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;

/**
 * Runs the built `prep` in a child process (stdin closed) with exactly `env` plus PATH, as
 * {@link unprivileged} when `asUser` is set and the tests run as root.
 */
export function runBin(args: string[], env: Record<string, string>, options: { asUser?: boolean; cwd?: string; timeoutMs?: number } = {}): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const user = options.asUser === true ? unprivileged : undefined;
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: options.cwd ?? root,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', NODE_OPTIONS: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 20_000,
      ...(user ?? {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/**
 * A test directory another user can traverse and read (mkdtemp makes it 0700): for runs as
 * {@link unprivileged}. Files are made readable by all, folders 0755.
 */
export function sharedTestdir(files: TestFiles = {}): string {
  const dir = testdir(files);
  const open = (path: string): void => {
    const stat = statSync(path);
    chmodSync(path, stat.isDirectory() ? 0o755 : 0o644);
    if (stat.isDirectory()) for (const name of readdirSync(path)) open(join(path, name));
  };
  open(dir);
  return dir;
}

/** A fold without its shared-object identity, for comparing two folds with toEqual. */
function comparable(folded: Folded): unknown {
  return JSON.parse(JSON.stringify({ ...folded, states: [...folded.states], history: [...folded.history], reviews: [...folded.reviews] })) as unknown;
}

/**
 * Checks that the state derived from a log equals a rebuild: folding it twice, folding each prefix
 * and applying the rest, and folding its lines serialised and parsed again all agree.
 */
export function expectRebuildsAgree(events: readonly LogEvent[], label = ''): void {
  const whole = comparable(foldLog(events));
  expect(comparable(foldLog(events)), label).toEqual(whole);
  const reparsed = events.map((event) => parseEvent(serializeEvent(event)));
  expect(reparsed, label).toEqual(events);
  const cuts = new Set([0, Math.floor(events.length / 3), Math.floor(events.length / 2), events.length]);
  for (const cut of cuts) {
    const incremental = foldLog(events.slice(0, cut));
    for (const event of events.slice(cut)) applyEvent(incremental, event);
    expect(comparable(incremental), `${label} (cut at ${cut})`).toEqual(whole);
  }
}

/**
 * Replays the log through the scheduler (default settings, fuzz off, in the time zone the log
 * was written in): every review's stored state must be what grading the card's folded state at
 * its time gives. So the state on disk is exactly what a rebuild from the answers gives.
 */
export function expectReplayMatches(events: readonly LogEvent[], zone: string, label = ''): void {
  inZone(zone, () => {
    const scheduler = createScheduler({ fuzz: false });
    const folded = foldLog([]);
    for (const event of events) {
      if (event.type === 'review') {
        const expected: CardState = scheduler.grade(folded.states.get(event.card), event.rating, event.at);
        expect(event.state, `${label} replaying ${event.id}`).toEqual(expected);
        expect(event.phaseBefore, `${label} phaseBefore of ${event.id}`).toBe(folded.states.get(event.card)?.phase ?? 'new');
      }
      applyEvent(folded, event);
    }
  });
}

/** No interval in a state goes negative, and nothing is due before it was last reviewed. */
export function expectSaneState(state: CardState, label = ''): void {
  expect(state.elapsedDays, `${label} elapsedDays`).toBeGreaterThanOrEqual(0);
  expect(state.scheduledDays, `${label} scheduledDays`).toBeGreaterThanOrEqual(0);
  expect(state.stability, `${label} stability`).toBeGreaterThanOrEqual(0);
  expect(Number.isFinite(state.difficulty), `${label} difficulty`).toBe(true);
  if (state.lastReview !== undefined) {
    expect(state.due.getTime(), `${label} due ≥ lastReview`).toBeGreaterThanOrEqual(state.lastReview.getTime());
  }
}

/** What a scripted `prep quiz` printed. */
export interface QuizRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Keypresses the script had left when the session ended. */
  stepsLeft: number;
}

/**
 * `prep quiz` through the command layer (as `prep quiz` runs it, with a terminal) with scripted
 * keypresses instead of a keyboard, at `now`, on the notes in `notes` and the data in `home`.
 */
export async function scriptedQuiz(home: string, notes: string, now: string, steps: Step[], env: Record<string, string> = {}): Promise<QuizRun> {
  const stdout = captureOutput(true);
  const stderr = captureOutput(true);
  const prompts = scriptedPrompts(steps, () => stdout.text.split(CLEAR_SCREEN).at(-1) ?? '');
  const ctx: CommandContext = {
    stdout,
    stderr,
    now: new Date(now),
    dataDir: home,
    contentDirs: [notes],
    color: false,
    width: 80,
    env: { PREP_HOME: home, PREP_FUZZ: '0', ...env },
    interactive: true,
    settings: () => loadSettings(home),
  };
  const code = await runQuiz({ query: [], cram: false }, ctx, prompts);
  return { code, stdout: stdout.text, stderr: stderr.text, stepsLeft: prompts.left };
}
