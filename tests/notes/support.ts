import { fileURLToPath } from 'node:url';
import { parseNote, type CardDraft, type ParsedNote } from '../../src/notes/parse.js';

/** The repository root, found from this file so that tests run from any working directory. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The hand-made notes under tests/fixtures/notes/. */
export const fixturesDir = fileURLToPath(new URL('../fixtures/notes/', import.meta.url));

/** Parses a note given inline, as file `note.md` with deck `note`. */
export function parse(text: string): ParsedNote {
  return parseNote(text, 'note.md', 'note');
}

/** `question / path › path` for each draft: the shape the issue lists cards in. */
export function outlineOf(drafts: CardDraft[]): string[] {
  return drafts.map((draft) => `${draft.question} / ${draft.path.join(' › ') || '-'}`);
}

/** Text as a note author types it: the common leading indentation (spaces) removed, so fixtures can be indented in tests. */
export function md(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = strings.reduce((joined, part, index) => joined + String(values[index - 1]) + part).replace(/^\n/u, '');
  const lines = text.split('\n');
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^ */u.exec(line)?.[0].length ?? 0);
  const indent = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(indent)).join('\n');
}
