import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What a screen must show: a piece of text, or a test on the whole screen. */
export type Expectation = string | RegExp | ((screen: string) => boolean);

function matches(screen: string, expected: Expectation): boolean {
  if (typeof expected === 'string') return screen.includes(expected);
  if (expected instanceof RegExp) return expected.test(screen);
  return expected(screen);
}

let servers = 0;

/**
 * A private tmux server (its own socket) whose windows are 100×40 pseudo-terminals. Each
 * program runs from a script written into `dir`, then prints `EXIT=<code>` and stays, so that
 * its last screen can be read. Call {@link kill} when done.
 */
export class Tmux {
  readonly socket = `prep-e2e-${process.pid}-${Date.now().toString(36)}-${servers++}`;
  private scripts = 0;
  private socketPath: string | undefined;

  constructor(private readonly dir: string) {}

  /** Starts `command` (a shell command line) with `env` exported, in a new session named `name`. */
  start(name: string, command: string, env: Record<string, string>): void {
    const exports = Object.entries(env).map(([key, value]) => `export ${key}=${shellQuote(value)}`);
    const script = join(this.dir, `tty-${this.scripts++}.sh`);
    writeFileSync(script, ['#!/bin/sh', ...exports, command, 'echo "EXIT=$?"', 'exec sleep 86400', ''].join('\n'));
    chmodSync(script, 0o755);
    this.tmux('new-session', '-d', '-s', name, '-x', '100', '-y', '40', script);
    this.socketPath ??= execFileSync('tmux', ['-L', this.socket, 'display-message', '-p', '#{socket_path}'], { encoding: 'utf8' }).trim();
  }

  /** Sends keys as tmux names them: `Space`, `Enter`, `C-c`, or literal text. */
  keys(name: string, ...keys: string[]): void {
    this.tmux('send-keys', '-t', name, ...keys);
  }

  /** The screen of session `name`, as text. */
  async screen(name: string): Promise<string> {
    const { stdout } = await run('tmux', ['-L', this.socket, 'capture-pane', '-p', '-t', name]);
    return stdout;
  }

  /**
   * Polls the screen until every expectation holds, and returns it; fails with the last
   * screen after `timeoutMs`. Never a fixed sleep: a slow machine just polls longer.
   */
  async waitFor(name: string, expected: Expectation | Expectation[], timeoutMs = 15_000): Promise<string> {
    const all = Array.isArray(expected) ? expected : [expected];
    const deadline = Date.now() + timeoutMs;
    let screen = '';
    for (;;) {
      screen = await this.screen(name);
      if (all.every((item) => matches(screen, item))) return screen;
      if (Date.now() > deadline) {
        const missing = all.filter((item) => !matches(screen, item)).map(String);
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${missing.join(', ')}; the screen shows:\n${screen}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
  }

  /** Stops the server and everything running in it, and removes its socket file. */
  kill(): void {
    try {
      execFileSync('tmux', ['-L', this.socket, 'kill-server'], { stdio: 'ignore' });
    } catch {
      // Already gone.
    }
    if (this.socketPath !== undefined && this.socketPath !== '') rmSync(this.socketPath, { force: true });
  }

  private tmux(...args: string[]): void {
    execFileSync('tmux', ['-L', this.socket, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  }
}

/** The text as one single-quoted shell word. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}
