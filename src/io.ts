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
      const { supportsColor } = await import('chalk');
      return supportsColor !== false && supportsColor.level > 0;
    },
    stdinIsTTY: process.stdin.isTTY === true,
  };
}
