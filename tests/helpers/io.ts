import type { Io } from '../../src/cli.js';
import { runCli } from '../../src/cli.js';
import type { Output } from '../../src/commands/context.js';

/** An Output that keeps what is written, for assertions. */
export interface CapturedOutput extends Output {
  readonly text: string;
}

/** An Output that records everything written (paged text too). */
export function captureOutput(isTTY = false): CapturedOutput {
  let text = '';
  return {
    write: (chunk) => {
      text += chunk;
    },
    page: async (chunk) => {
      text += chunk;
    },
    isTTY,
    get text() {
      return text;
    },
  };
}

/** What a run of `prep` printed and how it ended. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `prep` in-process with the given environment (PREP_HOME must point into a temp dir). */
export async function runPrep(args: string[], env: NodeJS.ProcessEnv, options: { cwd?: string; columns?: number; color?: boolean } = {}): Promise<CliRun> {
  const stdout = captureOutput();
  const stderr = captureOutput();
  const io: Io = {
    stdout,
    stderr,
    env,
    cwd: options.cwd ?? process.cwd(),
    ...(options.columns ? { columns: options.columns } : {}),
    colorSupported: async () => options.color ?? false,
    stdinIsTTY: false,
  };
  const code = await runCli(args, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}
