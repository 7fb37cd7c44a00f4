import { existsSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Card } from '../../src/notes/card.js';
import { noteCachePath } from '../../src/notes/cache.js';
import { runPrep } from '../helpers/io.js';
import { testdir } from '../helpers/testdir.js';

const DAY_AGO = (Date.now() - 86_400_000) / 1000;

/** Notes whose modification time is old enough for the cache to trust them. */
function oldNotes(files: Record<string, string>): string {
  const dir = testdir(files);
  for (const name of Object.keys(files)) utimesSync(path.join(dir, name), DAY_AGO, DAY_AGO);
  return dir;
}

/** The cards `prep show --json` prints: the id, the answer and the source as well as the question. */
async function cardsOf(notes: string, home: string): Promise<Card[]> {
  const run = await runPrep(['--content', notes, 'show', '--json'], { PREP_HOME: home });
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Card[];
}

async function questions(notes: string, home: string): Promise<string[]> {
  const run = await runPrep(['--content', notes, 'show', '--json'], { PREP_HOME: home });
  expect(run.code).toBe(0);
  return (JSON.parse(run.stdout) as Card[]).map((card) => card.question);
}

describe('the parse cache is invisible', () => {
  it('is written on the first run and used for unchanged files', async () => {
    const notes = oldNotes({ 'a.md': '## What is TCP?\nA protocol.\n' });
    const home = testdir();
    expect(await questions(notes, home)).toEqual(['What is TCP?']);
    const cacheFile = noteCachePath(home);
    expect(existsSync(cacheFile)).toBe(true);
    // Prove the second run reads the cache: change what it holds (same length), not the note.
    const bytes = readFileSync(cacheFile);
    bytes.write('What is UDP?', bytes.indexOf('What is TCP?'));
    writeFileSync(cacheFile, bytes);
    expect(await questions(notes, home)).toEqual(['What is UDP?']);
  });

  it('sees an edited note on the next run', async () => {
    const notes = oldNotes({ 'a.md': '## What is TCP?\nA protocol.\n' });
    const home = testdir();
    await questions(notes, home);
    writeFileSync(path.join(notes, 'a.md'), '## What is TCP, really?\nA protocol.\n');
    expect(await questions(notes, home)).toEqual(['What is TCP, really?']);
  });

  it('sees an edit that keeps the size when the time changed', async () => {
    const notes = oldNotes({ 'a.md': '## What is TCP?\nA protocol.\n' });
    const home = testdir();
    await questions(notes, home);
    const file = path.join(notes, 'a.md');
    writeFileSync(file, '## What is UDP?\nA protocol.\n');
    utimesSync(file, DAY_AGO + 60, DAY_AGO + 60);
    expect(await questions(notes, home)).toEqual(['What is UDP?']);
  });

  it('sees added, deleted and renamed notes', async () => {
    const notes = oldNotes({ 'a.md': '## First?\nyes\n', 'b.md': '## Second?\nyes\n' });
    const home = testdir();
    expect(await questions(notes, home)).toEqual(['First?', 'Second?']);
    writeFileSync(path.join(notes, 'c.md'), '## Third?\nyes\n');
    expect(await questions(notes, home)).toEqual(['First?', 'Second?', 'Third?']);
    rmSync(path.join(notes, 'a.md'));
    expect(await questions(notes, home)).toEqual(['Second?', 'Third?']);
    renameSync(path.join(notes, 'b.md'), path.join(notes, 'z.md'));
    const run = await runPrep(['--content', notes, 'show', '--json'], { PREP_HOME: home });
    const cards = JSON.parse(run.stdout) as Card[];
    expect(cards.map((card) => [card.question, path.basename(card.source.file)])).toEqual([
      ['Third?', 'c.md'],
      ['Second?', 'z.md'],
    ]);
  });

  it('ignores and rebuilds a corrupt cache', async () => {
    const notes = oldNotes({ 'a.md': '## What is TCP?\nA protocol.\n' });
    const home = testdir();
    const expected = await cardsOf(notes, home);
    const cacheFile = noteCachePath(home);
    const good = readFileSync(cacheFile);
    const header = good.subarray(0, good.indexOf(0x0a) + 1);
    const sections = good.subarray(header.length);
    const garbage = [
      '{not json',
      'null\n',
      '{"loader":"source","writtenAt":1,"files":{"x":1}}\n',
      // Cut short: the sections the header lists are not all there.
      good.subarray(0, good.length - 3),
      // A header without its line break.
      header.subarray(0, header.length - 1),
      // Answers that end past their section.
      Buffer.concat([header, Buffer.from(new Uint32Array([sections.length * 2]).buffer), sections.subarray(4)]),
    ];
    for (const bytes of garbage) {
      writeFileSync(cacheFile, bytes);
      expect(await cardsOf(notes, home)).toEqual(expected);
      // Rebuilt whole: the same cache but for the time it was written.
      expect(readFileSync(cacheFile).length).toBe(good.length);
    }
  });

  it('ignores entries whose shape is wrong, and a cache of another loader version', async () => {
    const notes = oldNotes({ 'a.md': '## What is TCP?\nA protocol.\n' });
    const home = testdir();
    await questions(notes, home);
    const cacheFile = noteCachePath(home);
    const bytes = readFileSync(cacheFile);
    const end = bytes.indexOf(0x0a);
    const header = JSON.parse(bytes.subarray(0, end).toString('utf8')) as { loader: string; files: Record<string, { drafts: { questions: unknown } }> };
    const rewrite = (changed: object): void => {
      writeFileSync(cacheFile, Buffer.concat([Buffer.from(JSON.stringify(changed).replace('What is TCP?', 'stale')), bytes.subarray(end)]));
    };
    rewrite({ ...header, loader: 'another' });
    expect(await questions(notes, home)).toEqual(['What is TCP?']);
    const [file] = Object.keys(header.files);
    rewrite({ ...header, files: { [file ?? '']: { ...header.files[file ?? ''], drafts: { questions: 'no' } } } });
    expect(await questions(notes, home)).toEqual(['What is TCP?']);
  });

  it('is no error when the data directory cannot hold it', async () => {
    const notes = oldNotes({ 'a.md': '## What is TCP?\nA protocol.\n' });
    const home = testdir({ cache: 'a file where the cache folder should be' });
    expect(await questions(notes, home)).toEqual(['What is TCP?']);
  });
});

describe('the parse cache file', () => {
  it('is ignored when it is not a regular file (a pipe would block a read)', async () => {
    const notes = oldNotes({ 'a.md': '## What is TCP?\nA protocol.\n' });
    const home = testdir({ 'cache/notes.cache/': '' });
    expect(await questions(notes, home)).toEqual(['What is TCP?']);
  });
});
