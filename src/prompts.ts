// Every inquirer call of prep goes through this module: the quiz loop sees only these verbs,
// so tests can script them, and Ctrl+C / Ctrl+D are turned into "quit" here, once.
import { createPrompt, useEffect, useKeypress, type KeypressEvent } from '@inquirer/core';
import type { Rating } from './schedule/state.js';
import { sanitize } from './render/sanitize.js';

/** What the user can do while the question is shown. */
export type QuestionAction = 'reveal' | 'skip' | 'edit' | 'undo' | 'quit';
/** What the user can do once the answer is shown: a grade or one of the other keys. */
export type AnswerAction = Rating | 'skip' | 'edit' | 'undo' | 'quit';
/** While only learning cards remain: wait for the next one, show it now, undo the last grade, or stop. */
export type WaitAction = 'ready' | 'now' | 'undo' | 'quit';

/** The questions a quiz session asks; the real ones read single keypresses from the terminal. */
export interface QuizPrompts {
  /** Waits for a key on the question side; `hint` is the key help line. */
  question(hint: string): Promise<QuestionAction>;
  /** Waits for a grade (or another key) on the answer side. */
  answer(hint: string): Promise<AnswerAction>;
  /** Waits until `until` (resolves `ready`) unless the user asks to go on now or stop. */
  wait(hint: string, until: Date, now: () => Date): Promise<WaitAction>;
}

const QUESTION_KEYS: Record<string, QuestionAction> = {
  return: 'reveal',
  enter: 'reveal',
  space: 'reveal',
  s: 'skip',
  e: 'edit',
  u: 'undo',
  q: 'quit',
};

const ANSWER_KEYS: Record<string, AnswerAction> = { 1: 1, 2: 2, 3: 3, 4: 4, s: 'skip', e: 'edit', u: 'undo', q: 'quit' };

const WAIT_KEYS: Record<string, WaitAction> = { return: 'now', enter: 'now', space: 'now', n: 'now', u: 'undo', q: 'quit' };

interface KeyConfig<Action> {
  hint: string;
  keys: Record<string, Action>;
  quit: Action;
  /** When set, the prompt resolves with `onTimeout` after `timeoutMs`. */
  timeoutMs?: number;
  onTimeout?: Action;
}

function keyName(key: KeypressEvent & { sequence?: string }): string {
  return key.name === undefined || key.name === '' ? (key.sequence ?? '') : key.name;
}

/** A one-line prompt that resolves on the first key it knows: no Enter needed. */
function keyPrompt<Action>() {
  return createPrompt<Action, KeyConfig<Action>>((config, done) => {
    useKeypress((key, rl) => {
      rl.clearLine(0);
      if (key.ctrl && (key.name === 'd' || key.name === 'c')) {
        done(config.quit);
        return;
      }
      const action = config.keys[keyName(key)];
      if (action !== undefined) done(action);
    });
    useEffect(() => {
      if (config.timeoutMs === undefined || config.onTimeout === undefined) return undefined;
      const timer = setTimeout(() => done(config.onTimeout as Action), config.timeoutMs);
      return () => clearTimeout(timer);
    }, []);
    return sanitize(config.hint);
  });
}

const questionPrompt = keyPrompt<QuestionAction>();
const answerPrompt = keyPrompt<AnswerAction>();
const waitPrompt = keyPrompt<WaitAction>();

/** Ctrl+C (and a closed terminal) make inquirer reject with ExitPromptError: that is a quit. */
async function quitOnExit<Action>(pending: Promise<Action>, quit: Action): Promise<Action> {
  try {
    return await pending;
  } catch (error) {
    if (error instanceof Error && error.name === 'ExitPromptError') return quit;
    throw error;
  }
}

/** The terminal prompts: single keypresses read by inquirer on the process's stdin. */
export const terminalPrompts: QuizPrompts = {
  question: (hint) => quitOnExit(questionPrompt({ hint, keys: QUESTION_KEYS, quit: 'quit' }, { clearPromptOnDone: true }), 'quit'),
  answer: (hint) => quitOnExit(answerPrompt({ hint, keys: ANSWER_KEYS, quit: 'quit' }, { clearPromptOnDone: true }), 'quit'),
  wait: (hint, until, now) => {
    const timeoutMs = Math.max(0, until.getTime() - now().getTime());
    return quitOnExit(waitPrompt({ hint, keys: WAIT_KEYS, quit: 'quit', timeoutMs, onTimeout: 'ready' }, { clearPromptOnDone: true }), 'quit');
  },
};
