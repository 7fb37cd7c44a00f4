import { ExitCode, PrepError } from '../errors.js';
import { sanitizeInline } from '../render/sanitize.js';
import { getSetting, listSettings, setSetting, type Warn } from '../store/settings.js';
import type { CommandContext } from './context.js';

/** What `prep config` was asked to do. */
export interface ConfigOptions {
  action: 'list' | 'get' | 'set';
  key?: string;
  /** The new value, for `set` (may be empty: "" resets lists and the editor). */
  value?: string;
}

/**
 * `prep config`: `list` prints every setting as `key = value`, `get <key>` prints one value,
 * `set <key> <value>` checks and saves a value and prints it as saved. An unknown key or a bad
 * value is a PrepError saying what is allowed.
 */
export async function run(options: ConfigOptions, ctx: CommandContext): Promise<number> {
  const warn: Warn = (message) => {
    ctx.stderr.write(`prep: warning: ${sanitizeInline(message)}\n`);
  };
  switch (options.action) {
    case 'list':
      for (const { key, value } of listSettings(ctx.dataDir, warn)) {
        ctx.stdout.write(`${key} = ${sanitizeInline(value)}\n`);
      }
      return ExitCode.ok;
    case 'get': {
      const key = required(options.key, 'prep config get <key>');
      ctx.stdout.write(`${sanitizeInline(getSetting(ctx.dataDir, key, warn))}\n`);
      return ExitCode.ok;
    }
    case 'set': {
      const key = required(options.key, 'prep config set <key> <value>');
      const value = required(options.value, 'prep config set <key> <value>');
      ctx.stdout.write(`${key} = ${sanitizeInline(await setSetting(ctx.dataDir, key, value, process.cwd(), warn))}\n`);
      return ExitCode.ok;
    }
  }
}

function required(value: string | undefined, usage: string): string {
  if (value === undefined) {
    throw new PrepError(`usage: ${usage}`, ExitCode.usage);
  }
  return value;
}
