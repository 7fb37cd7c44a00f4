import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Lexer, type Tokens } from 'marked';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Deckset } from '../../src/notes/card.js';
import { loadDeckset } from '../../src/notes/load.js';
import { repoRoot } from './support.js';

const contentDir = path.join(repoRoot, 'content');
const seedFile = path.join(contentDir, 'interview-notes.md');

/** The 18 cards the issue expects from the seed, in order: question / path. */
const expected: [string, string[]][] = [
  ['自我介绍', []],
  ['上家公司离职原因', []],
  ['你还有什么需要问的吗？', []],
  ['解释一下Mysql的底层原理', ['Mysql的底层原理']],
  ['B树和B+树的区别？', ['Mysql的底层原理']],
  ['采用B+树有什么优点和缺点？', ['Mysql的底层原理']],
  ['进程之间如何通信的？', ['使用过多线程和多进程吗？']],
  ['一次请求， 就与mysql建立一次连接吗？', ['了解数据库的连接池吗？']],
  ['连接池的工作原理', ['了解数据库的连接池吗？']],
  ['为什么需要连接池？', ['了解数据库的连接池吗？']],
  ['说一下Redis主从是如何同步的？', ['Redis主从']],
  ['说一下哨兵机制？', ['Redis主从']],
  ['说一下哨兵选主算法？', ['Redis主从']],
  ['说一下Pyhton中的装饰器， 生成器， 迭代器', []],
  ['Python的内存管理机制：', []],
  ['说一下计算机网络中的5层协议和7层协议吧', []],
  ['Cookie与Session的区别：', []],
  ['Flask框架与Django框架的区别？', ['Flask框架与Django框架？']],
];

describe('the bundled seed notes', () => {
  let deckset: Deckset;
  const seedLines = readFileSync(seedFile, 'utf8').split('\n');
  const card = (question: string) => {
    const found = deckset.cards.find((candidate) => candidate.question === question);
    if (!found) throw new Error(`no card "${question}"`);
    return found;
  };

  beforeAll(() => {
    deckset = loadDeckset([contentDir]);
  });

  it('gives exactly the 18 cards of the issue, in order', () => {
    expect(deckset.cards.map((each) => [each.question, each.path])).toEqual(expected);
  });

  it('puts every card in the deck named after the file', () => {
    expect(new Set(deckset.cards.map((each) => each.deck))).toEqual(new Set(['interview-notes']));
  });

  it('reports one file with 18 cards, readable', () => {
    expect(deckset.files).toEqual([{ file: seedFile, cards: 18, readable: true, reading: 'headings at levels 2 and 3' }]);
  });

  it('reads the tab-indented list of 5.1 as a list of 6 items', () => {
    const tokens = new Lexer().lex(card('进程之间如何通信的？').answer);
    const lists = tokens.filter((token): token is Tokens.List => token.type === 'list');
    expect(lists).toHaveLength(1);
    expect(lists[0]?.items.map((item) => item.text)).toEqual(['管道', '信号量', '信号', 'Sockte', '共享内存', '消息队列']);
    expect(tokens.some((token) => token.type === 'code')).toBe(false);
  });

  it('keeps the python code block in the answer about decorators', () => {
    const tokens = new Lexer().lex(card('说一下Pyhton中的装饰器， 生成器， 迭代器').answer);
    const code = tokens.filter((token): token is Tokens.Code => token.type === 'code');
    expect(code.map((token) => token.lang?.trim())).toEqual(['python']);
    expect(code[0]?.text).toContain('def check(fn):');
    expect(card('说一下Pyhton中的装饰器， 生成器， 迭代器').answer).toContain('生成器');
  });

  it('reports only the empty question 十三, at its line', () => {
    expect(deckset.diagnostics).toHaveLength(1);
    const [diagnostic] = deckset.diagnostics;
    expect(diagnostic).toMatchObject({ file: seedFile, line: 149 });
    expect(diagnostic?.message).toContain('十三：Pyhton比较进阶的使用：');
    expect(seedLines[148]).toMatch(/^### 十三：Pyhton比较进阶的使用：/u);
  });

  it('points each card at its heading line', () => {
    for (const each of deckset.cards) {
      const line = seedLines[each.source.line - 1] ?? '';
      expect(line, `line ${each.source.line}`).toMatch(/^#{1,6} /u);
      expect(line, `line ${each.source.line}`).toContain(each.question);
      expect(each.source.file).toBe(seedFile);
    }
  });

  it('keeps answers free of the next question', () => {
    for (const [index, each] of deckset.cards.entries()) {
      const next = deckset.cards[index + 1];
      if (next) expect(each.answer).not.toContain(next.question);
      expect(each.answer.trim()).not.toBe('');
    }
  });

  it('gives distinct ids', () => {
    expect(new Set(deckset.cards.map((each) => each.id)).size).toBe(18);
  });
});
