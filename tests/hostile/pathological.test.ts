import { chmodSync, mkdirSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemble, loadNotes } from '../../src/notes/assemble.js';
import type { Card } from '../../src/notes/card.js';
import { findNoteFiles } from '../../src/notes/files.js';
import { loadDeckset } from '../../src/notes/load.js';
import { capNesting } from '../../src/notes/nesting.js';
import { parseNote } from '../../src/notes/parse.js';
import { MAX_NOTE_BYTES } from '../../src/notes/read.js';
import { displayWidth } from '../../src/render/width.js';
import { runPrep } from '../helpers/io.js';
import { testdir } from '../helpers/testdir.js';
import { assertNoControl } from './control.js';

/** Generous enough for a slow two-core CI machine; each case takes well under a second here. */
const BUDGET = { timeout: 20_000 };

/** A data directory and a notes folder holding `files`, and the environment that points prep at them. */
function setup(files: Record<string, string | Uint8Array>): { env: NodeJS.ProcessEnv; notes: string } {
  const home = testdir();
  const notes = testdir(files);
  return { env: { PREP_HOME: home, PREP_CONTENT: notes }, notes };
}

const clean = '## What is B?\n\nB.\n';

/** Every line of the output but those of code blocks (indented by four) fits `width` columns. */
function assertFits(text: string, width: number): void {
  const wide = text.split('\n').filter((line) => displayWidth(line) > width && !line.startsWith('    '));
  expect(wide.map((line) => `${displayWidth(line)}: ${line.slice(0, 40)}…`)).toEqual([]);
}

/** The card answers of `prep show --json` by question. */
async function shownCards(env: NodeJS.ProcessEnv): Promise<Card[]> {
  const run = await runPrep(['show', '--json'], env);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Card[];
}

describe('files the reader must refuse or repair', () => {
  it('a 50 MB note is refused with a diagnostic, unread; the other notes load', BUDGET, async () => {
    const big = Buffer.alloc(50 * 1024 * 1024, '## What is A?\n\nA.\n\n');
    const { env, notes } = setup({ 'huge.md': big, 'clean.md': clean });
    const run = await runPrep(['check'], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${path.join(notes, 'huge.md')}: too large to load (50 MB; the limit is ${MAX_NOTE_BYTES / 1048576} MB)`);
    expect(run.stdout).toContain(`${path.join(notes, 'huge.md')}: not read`);
    expect(run.stdout).toContain('1 card in 2 files; 1 problem');
    expect((await shownCards(env)).map((card) => card.question)).toEqual(['What is B?']);
  });

  it('a binary file named .md is skipped with a diagnostic', BUDGET, async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x1b, 0x5b, 0x32, 0x4a]);
    const { env, notes } = setup({ 'image.md': png, 'clean.md': clean });
    const run = await runPrep(['check'], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${path.join(notes, 'image.md')}: not a text file (it contains NUL bytes); skipped`);
    assertNoControl(run.stdout, { colour: false });
    expect((await shownCards(env)).map((card) => card.question)).toEqual(['What is B?']);
  });

  it('invalid UTF-8 is reported at its line and the card still loads, with U+FFFD', BUDGET, async () => {
    const bytes = Buffer.concat([Buffer.from('## What is A?\n\nline three\nbad '), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(' bytes\n')]);
    const { env, notes } = setup({ 'latin.md': bytes });
    const run = await runPrep(['check'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${path.join(notes, 'latin.md')}:4: not valid UTF-8; unreadable bytes shown as �`);
    const [card] = await shownCards(env);
    expect(card?.answer).toBe('line three\nbad \uFFFD\uFFFD\uFFFD bytes');
  });

  it('a byte-order mark is dropped, before headings and before front matter', BUDGET, async () => {
    const { env } = setup({ 'bom.md': '\uFEFF## What is A?\n\nA.\n', 'bom-front.md': '\uFEFF---\ntitle: Front\n---\n\n## What is C?\n\nC.\n' });
    const cards = await shownCards(env);
    expect(cards.map((card) => [card.deck, card.question, card.source.line])).toEqual([
      ['Front', 'What is C?', 5],
      ['bom', 'What is A?', 1],
    ]);
  });

  it('CRLF line ends give the same cards as LF (ids, answers, lines)', BUDGET, async () => {
    const note = '---\ntitle: Deck\n---\n\n# Section\n\n## What is A?\n\nLine one\nline two\n\n```js\nconst a = 1;\n```\n\n## What is B?\n\n- x\n- y\n';
    const lf = await shownCards(setup({ 'deck.md': note }).env);
    const crlf = await shownCards(setup({ 'deck.md': note.replace(/\n/gu, '\r\n') }).env);
    const cr = await shownCards(setup({ 'deck.md': note.replace(/\n/gu, '\r') }).env);
    const strip = (cards: Card[]): unknown[] => cards.map(({ source, ...card }) => ({ ...card, line: source.line }));
    expect(lf).toHaveLength(2);
    expect(strip(crlf)).toEqual(strip(lf));
    expect(strip(cr)).toEqual(strip(lf));
    expect(crlf.some((card) => card.answer.includes('\r'))).toBe(false);
  });
});

describe('folders the walk must survive', () => {
  it('a symlink loop between folders ends, and each note is listed once', BUDGET, async () => {
    const { env, notes } = setup({ 'a/one.md': clean, 'b/two.md': '## What is C?\n\nC.\n' });
    symlinkSync(path.join(notes, 'b'), path.join(notes, 'a', 'to-b'));
    symlinkSync(path.join(notes, 'a'), path.join(notes, 'b', 'to-a'));
    symlinkSync(notes, path.join(notes, 'a', 'to-root'));
    const run = await runPrep(['check'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2 cards in 2 files; 0 problems');
  });

  it('an unreadable file (a dangling symlink named x.md) is a diagnostic, and the rest loads', BUDGET, async () => {
    const { env, notes } = setup({ 'clean.md': clean });
    symlinkSync(path.join(notes, 'gone.md'), path.join(notes, 'x.md'));
    const run = await runPrep(['check'], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${path.join(notes, 'x.md')}: cannot read: ENOENT`);
    expect(run.stdout).toContain(`${path.join(notes, 'x.md')}: not read`);
    const shown = await runPrep(['show', '--list'], env);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('What is B?');
  });

  it('a folder that cannot be read is a diagnostic naming it', BUDGET, async () => {
    const { env, notes } = setup({ 'clean.md': clean, 'locked/secret.md': clean });
    chmodSync(path.join(notes, 'locked'), 0o000);
    try {
      const run = await runPrep(['check'], env);
      const root = process.getuid?.() === 0;
      // root reads any folder; anyone else gets the diagnostic.
      if (root) expect(run.stdout).toContain('2 cards in 2 files');
      else expect(run.stdout).toContain(`${path.join(notes, 'locked')}: cannot read this folder: EACCES`);
      expect(run.stdout).toContain(`${path.join(notes, 'clean.md')}: 1 card`);
    } finally {
      chmodSync(path.join(notes, 'locked'), 0o700);
    }
  });

  it('a note deleted between the walk and the read is a diagnostic, not a crash', BUDGET, () => {
    const notes = testdir({ 'a.md': clean, 'b.md': '## What is C?\n\nC.\n' });
    const { files, diagnostics } = findNoteFiles([notes]);
    unlinkSync(path.join(notes, 'a.md'));
    const { deckset } = assemble(
      [...loadNotes(files, parseNote)].map(([file, note]) => ({ file, note })),
      diagnostics,
    );
    expect(deckset.cards.map((card) => card.question)).toEqual(['What is C?']);
    expect(deckset.diagnostics).toEqual([{ file: path.join(notes, 'a.md'), line: 0, message: 'cannot read: ENOENT' }]);
    expect(deckset.files.map((file) => [path.basename(file.file), file.readable])).toEqual([
      ['a.md', false],
      ['b.md', true],
    ]);
  });

  it('a note replaced by a folder, or by a symlink to a deleted note, between runs', BUDGET, async () => {
    const { env, notes } = setup({ 'a.md': clean, 'target.md': '## What is C?\n\nC.\n' });
    symlinkSync(path.join(notes, 'target.md'), path.join(notes, 'link.md'));
    expect((await runPrep(['check'], env)).stdout).toContain('3 cards in 3 files');
    unlinkSync(path.join(notes, 'target.md'));
    unlinkSync(path.join(notes, 'a.md'));
    mkdirSync(path.join(notes, 'a.md'));
    writeFileSync(path.join(notes, 'a.md', 'inner.md'), clean);
    const run = await runPrep(['check'], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${path.join(notes, 'link.md')}: cannot read: ENOENT`);
    expect(run.stdout).toContain('1 card in 2 files; 1 problem');
  });
});

/** A note whose one card has `answer`. */
function answerNote(answer: string): string {
  return `## What is deep?\n\n${answer}\n`;
}

describe('deep nesting', () => {
  it.each([
    ['lists', '- '.repeat(10_000)],
    ['ordered lists', '1. '.repeat(10_000)],
    ['block quotes', '> '.repeat(10_000)],
    ['block quotes without spaces', '>'.repeat(10_000)],
    ['quotes and lists', '> - '.repeat(5_000)],
  ])('10,000 levels of %s on a line: a diagnostic, and the card renders within the width', BUDGET, async (_name, prefix) => {
    const { env, notes } = setup({ 'deep.md': answerNote(`${prefix}bottom`) });
    const check = await runPrep(['check'], env);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain(`${path.join(notes, 'deep.md')}:3: lists or quotes nested deeper than`);
    expect(check.stdout).toContain('1 card in 1 file; 1 problem');
    for (const color of [false, true]) {
      const run = await runPrep(['show', 'deep'], env, { columns: 80, color });
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      assertNoControl(run.stdout, { colour: color });
      expect(run.stdout).toContain('⋯');
      expect(run.stdout).toMatch(/bottom\n$/u);
      assertFits(run.stdout, 80);
    }
  });

  it('a staircase of 2,000 indented list items (4 MB) loads and renders', BUDGET, async () => {
    const stairs = Array.from({ length: 2_000 }, (_, level) => `${' '.repeat(2 * level)}- step ${level}`).join('\n');
    const { env } = setup({ 'stairs.md': answerNote(stairs) });
    const run = await runPrep(['show', 'deep'], env, { columns: 80 });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('step 0');
    expect(run.stdout).toContain('step 1999');
    assertFits(run.stdout, 80);
  });

  it('nesting within the limits is left exactly as written', () => {
    const note = `${'> '.repeat(20)}quote\n${'- '.repeat(20)}item\n${Array.from({ length: 30 }, (_, level) => `${'  '.repeat(level)}- x`).join('\n')}`;
    expect(capNesting(note)).toEqual({ text: note, lines: [] });
    expect(capNesting(`${'1. '.repeat(40)}x`).text).toBe(`${'1. '.repeat(32)}1\\. ${'1. '.repeat(7)}x`);
  });
});

describe('long lines and many headings', () => {
  const line = {
    words: `${Array.from({ length: 40_000 }, (_, index) => `w${index % 10}rd`).join(' ')}!`,
    'one word': 'x'.repeat(200_000),
    CJK: '中文字符'.repeat(50_000),
    'emphasis and links': Array.from({ length: 10_000 }, (_, index) => `**b${index}** [l](http://x/${index})`).join(' '),
  };

  it.each(Object.entries(line))('a 200,000-character line of %s renders at 80 columns, every line fitting', BUDGET, async (_name, text) => {
    expect(text.length).toBeGreaterThanOrEqual(200_000);
    const { env } = setup({ 'long.md': answerNote(`${text}\n\n\`\`\`\n${'c'.repeat(1_000)}\n\`\`\``) });
    for (const color of [false, true]) {
      const run = await runPrep(['show', 'deep'], env, { columns: 80, color });
      expect(run.code).toBe(0);
      assertNoControl(run.stdout, { colour: color });
      assertFits(run.stdout, 80);
      expect(run.stdout).toContain(`    ${'c'.repeat(1_000)}`);
    }
    const plain = await runPrep(['show', 'deep'], env, { columns: 80 });
    if (!/[*[]/u.test(text)) expect(plain.stdout.replace(/\s+/gu, '')).toContain(text.replace(/\s+/gu, ''));
  });

  it('a heading of 100,000 characters: a card, listed and shown within the width', BUDGET, async () => {
    const heading = `What is ${'long '.repeat(20_000)}?`;
    const { env } = setup({ 'long.md': `## ${heading}\n\nAnswer.\n\n## What is short?\n\nShort.\n` });
    const cards = await shownCards(env);
    expect(cards.map((card) => card.question.length)).toEqual([heading.trim().length, 'What is short?'.length]);
    const list = await runPrep(['show', '--list'], env, { columns: 80 });
    expect(list.code).toBe(0);
    assertFits(list.stdout, 80);
    const shown = await runPrep(['show', 'long'], env, { columns: 80, color: true });
    expect(shown.code).toBe(0);
    assertFits(shown.stdout, 80);
    const check = await runPrep(['check'], env);
    expect(check.stdout).toContain('2 cards in 1 file; 0 problems');
  });

  it('a heading of 100,000 markup characters (`<a`, `<!--`, `*`, `_`) loads quickly', BUDGET, () => {
    for (const unit of ['<a', '<!--', '* ', '_a', '[', '<details><summary>']) {
      const heading = unit.repeat(Math.ceil(100_000 / unit.length));
      const started = performance.now();
      const { drafts } = parseNote(`## Q ${heading}?\n\nA ${heading}\n\n<!--a-->${'<!--a-->'.repeat(40)}x\n`, 'f.md', 'f');
      expect(drafts.length, unit).toBeLessThanOrEqual(1);
      expect(performance.now() - started, unit).toBeLessThan(5_000);
    }
  });

  it('5,000 headings in one file: 5,000 cards, listed, checked and searched', BUDGET, async () => {
    const note = Array.from({ length: 5_000 }, (_, index) => `## ${(index % 999) + 1}. What is item ${index}?\n\nAnswer ${index}.`).join('\n\n');
    const { env } = setup({ 'many.md': note });
    const check = await runPrep(['check'], env);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('5000 cards in 1 file; 0 problems');
    const list = await runPrep(['show', '--list'], env, { columns: 80 });
    expect(list.stdout.trimEnd().split('\n')).toHaveLength(5_000);
    const cards = await shownCards(env);
    expect(new Set(cards.map((card) => card.id)).size).toBe(5_000);
    expect(cards.at(-1)).toMatchObject({ question: 'What is item 4999?', answer: 'Answer 4999.', source: { line: 4 * 4_999 + 1 } });
    const found = await runPrep(['show', 'item', '4321'], env, { columns: 80 });
    expect(found.stdout).toContain('What is item 4321?');
  });

  it('the loader on 5,000 headings nested six levels deep', BUDGET, () => {
    const note = Array.from({ length: 5_000 }, (_, index) => `${'#'.repeat(1 + (index % 6))} What is ${index}?\n\nAnswer ${index}.`).join('\n\n');
    const notes = testdir({ 'nested.md': note });
    const deckset = loadDeckset([notes]);
    expect(deckset.cards).toHaveLength(5_000);
  });
});

/** A note whose card "What is big?" has `answer`, between two other cards. */
function bigAnswerNote(answer: string): string {
  return `## What is A?\n\nA.\n\n## What is big?\n\n${answer}\n\n## What is after?\n\nAfter.\n`;
}

/** About `megabytes` MB of `unit` repeated. */
function megabytes(megabytes: number, unit: string): string {
  return unit.repeat(Math.ceil((megabytes * 1024 * 1024) / unit.length));
}

describe('paragraphs and lines of megabytes', () => {
  // Each overflowed the stack of one of marked's block expressions: the setext heading's (per
  // character, past 8.5 MB), the paragraph's (per line), the thematic break's (per mark) or the
  // blank run's (per line). The cards around the big one must load as they are.
  const shapes: Record<string, string> = {
    'a 9.5 MB line of words': `${megabytes(9.5, 'word ')}end`,
    'a paragraph of 1.5 million short lines': `${megabytes(4.5, 'ab\n')}end`,
    'a task item whose paragraph is a 9.5 MB line': `- [ ] task\n\n  ${megabytes(9.5, 'word ')}end`,
    'a 9.5 MB line in a block quote': `> ${megabytes(9.5, 'word ')}end`,
    'a 9.5 MB line of [': `${megabytes(9.5, '[')}end`,
    'a 4 MB thematic break of * between paragraphs': `start\n\n${megabytes(4, '*')}\n\nend`,
    '3 million blank lines after text': `text\n${megabytes(3, '\n')}end`,
  };

  it('each loads in-process: its card holds all of it, and the cards around it load', { timeout: 60_000 }, () => {
    const files = Object.fromEntries(Object.values(shapes).map((answer, index) => [`big-${index}.md`, bigAnswerNote(answer)]));
    const deckset = loadDeckset([testdir(files)]);
    expect(deckset.diagnostics).toEqual([]);
    Object.entries(shapes).forEach(([name, answer], index) => {
      const cards = deckset.cards.filter((card) => card.deck === `big-${index}`);
      expect(cards.map((card) => card.question), name).toEqual(['What is A?', 'What is big?', 'What is after?']);
      expect(cards[1]?.answer === answer.trimEnd(), name).toBe(true);
      expect(cards[2]?.source.line, name).toBe(8 + answer.split('\n').length);
    });
  });

  it('`prep check` and `prep show --json` load a note with a 9 MB paragraph, and the other notes', BUDGET, async () => {
    const answer = `${megabytes(9, 'some words in a line\n')}end`;
    const { env } = setup({ 'big.md': bigAnswerNote(answer), 'clean.md': clean });
    const check = await runPrep(['check'], env);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('4 cards in 2 files; 0 problems');
    const big = (await shownCards(env)).find((card) => card.question === 'What is big?');
    expect(big?.answer === answer, 'the answer is the whole paragraph').toBe(true);
  });

  it('`prep show` renders a card whose answer is one paragraph of 9 MB, as its text where marked cannot', BUDGET, async () => {
    const answer = `${'word '.repeat(1_900_000)}end`;
    const { env } = setup({ 'big.md': bigAnswerNote(answer) });
    const shown = await runPrep(['show', 'big'], env, { columns: 80 });
    expect(shown.stderr).toBe('');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('What is big?');
    expect(shown.stdout).toMatch(/word\s+end\n/u);
  });
});
