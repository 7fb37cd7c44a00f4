import { utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDecksetCached } from '../../src/notes/cache.js';
import { loadDeckset } from '../../src/notes/load.js';
import { searchCards } from '../../src/search/match.js';
import { testdir } from '../helpers/testdir.js';

const DAY_AGO = (Date.now() - 86_400_000) / 1000;

/** Notes whose modification time is old enough for the cache to trust them. */
function oldNotes(files: Record<string, string>): string {
  const dir = testdir(files);
  for (const name of Object.keys(files)) utimesSync(path.join(dir, name), DAY_AGO, DAY_AGO);
  return dir;
}

const NOTES = {
  'net.md': '# Network\n\n## What is TCP?\n\nA reliable **stream**.\n\n## 什么是三次握手？\n\nSYN, SYN-ACK, ACK。\n',
  'db/redis.md': '---\ndeck: Redis\n---\n# 缓存\n\n## Redis 持久化有哪几种？\n\n```\nRDB\nAOF\n```\n\n## What is TCP keepalive in Redis?\n\nA probe.\n',
};

describe('the parse cache keeps answers and search text on disk until asked for', () => {
  it('gives the same cards as loading without a cache', async () => {
    const notes = oldNotes(NOTES);
    const home = testdir();
    const expected = JSON.stringify(loadDeckset([notes]).cards);
    expect(JSON.stringify((await loadDecksetCached([notes], home)).cards)).toBe(expected);
    expect(JSON.stringify((await loadDecksetCached([notes], home)).cards)).toBe(expected);
  });

  it('searches its stored text as it searches the cards', async () => {
    const notes = oldNotes(NOTES);
    const home = testdir();
    await loadDecksetCached([notes], home);
    const cached = await loadDecksetCached([notes], home);
    const text = cached.searchText?.();
    expect(text).toBeDefined();
    for (const query of [['tcp'], ['TCP', 'redis'], ['握手'], ['aof'], ['ＲＥＤＩＳ'], ['stream'], ['nothing-like-this']]) {
      expect(searchCards(cached.cards, query, text).map((card) => card.id)).toEqual(searchCards(cached.cards, query).map((card) => card.id));
    }
    expect(searchCards(cached.cards, ['tcp'], text).map((card) => card.question)).toEqual(['What is TCP keepalive in Redis?', 'What is TCP?']);
  });

  it('searches a stored text that takes several reads (more than 256 KB) as it searches the cards', async () => {
    const filler = `${'Padding text for the cache, 填充。'.repeat(40)}\n\n`;
    const note = (part: number): string =>
      Array.from({ length: 60 }, (_, index) => `## Question ${part}-${index}?\n\n${filler.repeat(2)}${index % 7 === 0 ? 'Ends with etcd.' : 'Nothing.'}\n`).join('\n');
    const notes = oldNotes({ 'a.md': note(1), 'b.md': note(2), 'c.md': note(3) });
    const home = testdir();
    await loadDecksetCached([notes], home);
    const cached = await loadDecksetCached([notes], home);
    const text = cached.searchText?.();
    expect(text?.starts.at(-1)).toBeGreaterThan(512 * 1024);
    // Read from the cache file, not folded again from the cards.
    expect(text && !('bytes' in text)).toBe(true);
    for (const query of [['etcd'], ['question', '2-14'], ['填充', 'etcd'], ['nothing-like-this']]) {
      expect(searchCards(cached.cards, query, text).map((card) => card.id)).toEqual(searchCards(cached.cards, query).map((card) => card.id));
    }
    expect(searchCards(cached.cards, ['etcd'], text)).toHaveLength(27);
  });

  it('reads answers from the cache it was loaded from, even after another run replaced it', async () => {
    const notes = oldNotes(NOTES);
    const other = oldNotes({ 'other.md': '## What is UDP?\n\nDatagrams.\n' });
    const home = testdir();
    await loadDecksetCached([notes], home);
    const cached = await loadDecksetCached([notes], home);
    // Another run, on other notes, rewrites the cache before this one reads any answer.
    expect((await loadDecksetCached([other], home)).cards.map((card) => card.answer)).toEqual(['Datagrams.']);
    expect(cached.cards.map((card) => card.answer)).toEqual(loadDeckset([notes]).cards.map((card) => card.answer));
  });

  it('after a note changes, keeps the answers of the others (read from the old cache at once) and stores them right', async () => {
    const notes = oldNotes({ ...NOTES, 'os.md': '## What is a page fault?\n\nA trap to the **kernel**; 缺页中断。\n' });
    const home = testdir();
    await loadDecksetCached([notes], home);
    writeFileSync(path.join(notes, 'net.md'), '## What is TCP?\n\nA reliable, ordered **stream** of bytes.\n');
    utimesSync(path.join(notes, 'net.md'), DAY_AGO + 60, DAY_AGO + 60);
    const answers = loadDeckset([notes]).cards.map((card) => card.answer);
    expect((await loadDecksetCached([notes], home)).cards.map((card) => card.answer)).toEqual(answers);
    const reread = await loadDecksetCached([notes], home);
    expect(reread.cards.map((card) => card.answer)).toEqual(answers);
    expect(searchCards(reread.cards, ['ordered'], reread.searchText?.()).map((card) => card.question)).toEqual(['What is TCP?']);
  });
});
