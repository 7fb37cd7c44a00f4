import type { Output } from './commands/context.js';
import type { Io } from './cli.js';

function streamOutput(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): Output {
  return {
    write: (text) => {
      stream.write(text);
    },
    page: async (text) => {
      // Only a terminal is paged: piped output is written without loading the pager (and child_process).
      if (stream.isTTY !== true) {
        stream.write(text);
        return;
      }
      const { writePaged } = await import('./render/pager.js');
      await writePaged(text, { stdout: stream, env });
    },
    isTTY: stream.isTTY === true,
  };
}

/** The real process: its streams, environment, working directory and terminal. */
export function processIo(): Io {
  return {
    stdout: streamOutput(process.stdout, process.env),
    stderr: streamOutput(process.stderr, process.env),
    env: process.env,
    cwd: process.cwd(),
    ...(process.stdout.isTTY ? { columns: process.stdout.columns } : {}),
    colorSupported: async () => {
      if (process.stdout.isTTY !== true && !forcesColour(process.env, process.argv)) return false;
      const { supportsColor } = await import('chalk');
      return supportsColor !== false && supportsColor.level > 0;
    },
    stdinIsTTY: process.stdin.isTTY === true,
  };
}

/**
 * Whatever can make chalk colour output that is not a terminal: FORCE_COLOR, a `--color` flag,
 * Azure Pipelines. Without any of them its answer is no, known here without loading chalk (and
 * with it node:tty and node:os, 5-8 ms of a command's start).
 */
function forcesColour(env: NodeJS.ProcessEnv, argv: string[]): boolean {
  return 'FORCE_COLOR' in env || ('TF_BUILD' in env && 'AGENT_NAME' in env) || argv.some((arg) => arg === '--colors' || arg.startsWith('--color'));
}
