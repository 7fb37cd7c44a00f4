import { ExitCode } from './errors.js';

/** The entry point of `bin/prep.js`: runs prep on the process and sets its exit code. */
export async function main(argv: string[]): Promise<void> {
  const args = argv.slice(2);
  // `prep show | head`: the reader went away; that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? ExitCode.ok);
  });
  const [{ runCli }, { processIo }] = await Promise.all([import('./cli.js'), import('./io.js')]);
  process.exitCode = await runCli(args, processIo());
  // Leaving at once skips Node freeing the heap page by page on its way out (30-50 ms after a cold
  // load of large notes); the output is flushed first, which matters where pipes are asynchronous.
  process.stdout.write('', () => process.stderr.write('', () => process.exit()));
}
