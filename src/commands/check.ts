import { loadDecksetCached } from '../notes/cache.js';
import { counted } from '../render/words.js';
import type { CommandContext } from './context.js';
import { displayPath, formatDiagnostic } from './problems.js';

/**
 * `prep check`: every problem found in the notes as `file:line: message`, then the number of
 * cards per file. Exit 1 when a file could not be read at all.
 */
export async function run(ctx: CommandContext): Promise<number> {
  const deckset = await loadDecksetCached(ctx.contentDirs, ctx.dataDir);
  const lines = deckset.diagnostics.map(formatDiagnostic);
  if (lines.length > 0) lines.push('');
  for (const file of deckset.files) {
    const count = file.readable ? `${file.cards} ${file.cards === 1 ? 'card' : 'cards'}` : 'not read';
    lines.push(`${displayPath(file.file)}: ${count}`);
  }
  const problems = deckset.diagnostics.length;
  lines.push(`${counted(deckset.cards.length, 'card')} in ${counted(deckset.files.length, 'file')}; ${counted(problems, 'problem')}`);
  ctx.stdout.write(`${lines.join('\n')}\n`);
  return deckset.files.every((file) => file.readable) ? 0 : 1;
}
