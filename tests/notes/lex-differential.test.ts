import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lexBlockTokens } from '../../src/notes/lex.js';
import { normaliseNoteText } from '../../src/notes/normalise.js';
import { randomBlockMarkdown, seededRandom } from './block-markdown.js';
import { loaderView, referenceBlockTokens } from './lex-reference.js';
import { repoRoot } from './support.js';

/** Every Markdown file under a folder. */
function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return markdownFiles(file);
    return /\.(?:md|markdown)$/iu.test(name) ? [file] : [];
  });
}

function expectSameAsReference(markdown: string, label: string): void {
  expect(loaderView(lexBlockTokens(markdown)), label).toEqual(loaderView(referenceBlockTokens(markdown)));
}

/** Notes in the repository, and the real notes next to it (absent in a fresh clone: see corpus.test.ts). */
const NOTE_FOLDERS = ['content', 'tests/fixtures', '../shared/corpus', '../shared/seeds'].map((folder) => path.resolve(repoRoot, folder));
const absent = NOTE_FOLDERS.filter((folder) => !existsSync(folder));
if (absent.length > 0) console.log(`lex differential: not found, not compared: ${absent.join(', ')}`);

const GENERATED_DOCUMENTS = 6000;
const SEED = 20_240_601;

describe('lexBlockTokens agrees with marked\'s block lexing in every field the loader reads', () => {
  it.each(NOTE_FOLDERS.filter((folder) => !absent.includes(folder)))('every note under %s', (folder) => {
    const files = markdownFiles(folder);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expectSameAsReference(normaliseNoteText(readFileSync(file, 'utf8')), file);
  });

  it.each([
    ['a paragraph continued in a block quote, then a rejected table continuing it', '> a\nlazy\n> b | c\n> --|--|--\n'],
    ['indented code and a link definition continuing a paragraph', 'text\n    code\n[ref]: http://x\n'],
    ['a lone newline ending the block before it', '# h\n- a\n\n\n- b\n'],
    ['a table whose delimiter row is indented three spaces, then four', 'a | b\n   --|--\n\nc | d\n    --|--\n'],
    ['a table header with a carriage return before its line end', 'a\r | b\n--|--\nc | d\n'],
    ['a table with escaped pipes, ended by a heading', 'a \\| b | c\n:-|-:\nd \\| e | f\n# h\n'],
    ['a rejected table: header and delimiter cells differ', '| a | b |\n|---|\n| c | d |\n'],
    ['setext headings after lines that stop them or not', 'a\n  b\n===\n\nc\n- d\n---\n\ne\n> f\n===\n\ng\n2) h\n--\n\ni\n# j\n-\n'],
    ['setext underlines after a line separator, a table row and a fence', 'a\u2028b\n---\n\nc\n|-|-|\n===\n\nd\n```\n---\n\ne\n\t\n==\n'],
    ['thematic breaks and blank runs', '* * *\t\n \t\n\n   ---  \n\n    ___\n_ _\n'],
  ])('%s', (_name, markdown) => {
    expectSameAsReference(markdown, markdown);
  });

  it(`${GENERATED_DOCUMENTS} generated documents of lists, code, quotes, HTML, tables and headings`, () => {
    const random = seededRandom(SEED);
    for (let index = 0; index < GENERATED_DOCUMENTS; index++) {
      const markdown = randomBlockMarkdown(random);
      expectSameAsReference(markdown, `document ${index} (seed ${SEED}):\n${markdown}`);
    }
  });
});
