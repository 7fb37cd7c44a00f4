import { ExitCode } from './errors.js';
import { packageVersion } from './package.js';

/**
 * The entry point of `bin/prep.js`: runs prep on the process and sets its exit code. A lone
 * `--version` is answered before the command parser and terminal checks are even loaded.
 */
export async function main(argv: string[]): Promise<void> {
  const args = argv.slice(2);
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    process.stdout.write(`${packageVersion()}\n`);
    return;
  }
  // `prep show | head`: the reader went away; that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? ExitCode.ok);
  });
  const [{ runCli }, { processIo }] = await Promise.all([import('./cli.js'), import('./io.js')]);
  process.exitCode = await runCli(args, processIo());
}
