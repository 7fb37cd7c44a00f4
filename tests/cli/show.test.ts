import { describe, expect, it } from 'vitest';
import type { Card } from '../../src/notes/card.js';
import { runPrep } from '../helpers/io.js';
import { testdir } from '../helpers/testdir.js';

function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { PREP_HOME: testdir(), ...extra };
}

const questions = (stdout: string): string[] => (JSON.parse(stdout) as Card[]).map((card) => card.question);

describe('prep show on the bundled notes', () => {
  it('finds the three Redis cards, question matches first', async () => {
    const run = await runPrep(['show', 'redis', '--json'], env());
    expect(run.code).toBe(0);
    expect(questions(run.stdout)).toEqual(['说一下Redis主从是如何同步的？', '说一下哨兵机制？', '说一下哨兵选主算法？']);
  });

  it('matches CJK by substring', async () => {
    const run = await runPrep(['show', '哨兵', '--json'], env());
    expect(questions(run.stdout)).toEqual(['说一下哨兵机制？', '说一下哨兵选主算法？']);
  });

  it('is case- and width-insensitive', async () => {
    const lower = await runPrep(['show', 'redis', '--json'], env());
    const fullWidth = await runPrep(['show', 'ＲＥＤＩＳ', '--json'], env());
    expect(fullWidth.stdout).toBe(lower.stdout);
  });

  it('ranks question and section matches before cards that only mention the word', async () => {
    const run = await runPrep(['show', 'mysql', '--json'], env());
    const found = JSON.parse(run.stdout) as Card[];
    const rank = (card: Card): number =>
      card.question.toLowerCase().includes('mysql') ? 0 : card.path.join(' ').toLowerCase().includes('mysql') ? 1 : 3;
    const ranks = found.map(rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(found.slice(0, 4).map((card) => card.question)).toEqual([
      '解释一下Mysql的底层原理',
      '一次请求， 就与mysql建立一次连接吗？',
      'B树和B+树的区别？',
      '采用B+树有什么优点和缺点？',
    ]);
    expect(found.at(-1)?.question).toBe('为什么需要连接池？');
  });

  it('requires every query word, and ranks by the weakest field a word was found in', async () => {
    const run = await runPrep(['show', 'redis', 'psync', '--json'], env());
    expect(questions(run.stdout)).toEqual(['说一下Redis主从是如何同步的？']);
    const ranked = await runPrep(['show', 'redis', '选主', '--json'], env());
    expect(questions(ranked.stdout)).toEqual(['说一下哨兵选主算法？', '说一下哨兵机制？']);
  });

  it('renders a card with breadcrumb, question and answer, plain when piped', async () => {
    const run = await runPrep(['show', '进程之间'], env(), { columns: 80 });
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('interview-notes › 使用过多线程和多进程吗？');
    expect(lines[1]).toBe('进程之间如何通信的？');
    expect(run.stdout).toContain('共享内存');
    expect(run.stdout).not.toMatch(/\u001b/u);
    expect(run.stdout).not.toMatch(/^\s*#/mu);
  });

  it('keeps the python code of the decorator card', async () => {
    const run = await runPrep(['show', '装饰器'], env(), { columns: 80 });
    expect(run.stdout).toContain('def check(fn):');
    expect(run.stdout).toContain('print("请先登录")');
  });

  it('shows one card by id, and lists cards one line each', async () => {
    const all = JSON.parse((await runPrep(['show', '--json'], env())).stdout) as Card[];
    expect(all).toHaveLength(18);
    const target = all[10] as Card;
    const byId = await runPrep(['show', target.id, '--json'], env());
    expect(JSON.parse(byId.stdout)).toEqual([target]);
    const list = await runPrep(['show', '--list', 'redis'], env(), { columns: 200 });
    expect(list.stdout.trim().split('\n')).toHaveLength(3);
    expect(list.stdout).toContain(`${target.id}  interview-notes › Redis主从  说一下Redis主从是如何同步的？`);
  });

  it('prints cards in the JSON shape of DESIGN.md', async () => {
    const [card] = JSON.parse((await runPrep(['show', '--json'], env())).stdout) as Card[];
    expect(Object.keys(card ?? {}).sort()).toEqual(['answer', 'deck', 'id', 'path', 'question', 'source']);
    expect(card?.source.line).toBe(1);
    expect(card?.source.file).toMatch(/content[/\\]interview-notes\.md$/u);
  });

  it('exits 1 with suggestions when nothing matches', async () => {
    const run = await runPrep(['show', 'redsi'], env());
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^prep: no card matches "redsi"/u);
    expect(run.stdout).toBe('');
    const near = await runPrep(['show', '哨兵机'], env());
    expect(near.code).toBe(0);
    const typo = await runPrep(['show', 'Redis主丛'], env());
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('"Redis主从"');
  });
});

describe('content folders', () => {
  const notes = { 'deck.md': '## What is a closure?\nA function with its scope.\n' };

  it('uses --content, repeatable, then PREP_CONTENT', async () => {
    const one = testdir(notes);
    const two = testdir({ 'other.md': '## Why TCP?\nReliable delivery.\n' });
    const both = await runPrep(['--content', one, '--content', two, 'show', '--json'], env());
    expect(questions(both.stdout)).toEqual(['What is a closure?', 'Why TCP?']);
    const fromEnv = await runPrep(['show', '--json'], env({ PREP_CONTENT: two }));
    expect(questions(fromEnv.stdout)).toEqual(['Why TCP?']);
  });

  it('says clearly when a folder does not exist', async () => {
    const run = await runPrep(['--content', '/nonexistent/notes', 'show'], env());
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('prep: content folder not found: /nonexistent/notes\n');
  });

  it('rejects an unknown option as bad usage', async () => {
    const run = await runPrep(['show', '--frobnicate'], env());
    expect(run.code).toBe(2);
  });

  it('rejects a bad PREP_NOW as bad usage', async () => {
    const run = await runPrep(['show'], env({ PREP_NOW: 'yesterday' }));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('PREP_NOW');
  });
});

describe('prep check', () => {
  it('lists every problem as file:line and the cards per file', async () => {
    const dir = testdir({
      'a.md': '## One?\nyes\n\n## Empty\n',
      'b.md': '- just\n- a list\n',
    });
    const run = await runPrep(['--content', dir, 'check'], env(), { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('a.md:4: empty question "Empty"');
    expect(run.stdout).toContain('b.md:1: no question/answer structure');
    expect(run.stdout).toContain('a.md: 1 card (headings at level 2)\n');
    expect(run.stdout).toMatch(/b\.md: 0 cards \(it has no headings, bold or Q: questions, or <details> blocks\); if it holds questions, set front matter cards: /u);
  });

  it('exits 1 when a file cannot be read', async () => {
    const dir = testdir({ 'bin.md': new Uint8Array([0, 1, 2, 3]) });
    const run = await runPrep(['--content', dir, 'check'], env(), { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('bin.md: not read');
  });
});

describe('error messages', () => {
  it('never pass control characters through, whatever the user typed', async () => {
    const evil = 'x\u001b]52;c;aGk=\u0007\u001b[2J\u009b';
    for (const args of [[evil], ['show', evil], ['--content', `/nonexistent/${evil}`, 'show']]) {
      const run = await runPrep(args, env());
      expect(run.code).not.toBe(0);
      expect(run.stderr).toMatch(/^prep: /u);
      expect(run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u);
    }
  });
});
