import type { Settings } from '../store/settings.js';

/** Where a command writes: the process streams in the CLI, strings in tests. */
export interface Output {
  write(text: string): void;
  /** Writes text through the pager when it is taller than the terminal, as git does. */
  page(text: string): Promise<void>;
  /** True when this output is an interactive terminal. */
  readonly isTTY: boolean;
}

/** What every command gets from the CLI layer: the environment, read once. */
export interface CommandContext {
  stdout: Output;
  stderr: Output;
  /** The clock, read once per run (`PREP_NOW` replaces it). */
  now: Date;
  /** The data directory: `PREP_HOME`, else the platform default. */
  dataDir: string;
  /** Note folders to load, resolved to absolute paths. */
  contentDirs: string[];
  /** Whether to print colour (chalk's detection, `NO_COLOR`, `--no-color`). */
  color: boolean;
  /** Terminal width in columns (80 when unknown). */
  width: number;
  env: NodeJS.ProcessEnv;
  /** True when both stdin and stdout are terminals, so prep can ask questions. */
  interactive: boolean;
  /** The user's settings, read from the data directory on first use (warnings once, to stderr). */
  settings(): Settings;
}
