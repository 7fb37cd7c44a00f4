/** A (re)learning step in ts-fsrs's notation: a whole number of minutes, hours or days. */
export type Step = `${number}${'m' | 'h' | 'd'}`;

/** How the scheduler behaves; the settings layer stores these and validates them here. */
export interface SchedulerOptions {
  /** Desired probability of recall when a card falls due (0.7–0.99). */
  retention: number;
  /** Steps a new card goes through before it gets day intervals. */
  learningSteps: Step[];
  /** Steps a lapsed card goes through before it returns to day intervals. */
  relearningSteps: Step[];
  /** Longest interval, in days. */
  maximumInterval: number;
  /** Spread day intervals a little so that cards learnt together do not stay together. */
  fuzz: boolean;
  /** Local hour (0–23) at which the user's day starts. */
  dayStartsAt: number;
}

/** ts-fsrs's defaults, with the day starting at 04:00 as in Anki. */
export const defaultSchedulerOptions: Readonly<SchedulerOptions> = {
  retention: 0.9,
  learningSteps: ['1m', '10m'],
  relearningSteps: ['10m'],
  maximumInterval: 36500,
  fuzz: true,
  dayStartsAt: 4,
};

/** The outcome of validating a value: the value, normalised, or a message for the user. */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const bad = <T>(message: string): Checked<T> => ({ ok: false, message });

const minutesPerUnit = { s: 1 / 60, m: 1, h: 60, d: 1440 } as const;

/**
 * Parses steps written by a user: `1m 10m`, `1m,10m`, `30s 1.5h 1d` (units s, m, h, d).
 * Empty text means no steps. Steps must be whole minutes, at least one (ts-fsrs truncates
 * anything else), and come out in ts-fsrs's notation with the largest exact unit: `90m`
 * for `1.5h`, `1d` for `24h`.
 */
export function parseSteps(text: string): Checked<Step[]> {
  const steps: Step[] = [];
  for (const word of text.split(/[\s,]+/u).filter((w) => w !== '')) {
    const match = /^(\d+(?:\.\d+)?)(s|m|h|d)$/u.exec(word);
    if (!match) return bad(`"${word}" is not a step: write a number and a unit (s, m, h, d), e.g. 10m`);
    const [, amount = '', unit = 'm'] = match;
    const minutes = Number(amount) * minutesPerUnit[unit as keyof typeof minutesPerUnit];
    const whole = Math.round(minutes);
    if (Math.abs(minutes - whole) > 1e-9) return bad(`step ${word} is not a whole number of minutes`);
    if (whole < 1) return bad(`step ${word} is shorter than a minute`);
    steps.push(formatStep(whole));
  }
  return ok(steps);
}

function formatStep(minutes: number): Step {
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

/** Checks a desired retention: a number from 0.7 to 0.99. */
export function checkRetention(value: number): Checked<number> {
  if (!Number.isFinite(value) || value < 0.7 || value > 0.99) {
    return bad(`retention must be between 0.7 and 0.99 (got ${value})`);
  }
  return ok(value);
}

/** Checks a maximum interval: a whole number of days, at least 1. */
export function checkMaximumInterval(value: number): Checked<number> {
  if (!Number.isInteger(value) || value < 1) {
    return bad(`maximum interval must be a whole number of days, at least 1 (got ${value})`);
  }
  return ok(value);
}

/** Checks the hour the user's day starts at: a whole hour from 0 to 23. */
export function checkDayStartsAt(value: number): Checked<number> {
  if (!Number.isInteger(value) || value < 0 || value > 23) {
    return bad(`the day must start at a whole hour from 0 to 23 (got ${value})`);
  }
  return ok(value);
}

/**
 * Fills in defaults and checks every field; steps given as text are parsed with
 * {@link parseSteps}. The message names the first bad field.
 */
export function resolveSchedulerOptions(
  input: Partial<Omit<SchedulerOptions, 'learningSteps' | 'relearningSteps'>> & {
    learningSteps?: readonly string[] | string;
    relearningSteps?: readonly string[] | string;
  },
): Checked<SchedulerOptions> {
  const learning = parseSteps(joinSteps(input.learningSteps, defaultSchedulerOptions.learningSteps));
  if (!learning.ok) return bad(`learning steps: ${learning.message}`);
  const relearning = parseSteps(joinSteps(input.relearningSteps, defaultSchedulerOptions.relearningSteps));
  if (!relearning.ok) return bad(`relearning steps: ${relearning.message}`);
  const retention = checkRetention(input.retention ?? defaultSchedulerOptions.retention);
  if (!retention.ok) return retention;
  const maximumInterval = checkMaximumInterval(input.maximumInterval ?? defaultSchedulerOptions.maximumInterval);
  if (!maximumInterval.ok) return maximumInterval;
  const dayStartsAt = checkDayStartsAt(input.dayStartsAt ?? defaultSchedulerOptions.dayStartsAt);
  if (!dayStartsAt.ok) return dayStartsAt;
  return ok({
    retention: retention.value,
    learningSteps: learning.value,
    relearningSteps: relearning.value,
    maximumInterval: maximumInterval.value,
    fuzz: input.fuzz ?? defaultSchedulerOptions.fuzz,
    dayStartsAt: dayStartsAt.value,
  });
}

function joinSteps(steps: readonly string[] | string | undefined, fallback: readonly string[]): string {
  if (steps === undefined) return fallback.join(' ');
  return typeof steps === 'string' ? steps : steps.join(' ');
}
