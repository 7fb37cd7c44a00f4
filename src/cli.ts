import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { CommandContext, Output } from './commands/context.js';
import { ExitCode, PrepError } from './errors.js';
import type { Settings } from './store/settings.js';
import { bundledContent, packageVersion } from './package.js';
import { sanitize, sanitizeInline } from './render/sanitize.js';


/** The process's streams and environment, as the CLI sees them (tests pass their own). */
export interface Io {
  stdout: Output;
  stderr: Output;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Columns of the terminal, when stdout is one. */
  columns?: number;
  /** Whether chalk detects colour support on stdout (asked only by commands that print). */
  colorSupported(): Promise<boolean>;
  /** Whether stdin is a terminal. */
  stdinIsTTY: boolean;
}

interface GlobalOptions {
  content?: string[];
  color: boolean;
}

/** Runs `prep` with the given arguments and returns the exit code; never exits the process. */
export async function runCli(argv: string[], io: Io): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = declareProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io);
  }
}

function declareProgram(io: Io, finish: (code: number) => void): Command {
  const program = new Command('prep')
    .description('Drill your own Markdown notes with spaced repetition.')
    .version(packageVersion(), '-V, --version')
    .addOption(new Option('--content <dir>', 'notes folder to use (repeatable; default: $PREP_CONTENT, the contentDirs setting, or the bundled notes)').argParser(collect))
    .option('--no-color', 'print without colour (also: NO_COLOR)')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(sanitize(text)) });

  const context = async (): Promise<CommandContext> => makeContext(program.opts<GlobalOptions>(), io);

  program.allowExcessArguments(true).action(async () => {
    const [unknown] = program.args;
    if (unknown !== undefined) throw new PrepError(`unknown command "${unknown}"; \`prep --help\` lists the commands`, ExitCode.usage);
    const [{ run }, ctx] = await Promise.all([import('./commands/dashboard.js'), context()]);
    finish(await run(ctx));
  });

  program
    .command('show')
    .description('show the cards on a topic, or the card with an id')
    .argument('[query...]', 'words that every shown card contains (deck, section, question or answer), or a card id')
    .option('-l, --list', 'one line a card: id, deck › section, question')
    .option('--json', 'print the cards as a JSON array')
    .action(async (query: string[], options: { list?: boolean; json?: boolean }) => {
      const [{ run }, ctx] = await Promise.all([import('./commands/show.js'), context()]);
      finish(await run({ query, list: options.list === true, json: options.json === true }, ctx));
    });

  program
    .command('quiz')
    .description("drill today's cards: reveal, grade 1-4, undo, skip, edit, quit")
    .argument('[query...]', 'only cards that contain these words (as in `prep show`)')
    .option('-d, --deck <name>', 'only cards of this deck')
    .option('-n, --limit <n>', 'stop after this many answers', positiveInteger)
    .option('--new <n>', 'learn this many new cards today beyond the daily limit', positiveInteger)
    .option('--cram', 'practise the chosen cards without changing their schedule')
    .action(async (query: string[], options: { deck?: string; limit?: number; new?: number; cram?: boolean }) => {
      const [{ run }, ctx] = await Promise.all([import('./commands/quiz.js'), context()]);
      const quiz = { query, cram: options.cram === true, ...pick(options, 'deck'), ...pick(options, 'limit'), ...(options.new !== undefined ? { extraNew: options.new } : {}) };
      finish(await run(quiz, ctx));
    });

  program
    .command('due')
    .description("show today's queue without asking: counts, and the cards in quiz order")
    .argument('[query...]', 'only cards that contain these words')
    .option('-d, --deck <name>', 'only cards of this deck')
    .option('--new <n>', 'count this many new cards beyond the daily limit', positiveInteger)
    .option('--json', 'print the queue as JSON')
    .action(async (query: string[], options: { deck?: string; new?: number; json?: boolean }) => {
      const [{ run }, ctx] = await Promise.all([import('./commands/due.js'), context()]);
      const due = { query, json: options.json === true, ...pick(options, 'deck'), ...(options.new !== undefined ? { extraNew: options.new } : {}) };
      finish(await run(due, ctx));
    });

  program
    .command('stats')
    .description('progress: today, streak, memory, weakest topics, forecast, calendar, leeches')
    .argument('[query...]', 'only cards that contain these words (as in `prep show`)')
    .option('-d, --deck <name>', 'only cards of this deck')
    .option('--json', 'print every figure as JSON')
    .action(async (query: string[], options: { deck?: string; json?: boolean }) => {
      const [{ run }, ctx] = await Promise.all([import('./commands/stats.js'), context()]);
      finish(await run({ query, json: options.json === true, ...pick(options, 'deck') }, ctx));
    });

  program
    .command('check')
    .description('list problems found in the notes, and the cards per file')
    .action(async () => {
      const [{ run }, ctx] = await Promise.all([import('./commands/check.js'), context()]);
      finish(await run(ctx));
    });

  const config = program.command('config').description('list, read or change settings');
  config
    .command('list')
    .description('print every setting')
    .action(async () => finish(await runConfig({ action: 'list' }, await context())));
  config
    .command('get')
    .description('print one setting')
    .argument('<key>')
    .action(async (key: string) => finish(await runConfig({ action: 'get', key }, await context())));
  config
    .command('set')
    .description('change a setting (refused, with what is allowed, when the value is bad)')
    .argument('<key>')
    .argument('<value>')
    .action(async (key: string, value: string) => finish(await runConfig({ action: 'set', key, value }, await context())));

  return program;
}

async function runConfig(options: import('./commands/config.js').ConfigOptions, ctx: CommandContext): Promise<number> {
  const { run } = await import('./commands/config.js');
  return run(options, ctx);
}

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new InvalidArgumentError('expected a whole number, 0 or more');
  return number;
}

/** `{ key: value }` when the option was given, `{}` otherwise (options stay free of `undefined`). */
function pick<T extends object, K extends keyof T>(options: T, key: K): Partial<Pick<T, K>> {
  return options[key] === undefined ? {} : ({ [key]: options[key] } as Partial<Pick<T, K>>);
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

async function makeContext(options: GlobalOptions, io: Io): Promise<CommandContext> {
  const [{ dataDir }, { loadSettings }] = await Promise.all([import('./store/paths.js'), import('./store/settings.js')]);
  const home = dataDir(io.env);
  let settings: Settings | undefined;
  const readSettings = (): Settings => (settings ??= loadSettings(home, (message) => io.stderr.write(`prep: warning: ${sanitizeInline(message)}\n`)));
  const color = options.color && !(io.env.NO_COLOR ?? '') && (await io.colorSupported());
  return {
    stdout: io.stdout,
    stderr: io.stderr,
    now: clock(io.env),
    dataDir: home,
    contentDirs: contentDirs(options, io, readSettings),
    color,
    width: io.columns && io.columns > 0 ? io.columns : Number.parseInt(io.env.COLUMNS ?? '', 10) || 80,
    env: io.env,
    interactive: io.stdinIsTTY && io.stdout.isTTY,
    settings: readSettings,
  };
}

/** The clock, read once: `PREP_NOW` (ISO-8601) replaces it for tests and time travel. */
function clock(env: NodeJS.ProcessEnv): Date {
  const fixed = env.PREP_NOW;
  if (fixed === undefined || fixed === '') return new Date();
  const time = new Date(fixed);
  if (Number.isNaN(time.getTime())) throw new PrepError(`PREP_NOW is not an ISO-8601 time: ${fixed}`, ExitCode.usage);
  return time;
}

function contentDirs(options: GlobalOptions, io: Io, settings: () => Settings): string[] {
  const resolve = (dirs: string[]): string[] => dirs.map((dir) => path.resolve(io.cwd, dir));
  if (options.content && options.content.length > 0) return resolve(options.content);
  const fromEnv = (io.env.PREP_CONTENT ?? '').split(path.delimiter).filter((dir) => dir !== '');
  if (fromEnv.length > 0) return resolve(fromEnv);
  const fromSettings = settings().contentDirs;
  return fromSettings.length > 0 ? resolve(fromSettings) : [bundledContent()];
}


function reportError(error: unknown, io: Io): number {
  if (error instanceof CommanderError) {
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (error instanceof PrepError) {
    // Messages quote what users typed and what notes hold: no control character gets through.
    io.stderr.write(`prep: ${sanitizeInline(error.message)}\n`);
    return error.exitCode;
  }
  if (error instanceof Error && error.name === 'ExitPromptError') return ExitCode.interrupted;
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`prep: unexpected error (this is a bug in prep; please report it)\n${detail}\n`);
  return ExitCode.userError;
}
