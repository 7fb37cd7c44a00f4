import { utimesSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Card } from '../../src/notes/card.js';
import { separateDecks } from '../../src/notes/decks.js';
import { loadDeckset } from '../../src/notes/load.js';
import { runPrep } from '../helpers/io.js';
import { testdir } from '../helpers/testdir.js';

/** The new decks `separateDecks` gives files (paths under /n), by file. */
function renamed(files: [string, string][]): Record<string, string> {
  const { decks } = separateDecks(files.map(([file, deck]) => ({ file: `/n/${file}`, deck })));
  return Object.fromEntries([...decks].map(([file, deck]) => [file.slice('/n/'.length), deck]));
}

describe('separateDecks', () => {
  it.each<[string, [string, string][], Record<string, string>]>([
    ['no collision', [['k8s.md', 'k8s'], ['ops/redis.md', 'redis']], {}],
    ['the file nearer the top keeps the name', [['ops/k8s.md', 'k8s'], ['k8s.md', 'k8s']], { 'ops/k8s.md': 'ops/k8s' }],
    ['of folders as deep, the first keeps it', [['dev/k8s.md', 'k8s'], ['ops/k8s.md', 'k8s']], { 'ops/k8s.md': 'ops/k8s' }],
    ['the shortest end of the folder that tells it apart', [['k8s.md', 'k8s'], ['a/x/k8s.md', 'k8s'], ['b/x/k8s.md', 'k8s']], { 'a/x/k8s.md': 'a/x/k8s', 'b/x/k8s.md': 'b/x/k8s' }],
    ['one folder name is enough when it is unique', [['k8s.md', 'k8s'], ['a/x/k8s.md', 'k8s'], ['b/y/k8s.md', 'k8s']], { 'a/x/k8s.md': 'x/k8s', 'b/y/k8s.md': 'y/k8s' }],
    ['a folder whose every end is shared keeps its whole path', [['k8s.md', 'k8s'], ['ops/k8s.md', 'k8s'], ['a/ops/k8s.md', 'k8s']], { 'ops/k8s.md': 'ops/k8s', 'a/ops/k8s.md': 'a/ops/k8s' }],
    ['equal front matter decks in two folders', [['db/mysql.md', 'SQL'], ['old/sql.md', 'sql']], { 'old/sql.md': 'old/sql' }],
    ['names that fold alike collide, as their card ids would', [['K8S.md', 'K8S'], ['ops/k8s.md', 'ｋ８ｓ']], { 'ops/k8s.md': 'ops/ｋ８ｓ' }],
    ['files of one folder sharing a deck keep it', [['redis-a.md', 'Redis'], ['redis-b.md', 'Redis']], {}],
    ['a shared deck of one folder moves as one', [['k8s.md', 'k8s'], ['ops/a.md', 'k8s'], ['ops/b.md', 'k8s']], { 'ops/a.md': 'ops/k8s', 'ops/b.md': 'ops/k8s' }],
  ])('%s', (_name, files, expected) => {
    expect(renamed(files)).toEqual(expected);
  });

  it('says so once per renamed file, naming the file that kept the deck', () => {
    const { diagnostics } = separateDecks([
      { file: '/n/k8s.md', deck: 'k8s' },
      { file: '/n/ops/k8s.md', deck: 'k8s' },
    ]);
    expect(diagnostics).toEqual([{ file: '/n/ops/k8s.md', line: 1, message: 'deck "k8s" is also the deck of ../k8s.md; the cards here are in deck "ops/k8s" (front matter deck: names another)' }]);
  });
});

const K8S = '## What is a pod?\n\nA group of containers.\n\n## What is a service?\n\nA stable address.\n';
const K8S_OPS = '## What is a pod?\n\nThe unit ops restart.\n\n## How to drain a node?\n\nkubectl drain.\n';
const REDIS = '## What is Redis?\n\nA store.\n';

/** `deck / question: id` of each card. */
const cardLines = (cards: Card[]): string[] => cards.map((card) => `${card.deck} / ${card.question}: ${card.id}`);

describe('decks that collide across files', () => {
  it('are told apart by folder; the ids of every other card stay as they were', () => {
    const root = testdir({ 'k8s.md': K8S, 'ops/k8s.md': K8S_OPS, 'redis.md': REDIS });
    const { cards, diagnostics } = loadDeckset([root]);
    const alone = (file: string): Card[] => loadDeckset([path.join(root, file)]).cards;
    expect(cards.map((card) => card.deck)).toEqual(['k8s', 'k8s', 'ops/k8s', 'ops/k8s', 'redis']);
    expect(cardLines(cards.filter((card) => card.deck !== 'ops/k8s'))).toEqual(cardLines([...alone('k8s.md'), ...alone('redis.md')]));
    // The renamed file's cards have the ids a note with that deck in its front matter has.
    const named = loadDeckset([testdir({ 'k.md': `---\ndeck: ops/k8s\n---\n${K8S_OPS}` })]).cards;
    expect(cards.filter((card) => card.deck === 'ops/k8s').map((card) => card.id)).toEqual(named.map((card) => card.id));
    expect(diagnostics).toEqual([{ file: path.join(root, 'ops/k8s.md'), line: 1, message: expect.stringMatching(/^deck "k8s" is also the deck of \.\.\/k8s\.md; the cards here are in deck "ops\/k8s"/u) }]);
  });

  it('without a collision, loading files together gives each the ids it has alone', () => {
    const root = testdir({ 'k8s.md': K8S, 'ops/kubernetes.md': K8S_OPS, 'redis.md': REDIS });
    const together = loadDeckset([root]);
    const alone = ['k8s.md', 'ops/kubernetes.md', 'redis.md'].flatMap((file) => loadDeckset([path.join(root, file)]).cards);
    expect(cardLines(together.cards)).toEqual(cardLines(alone));
    expect(together.diagnostics).toEqual([]);
  });

  it('prep check notes the collision, prep show finds the renamed deck, warm as cold', async () => {
    const notes = testdir({ 'k8s.md': K8S, 'ops/k8s.md': K8S_OPS });
    // Old enough for the parse cache to be trusted: the later runs read it.
    const dayAgo = (Date.now() - 86_400_000) / 1000;
    for (const file of ['k8s.md', 'ops/k8s.md']) utimesSync(path.join(notes, file), dayAgo, dayAgo);
    const env = { PREP_HOME: testdir() };
    const check = async (): Promise<string> => (await runPrep(['--content', notes, 'check'], env)).stdout.replaceAll(`${notes}${path.sep}`, '');
    const cold = await check();
    expect(cold).toContain('ops/k8s.md:1: deck "k8s" is also the deck of ../k8s.md');
    expect(cold).toContain('4 cards in 2 files; 1 problem\n');
    expect(await check()).toBe(cold);
    const shown = await runPrep(['--content', notes, 'show', '--json', 'ops/k8s'], env);
    expect((JSON.parse(shown.stdout) as Card[]).map((card) => card.question)).toEqual(['What is a pod?', 'How to drain a node?']);
  });
});
