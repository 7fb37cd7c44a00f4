import type { AnswerAction, QuestionAction, QuizPrompts, WaitAction } from '../../src/prompts.js';

/** One scripted keypress: the prompt it expects, what the screen must show, and the answer. */
export type Step =
  | { on: 'question'; shows?: string; do: QuestionAction; before?: () => void }
  | { on: 'answer'; shows?: string; do: AnswerAction; before?: (hint: string) => void }
  | { on: 'wait'; shows?: string; do: WaitAction; before?: (until: Date, now: Date) => void };

/** A prompt the session asked, with the screen it was asked on. */
export interface Asked {
  on: Step['on'];
  hint: string;
  screen: string;
  /** For `wait`: the time it was asked to wait until, and the clock then. */
  until?: Date;
  now?: Date;
}

/** Scripted prompts: each call takes the next step, and fails (rejects) when it is not what the session asked. */
export interface ScriptedPrompts extends QuizPrompts {
  readonly asked: Asked[];
  /** Steps not yet used. */
  readonly left: number;
}

/**
 * QuizPrompts that play `steps` in order. `screen` returns what is on screen now (the last
 * display); a step's `shows` must occur in it. A prompt beyond the script, or of another kind
 * than the step, rejects, which fails the session under test.
 */
export function scriptedPrompts(steps: Step[], screen: () => string): ScriptedPrompts {
  const queue = [...steps];
  const asked: Asked[] = [];
  const take = <K extends Step['on']>(on: K, hint: string): Extract<Step, { on: K }> => {
    const now = screen();
    asked.push({ on, hint, screen: now });
    const step = queue.shift();
    if (step === undefined) throw new Error(`the script ran out: the session asked for a ${on} on:\n${now}`);
    if (step.on !== on) throw new Error(`the script expected a ${step.on} prompt, the session asked for a ${on} on:\n${now}`);
    if (step.shows !== undefined && !now.includes(step.shows)) {
      throw new Error(`the script expected the screen to show "${step.shows}" at this ${on} prompt; it shows:\n${now}`);
    }
    return step as Extract<Step, { on: K }>;
  };
  return {
    asked,
    get left() {
      return queue.length;
    },
    question: async (hint) => {
      const step = take('question', hint);
      step.before?.();
      return step.do;
    },
    answer: async (hint) => {
      const step = take('answer', hint);
      step.before?.(hint);
      return step.do;
    },
    wait: async (hint, until, now) => {
      const step = take('wait', hint);
      const at = now();
      const last = asked.at(-1);
      if (last) Object.assign(last, { until, now: at });
      step.before?.(until, at);
      return step.do;
    },
  };
}

/** Reveal the card showing `question` and grade it. */
export function revealAndGrade(question: string, rating: 1 | 2 | 3 | 4): Step[] {
  return [
    { on: 'question', shows: question, do: 'reveal' },
    { on: 'answer', shows: question, do: rating },
  ];
}
