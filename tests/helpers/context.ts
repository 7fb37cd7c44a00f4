import type { CommandContext } from '../../src/commands/context.js';
import { loadSettings } from '../../src/store/settings.js';
import { captureOutput, type CapturedOutput } from './io.js';

/** A command context as a terminal gives it (interactive, no colour, 80 columns), printing into strings. */
export function terminalContext(where: { home: string; notes: string }, now: string): CommandContext & { stdout: CapturedOutput; stderr: CapturedOutput } {
  return {
    stdout: captureOutput(true),
    stderr: captureOutput(true),
    now: new Date(now),
    dataDir: where.home,
    contentDirs: [where.notes],
    color: false,
    width: 80,
    env: { PREP_HOME: where.home, PREP_FUZZ: '0' },
    interactive: true,
    settings: () => loadSettings(where.home),
  };
}
