import { spawn } from 'node:child_process';
import { PrepError } from './errors.js';

/** The editor to use: the `editor` setting, else `$VISUAL`, else `$EDITOR`, else `vi`. */
export function editorCommand(setting: string, env: NodeJS.ProcessEnv): string {
  return [setting, env.VISUAL, env.EDITOR].find((value) => value !== undefined && value.trim() !== '')?.trim() ?? 'vi';
}

/**
 * Opens `file` at `line` in the editor (`+LINE FILE`, which vi, vim, nano, emacs and micro
 * understand) on the terminal, and resolves when the editor exits.
 */
export function openInEditor(command: string, file: string, line: number): Promise<void> {
  const [program = 'vi', ...args] = command.split(/\s+/u);
  return new Promise((resolve, reject) => {
    const child = spawn(program, [...args, `+${line}`, file], { stdio: 'inherit' });
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(new PrepError(`cannot start the editor "${command}": ${error.code ?? error.message}; set $EDITOR or \`prep config set editor <command>\``));
    });
    child.once('exit', () => resolve());
  });
}
