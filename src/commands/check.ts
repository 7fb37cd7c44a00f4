import { noStructureReason, type Diagnostic, type FileReport } from '../notes/card.js';
import { loadDecksetCached } from '../notes/cache.js';
import { PROMPT_KINDS } from '../notes/prompt-kind.js';
import { sanitizeInline } from '../render/sanitize.js';
import { counted } from '../render/words.js';
import type { CommandContext } from './context.js';
import { displayPath, formatDiagnostic, isProblem } from './problems.js';

/** What to change in a note whose questions were not found. */
const HOW_TO_POINT = `if it holds questions, set front matter cards: (${PROMPT_KINDS.join(', ')}) or questionLevel: (1-6)`;

/**
 * `prep check`: every problem found in the notes as `file:line: message`, then per file how
 * many cards it gave and how its questions were read (or why it gave none, and what to change),
 * READMEs without questions as not notes. Exit 1 when a file could not be read at all.
 */
export async function run(ctx: CommandContext): Promise<number> {
  const deckset = await loadDecksetCached(ctx.contentDirs, ctx.dataDir);
  const problems = deckset.diagnostics.filter(isProblem);
  const notes = deckset.diagnostics.filter((each) => !isProblem(each));
  const lines = [...problems.map(formatDiagnostic), ...notes.map(formatDiagnostic)];
  if (lines.length > 0) lines.push('');
  const reasons = noCardsReasons(deckset.diagnostics);
  for (const file of deckset.files) lines.push(`${displayPath(file.file)}: ${sanitizeInline(fileSummary(file, reasons.get(file.file)))}`);
  lines.push(summary(deckset.cards.length, deckset.files, problems.length, notes.length));
  ctx.stdout.write(`${lines.join('\n')}\n`);
  return deckset.files.every((file) => file.readable) ? 0 : 1;
}

/** What one file gave: `35 cards (headings at level 3)`, `0 cards (why); what to change`, `not notes (why)` or `not read`. */
function fileSummary(file: FileReport, noCards: string | undefined): string {
  if (!file.readable) return 'not read';
  if (file.notNotes !== undefined) return `not notes, skipped (${file.notNotes})`;
  const cards = counted(file.cards, 'card');
  if (file.cards > 0) return file.reading ? `${cards} (${file.reading})` : cards;
  return `${cards} (${noCards ?? 'no questions found'}); ${HOW_TO_POINT}`;
}

/** The last line: `N cards in M files; K problems`, then the notes and the READMEs that are not notes, if any. */
function summary(cards: number, files: FileReport[], problems: number, notes: number): string {
  const readmes = files.filter((file) => file.notNotes !== undefined).length;
  const parts = [`${counted(cards, 'card')} in ${counted(files.length - readmes, 'file')}`, counted(problems, 'problem')];
  if (notes > 0) parts.push(counted(notes, 'note'));
  if (readmes > 0) parts.push(`${readmes} README${readmes === 1 ? '' : 's'} not notes`);
  return parts.join('; ');
}

/** Why each file without cards gave none, by file, from the parser's diagnostics. */
function noCardsReasons(diagnostics: Diagnostic[]): Map<string, string> {
  const reasons = new Map<string, string>();
  for (const diagnostic of diagnostics) {
    const reason = noStructureReason(diagnostic);
    if (reason !== undefined) reasons.set(diagnostic.file, reason);
  }
  return reasons;
}
