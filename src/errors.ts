/** Exit codes of the `prep` command (a contract: scripts rely on them). */
export const ExitCode = {
  ok: 0,
  /** Nothing found, or a user error explained by a message. */
  userError: 1,
  /** Bad usage, or an environment prep cannot work in (e.g. no terminal). */
  usage: 2,
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** An error meant for the user: one clear line, and the exit code to leave with. */
export class PrepError extends Error {
  readonly exitCode: ExitCodeValue;

  constructor(message: string, exitCode: ExitCodeValue = ExitCode.userError) {
    super(message);
    this.name = 'PrepError';
    this.exitCode = exitCode;
  }
}

/** A PrepError about a place in the user's notes or data: the message starts with `file:line:`. */
export function errorAt(file: string, line: number, message: string): PrepError {
  return new PrepError(`${file}:${line}: ${message}`);
}
