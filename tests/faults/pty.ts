import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

const CLEAR_SCREEN = '\u001b[H\u001b[2J';
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007|\r/gu;

/** How a program in a {@link Pty} ended. */
export interface PtyExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * A program in a real pseudo-terminal made by util-linux `script`, read as a stream rather than
 * polled: prep clears the screen before each screen it shows, so the text after the last clear
 * is what is on screen, and a new clear means a new screen. No fixed sleeps: callers wait for
 * screens, and a slow machine just waits longer.
 */
export class Pty {
  private raw = '';
  private finished: PtyExit | undefined;
  private listeners: (() => void)[] = [];
  private readonly child: ChildProcessWithoutNullStreams;

  /** Starts the shell command line `command` in a new pseudo-terminal with exactly `env`, as `user` when given. */
  constructor(command: string, env: Record<string, string>, user?: { uid: number; gid: number }) {
    this.child = spawn('script', ['-qfec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'], ...(user ?? {}) });
    this.child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      this.raw += chunk;
      this.notify();
    });
    this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.raw += chunk;
      this.notify();
    });
    this.child.on('close', (code, signal) => {
      this.finished = { code, signal };
      this.notify();
    });
    this.child.on('error', () => {
      this.finished = { code: null, signal: null };
      this.notify();
    });
  }

  /** Everything the program wrote, escape sequences removed. */
  get output(): string {
    return this.raw.replace(ANSI, '');
  }

  /** How many screens have been shown so far (clears of the screen). */
  get screens(): number {
    return this.raw.split(CLEAR_SCREEN).length - 1;
  }

  /** The text shown since the last clear, escape sequences removed. */
  get screen(): string {
    const at = this.raw.lastIndexOf(CLEAR_SCREEN);
    return (at < 0 ? this.raw : this.raw.slice(at + CLEAR_SCREEN.length)).replace(ANSI, '');
  }

  get exit(): PtyExit | undefined {
    return this.finished;
  }

  /** Types `text` (a space, `\r` for Enter, a digit…). */
  type(text: string): void {
    if (this.finished === undefined) this.child.stdin.write(text);
  }

  /**
   * Waits until `ready` holds (checked on every output and at exit), or fails after `timeoutMs`
   * with the output so far.
   */
  async until(ready: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    if (ready()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((listener) => listener !== check);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the terminal shows:\n${this.output.slice(-3000)}`));
      }, timeoutMs);
      const check = (): void => {
        if (!ready()) return;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((listener) => listener !== check);
        resolve();
      };
      this.listeners.push(check);
    });
  }

  /** Waits for the program to end (after a kill, say) and returns how. */
  async ended(timeoutMs = 20_000): Promise<PtyExit> {
    await this.until(() => this.finished !== undefined, 'the program to end', timeoutMs);
    return this.finished as PtyExit;
  }

  /** Stops `script` and its program if still running. */
  kill(): void {
    if (this.finished === undefined) this.child.kill('SIGKILL');
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
