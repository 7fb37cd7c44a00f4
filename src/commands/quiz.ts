import { performance } from 'node:perf_hooks';
import { editorCommand, openInEditor } from '../editor.js';
import { ExitCode, PrepError } from '../errors.js';
import { loadDeckset } from '../notes/load.js';
import type { QuizPrompts } from '../prompts.js';
import { runCram } from '../quiz/cram.js';
import { runSession, type SessionDeps } from '../quiz/session.js';
import { nothingDue, sessionSummary } from '../quiz/summary.js';
import { today } from '../quiz/today.js';
import { createScheduler } from '../schedule/scheduler.js';
import { appendEvent } from '../store/log.js';
import { ensureDataDir } from '../store/paths.js';
import type { Settings } from '../store/settings.js';
import type { CommandContext } from './context.js';
import { filterCards, loadNotesAndLog, type CardFilter } from './notes-and-log.js';

/** What `prep quiz` was asked for. */
export interface QuizOptions extends CardFilter {
  /** Stop after this many answers. */
  limit?: number;
  /** New cards today beyond the daily limit. */
  extraNew?: number;
  /** Practise the chosen cards without changing their schedule. */
  cram: boolean;
}

const CLEAR_SCREEN = '\u001b[H\u001b[2J';

/**
 * `prep quiz [query…]`: today's drill in the terminal, one card at a time, every grade
 * appended to the review log before the next card. Needs a terminal (exit 2 without one).
 * `prompts` is for tests; the terminal's are loaded otherwise.
 */
export async function run(options: QuizOptions, ctx: CommandContext, prompts?: QuizPrompts): Promise<number> {
  if (!ctx.interactive && !prompts) {
    throw new PrepError('prep quiz needs a terminal to ask questions; to read cards use `prep show <topic>`, to see what is due use `prep due`', ExitCode.usage);
  }
  const loaded = await loadNotesAndLog(options, ctx);
  if (loaded.cards.length === 0) throw new PrepError(noCards(options));
  ensureDataDir(ctx.dataDir);
  const deps = await sessionDeps(ctx, loaded.settings, options, prompts);
  if (options.cram) {
    const result = await runCram(loaded.cards, deps);
    ctx.stdout.write(`${CLEAR_SCREEN}Practice: ${result.answered} answers, again ${result.again}; no schedule changed.\n`);
    return ExitCode.ok;
  }
  const limits = { newPerDay: loaded.settings.newPerDay, reviewsPerDay: loaded.settings.reviewsPerDay, extraNew: options.extraNew ?? 0 };
  const plan = {
    cards: loaded.cards,
    folded: loaded.folded,
    scheduler: createScheduler(schedulerOptions(loaded.settings, ctx.env)),
    limits,
    dayStartsAt: loaded.settings.dayStartsAt,
    ...(options.limit !== undefined ? { maxAnswers: options.limit } : {}),
  };
  const ids = loaded.cards.map((card) => card.id);
  const before = today(ids, loaded.folded, limits, plan.dayStartsAt, deps.clock());
  if (before.queue.learning.length + before.queue.review.length + before.queue.new.length === 0) {
    ctx.stdout.write(`${nothingDue(before.queue, deps.clock(), limits.newPerDay, plan.dayStartsAt)}\n`);
    return ExitCode.ok;
  }
  const result = await runSession(plan, deps);
  const after = today(ids, loaded.folded, limits, plan.dayStartsAt, deps.clock());
  ctx.stdout.write(`${CLEAR_SCREEN}${sessionSummary(result, after.queue, deps.clock(), plan.dayStartsAt)}\n`);
  return ExitCode.ok;
}

async function sessionDeps(ctx: CommandContext, settings: Settings, filter: CardFilter, prompts?: QuizPrompts): Promise<SessionDeps> {
  const [{ quizScreens }, terminal] = await Promise.all([import('../quiz/screen.js'), prompts ? undefined : import('../prompts.js')]);
  if (!prompts) keepFileSizeSignalIgnored();
  const started = performance.now();
  const editor = editorCommand(settings.editor, ctx.env);
  return {
    prompts: prompts ?? (terminal as typeof import('../prompts.js')).terminalPrompts,
    screens: quizScreens({ width: ctx.width, color: ctx.color }),
    display: (text) => ctx.stdout.write(`${CLEAR_SCREEN}${text}\n\n`),
    clock: () => new Date(ctx.now.getTime() + (performance.now() - started)),
    append: (event) => appendEvent(ctx.dataDir, event),
    edit: (card) => openInEditor(editor, card.source.file, card.source.line),
    reload: () => filterCards(loadDeckset(ctx.contentDirs), filter),
  };
}

/**
 * Node ignores SIGXFSZ, so that a write past a file size limit fails with EFBIG and the log's
 * append reports it; inquirer's exit hook (signal-exit) would turn the signal back into a silent
 * death. A listener of our own keeps it ignored.
 */
function keepFileSizeSignalIgnored(): void {
  if (process.platform !== 'win32' && process.listenerCount('SIGXFSZ') === 0) process.on('SIGXFSZ', () => undefined);
}

/** The scheduler's options from the settings; fuzz can be turned off with `PREP_FUZZ=0` for tests. */
export function schedulerOptions(settings: Settings, env: NodeJS.ProcessEnv): Parameters<typeof createScheduler>[0] {
  return {
    retention: settings.retention,
    learningSteps: settings.learningSteps,
    relearningSteps: settings.relearningSteps,
    maximumInterval: settings.maximumInterval,
    dayStartsAt: settings.dayStartsAt,
    fuzz: env.PREP_FUZZ !== '0',
  };
}

function noCards(filter: CardFilter): string {
  const what = [filter.deck ? `deck "${filter.deck}"` : '', filter.query.length > 0 ? `"${filter.query.join(' ')}"` : ''].filter(Boolean).join(' and ');
  return what === '' ? 'there are no cards in the notes (see `prep check`)' : `no card matches ${what}; \`prep show --list\` lists every card`;
}
