import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as show } from '../../src/commands/show.js';
import { noteCachePath } from '../../src/notes/cache.js';
import type { Card } from '../../src/notes/card.js';
import { terminalContext } from '../helpers/context.js';
import { runPrep } from '../helpers/io.js';
import { testdir } from '../helpers/testdir.js';

const DAY_AGO = (Date.now() - 86_400_000) / 1000;

/** Notes old enough for the parse cache to trust them, and an empty data directory. */
function oldNotes(files: Record<string, string>): { notes: string; home: string } {
  const notes = testdir(files);
  for (const name of Object.keys(files)) utimesSync(path.join(notes, name), DAY_AGO, DAY_AGO);
  return { notes, home: testdir() };
}

/** `prep check` on the notes, its paths relative to the notes folder. */
async function check(where: { notes: string; home: string }): Promise<{ code: number; stdout: string }> {
  const { code, stdout } = await runPrep(['--content', where.notes, 'check'], { PREP_HOME: where.home });
  return { code, stdout: stdout.replaceAll(`${where.notes}${path.sep}`, '') };
}

const README_WITH_QUESTIONS = '# Java interview questions\n\n## What is the JVM?\n\nThe virtual machine.\n\n## What is GC?\n\nGarbage collection.\n';
/** A project's README: a title over a list of links, no answers. */
const PROJECT_README = '# My project\n\n- [Install](install.md)\n- [Usage](usage.md)\n';
const NO_LINKS_REASON = 'its headings are followed by lists of questions or links, not answers (1)';

describe('README.md in the notes', () => {
  it('is notes when it holds questions: its cards load and check counts them', async () => {
    const where = oldNotes({ 'README.md': README_WITH_QUESTIONS, 'LICENSE.md': '# MIT License\n\n## Permission?\n\nGranted.\n' });
    const shown = await runPrep(['--content', where.notes, 'show', '--json'], { PREP_HOME: where.home });
    expect((JSON.parse(shown.stdout) as Card[]).map((card) => [card.deck, card.question])).toEqual([
      ['Java interview questions', 'What is the JVM?'],
      ['Java interview questions', 'What is GC?'],
    ]);
    const run = await check(where);
    expect(run.stdout).toBe('README.md: 2 cards (headings at level 2)\n2 cards in 1 file; 0 problems\n');
    expect(run.code).toBe(0);
  });

  it('without questions is "not notes" in check, with the reason, and no problem', async () => {
    const where = oldNotes({ 'README.md': PROJECT_README, 'tcp.md': '## What is TCP?\n\nA protocol.\n' });
    const run = await check(where);
    expect(run.stdout).toBe(
      [`README.md: not notes, skipped (${NO_LINKS_REASON})`, 'tcp.md: 1 card (headings at level 2)', '1 card in 1 file; 0 problems; 1 README not notes', ''].join('\n'),
    );
    expect(run.code).toBe(0);
  });

  it('without questions gives no problem line on other commands, where another file would', async () => {
    const quiet = oldNotes({ 'README.md': PROJECT_README, 'tcp.md': '## What is TCP?\n\nA protocol.\n' });
    const ctx = terminalContext(quiet, '2025-01-01T10:00:00Z');
    expect(await show({ query: [], list: true, json: false }, ctx)).toBe(0);
    expect(ctx.stderr.text).toBe('');
    const loud = oldNotes({ 'links.md': PROJECT_README, 'tcp.md': '## What is TCP?\n\nA protocol.\n' });
    const loudCtx = terminalContext(loud, '2025-01-01T10:00:00Z');
    await show({ query: [], list: true, json: false }, loudCtx);
    expect(loudCtx.stderr.text).toContain('1 problem in the notes');
  });

  it('is not notes under any spelling of its name, and a translation is a README too', async () => {
    const where = oldNotes({ 'readme.markdown': PROJECT_README, 'docs/README.zh-CN.md': PROJECT_README, 'tcp.md': '## What is TCP?\n\nA protocol.\n' });
    const run = await check(where);
    expect(run.stdout).toContain(`docs/README.zh-CN.md: not notes, skipped (${NO_LINKS_REASON})\n`);
    expect(run.stdout).toContain(`readme.markdown: not notes, skipped (${NO_LINKS_REASON})\n`);
    expect(run.stdout).toContain('1 card in 1 file; 0 problems; 2 READMEs not notes\n');
  });
});

describe('prep check explains each file', () => {
  it('says how each file was read, why a file gave no cards and what to change', async () => {
    const where = oldNotes({
      'a.md': '## One?\nyes\n\n## Empty\n',
      'b.md': '- just\n- a list\n',
      'c.md': '# Redis\n\n## Basics\n\n### What is Redis?\n\nA store.\n\n### Why is it fast?\n\nMemory.\n',
    });
    const run = await check(where);
    expect(run.stdout).toBe(
      [
        'a.md:4: empty question "Empty": no answer under it; no card made',
        'b.md:1: no question/answer structure, no cards: it has no headings, bold or Q: questions, or <details> blocks',
        '',
        'a.md: 1 card (headings at level 2)',
        'b.md: 0 cards (it has no headings, bold or Q: questions, or <details> blocks); if it holds questions, set front matter cards: (headings, list-headings, bold, qa, details, file) or questionLevel: (1-6)',
        'c.md: 2 cards (headings at level 3)',
        '3 cards in 3 files; 2 problems',
        '',
      ].join('\n'),
    );
    expect(run.code).toBe(0);
  });

  it('reports a bad front matter cards: at line 1 of its file', async () => {
    const where = oldNotes({ 'a.md': '---\ncards: tables\n---\n## One?\n\nyes\n' });
    expect((await check(where)).stdout).toContain('a.md:1: front matter cards must be one of headings, list-headings, bold, qa, details, file; ignored\n');
  });

  it('prints the same from the parse cache as from the notes, and the cache is what it read', async () => {
    const where = oldNotes({ 'README.md': PROJECT_README, 'b.md': '- just\n- a list\n', 'c.md': '## What is Redis?\n\nA store.\n' });
    const cold = await check(where);
    const warm = await check(where);
    expect(warm).toEqual(cold);
    expect(cold.stdout).toContain('c.md: 1 card (headings at level 2)');
    // The warm run read the cache: what the cache says is what it prints.
    const cacheFile = noteCachePath(where.home);
    writeFileSync(cacheFile, readFileSync(cacheFile, 'utf8').replace('headings at level 2', 'headings at level 5'));
    expect((await check(where)).stdout).toBe(cold.stdout.replace('headings at level 2', 'headings at level 5'));
  });
});
