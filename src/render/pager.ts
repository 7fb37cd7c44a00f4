import { spawn } from 'node:child_process';
import { displayWidth } from './width.js';

/** Where and how to page: the output stream and the environment (for the pager's name). */
export interface PagerOptions {
  stdout: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

/** Terminal rows the text fills, counting lines the terminal will wrap. */
function screenLines(text: string, columns: number): number {
  const lines = text.replace(/\n$/, '').split('\n');
  return lines.reduce(
    (rows, line) => rows + Math.max(1, Math.ceil(displayWidth(line) / columns)),
    0,
  );
}

function needsPager(text: string, stdout: NodeJS.WriteStream): boolean {
  const rows = stdout.rows;
  return stdout.isTTY === true && rows > 0 && screenLines(text, stdout.columns || 80) > rows;
}

interface PagerCommand {
  program: string;
  args: string[];
}

/** The pager command split at spaces; `cat` or empty means no pager, as in git. */
function pagerCommand(env: NodeJS.ProcessEnv): PagerCommand | undefined {
  const [program, ...args] = (env.PREP_PAGER ?? env.PAGER ?? 'less').trim().split(/\s+/);
  return program && program !== 'cat' ? { program, args } : undefined;
}

/** Runs the pager with `text` on its standard input; false when it could not be started. */
function runPager(
  { program, args }: PagerCommand,
  text: string,
  env: NodeJS.ProcessEnv,
): Promise<boolean> {
  return new Promise((resolve) => {
    let started = false;
    const child = spawn(program, args, {
      stdio: ['pipe', 'inherit', 'inherit'],
      env: { ...env, LESS: env.LESS ?? 'FRX' },
    });
    // Ctrl+C belongs to the pager (less uses it to stop a search): prep waits for it to exit.
    const ignoreInterrupt = (): void => {};
    process.on('SIGINT', ignoreInterrupt);
    const done = (ran: boolean): void => {
      process.off('SIGINT', ignoreInterrupt);
      resolve(ran);
    };
    // EPIPE when the user quits before the pager has read everything: fine, nothing to do.
    child.stdin.on('error', () => {});
    child.once('spawn', () => {
      started = true;
      child.stdin.end(text);
    });
    child.once('error', () => {
      if (!started) done(false);
    });
    child.once('close', () => done(started));
  });
}

/**
 * Writes text the way git does: through `$PREP_PAGER`, `$PAGER` or `less` (with `LESS=FRX`
 * unless LESS is set) when stdout is a terminal and the text is taller than it; directly
 * otherwise, or when the pager cannot be started. Resolves once the pager has exited.
 */
export async function writePaged(text: string, { stdout, env }: PagerOptions): Promise<void> {
  const command = pagerCommand(env);
  if (command && needsPager(text, stdout) && (await runPager(command, text, env))) return;
  stdout.write(text);
}
