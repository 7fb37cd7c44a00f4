import path from 'node:path';
import type { Diagnostic } from '../notes/card.js';
import { sanitizeInline } from '../render/sanitize.js';
import type { CommandContext } from './context.js';

/** A diagnostic as `file:line: message` (`file:line: note: message` for a note), the file relative to the working directory when inside it. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where = diagnostic.line > 0 ? `${displayPath(diagnostic.file)}:${diagnostic.line}` : displayPath(diagnostic.file);
  return sanitizeInline(`${where}: ${diagnostic.note ? 'note: ' : ''}${diagnostic.message}`);
}

/** True for a diagnostic that is a problem; a note (text kept out of cards on purpose) is not. */
export function isProblem(diagnostic: Diagnostic): boolean {
  return diagnostic.note !== true;
}

/**
 * A path as the user would type it, for the terminal: relative when under the working directory,
 * and sanitised, since a downloaded note's file name may hold an escape sequence.
 */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return sanitizeInline(relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file);
}

/** One line on a terminal's stderr saying the notes have problems and where to see them. */
export function reportNoteProblems(diagnostics: Diagnostic[], ctx: CommandContext): void {
  const problems = diagnostics.filter(isProblem).length;
  if (problems === 0 || !ctx.stderr.isTTY) return;
  const count = problems === 1 ? '1 problem' : `${problems} problems`;
  ctx.stderr.write(`prep: ${count} in the notes; \`prep check\` lists them\n`);
}
