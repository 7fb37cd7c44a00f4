import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Lexer } from 'marked';
import { afterEach, describe, expect, it } from 'vitest';
import { parseNote, type CardDraft } from '../../src/notes/parse.js';
import { fixturesDir, md, outlineOf, parse } from './support.js';

function fixture(name: string): { text: string; lines: string[]; parsed: ReturnType<typeof parseNote> } {
  const text = readFileSync(path.join(fixturesDir, name), 'utf8');
  return { text, lines: text.split('\n'), parsed: parseNote(text, name, name.replace(/\.md$/u, '')) };
}

function draft(drafts: CardDraft[], question: string): CardDraft {
  const found = drafts.find((each) => each.question === question || each.question.startsWith(`${question}\n`));
  if (!found) throw new Error(`no card "${question}" among ${JSON.stringify(outlineOf(drafts))}`);
  return found;
}

describe('fixtures after the shapes of real notes', () => {
  it.each([
    {
      file: 'numbered-levels.md',
      deck: 'numbered-levels',
      cards: [
        '什么是进程？ / 操作系统',
        '进程和线程的区别？ / 操作系统',
        'TCP 三次握手的过程？ / 网络',
        'HTTPS 和 HTTP 的区别？ / -',
        '什么是索引？ / 数据库',
        '什么是事务？ / 数据库',
      ],
    },
    {
      file: 'sections-with-parts.md',
      deck: '后端基础',
      cards: [
        '什么是垃圾回收？ / 语言基础',
        'Compiler vs Interpreter vs VM / 语言基础',
        '值传递和引用传递有什么区别？ / 语言基础',
        '什么是死锁？ / 并发（重要）',
        '如何避免死锁？ / 并发（重要）',
        '乐观锁和悲观锁的区别 / 并发（重要）',
      ],
    },
    {
      file: 'mixed-depth.md',
      deck: 'mixed-depth',
      cards: [
        '为什么网络要分层？ / 网络基础 › 分层模型',
        '四层模型是什么？ / 网络基础 › 分层模型',
        '传输层有哪些协议？ / 网络基础 › 常见协议',
        '从输入网址到看到页面发生了什么？ / 应用层',
        '状态码有哪些？ / 应用层',
      ],
    },
    {
      file: 'details.md',
      // Its lone title names the deck (rule 9).
      deck: 'JavaScript 输出题',
      cards: ['下面代码的输出是什么？ / -', '下面代码的输出是什么？ / -'],
    },
    { file: 'question-bank.md', deck: 'question-bank', cards: [] },
  ])('$file', ({ file, deck, cards }) => {
    const { parsed, lines } = fixture(file);
    expect(outlineOf(parsed.drafts).map((line) => line.replace(/\n[\s\S]*? \//u, ' /'))).toEqual(cards);
    for (const each of parsed.drafts) {
      expect(each.deck).toBe(deck);
      const heading = lines[each.source.line - 1] ?? '';
      expect(heading, `${file}:${each.source.line}`).toMatch(/^#{1,6} /u);
      expect(heading).toContain(each.question.split('\n')[0]);
    }
  });

  it('numbered-levels.md has no diagnostics', () => {
    expect(fixture('numbered-levels.md').parsed.diagnostics).toEqual([]);
  });

  it('sections-with-parts.md: a question answered by sub-headings stays one card', () => {
    const { parsed } = fixture('sections-with-parts.md');
    const answer = draft(parsed.drafts, 'Compiler vs Interpreter vs VM').answer;
    expect(answer).toContain('#### Compiler');
    expect(answer).toContain('#### Interpreter 和 VM');
    expect(answer).toContain('VM 执行字节码');
    expect(parsed.drafts.some((each) => each.question === 'Compiler')).toBe(false);
  });

  it('sections-with-parts.md: code, tables and block quotes stay in answers; the preamble, references and directives stay out', () => {
    const { parsed } = fixture('sections-with-parts.md');
    expect(draft(parsed.drafts, '什么是死锁？').answer).toContain('#define MAX_LOCKS 2');
    expect(draft(parsed.drafts, '什么是垃圾回收？').answer).toContain('# 查看 GC 日志');
    expect(draft(parsed.drafts, '值传递和引用传递有什么区别？').answer).toContain('| 值传递 | 副本 |');
    expect(draft(parsed.drafts, '如何避免死锁？').answer).toContain('> synchronized (a)');
    const everything = parsed.drafts.map((each) => `${each.question}\n${each.answer}`).join('\n');
    expect(everything).not.toContain('本文整理了');
    expect(everything).not.toContain('example.com');
    expect(everything).not.toContain('@include');
    expect(everything).not.toContain('title:');
    // The preamble is in no card, and said so as a note, not a problem.
    expect(parsed.diagnostics).toEqual([{ file: 'sections-with-parts.md', line: 8, message: expect.stringMatching(/introduction/u), note: true }]);
  });

  it('details.md: what comes before <details> asks, the block answers', () => {
    const { parsed } = fixture('details.md');
    const [first, second] = parsed.drafts;
    expect(first?.question).toContain('console.log(typeof null);');
    expect(first?.question).toContain('- B: `"object"`');
    expect(first?.answer).toContain('#### 答案：B');
    expect(first?.answer).toContain('历史遗留');
    expect(first?.answer).not.toMatch(/<\/?(?:p|details|summary)>|---/u);
    expect(second?.question).toContain('0.1 + 0.2 === 0.3');
    expect(second?.answer).toContain('浮点数不能精确表示');
    expect(second?.answer).not.toMatch(/返回顶部|<\/?(?:p|details)>/u);
    expect(parsed.diagnostics).toEqual([]);
  });

  it('question-bank.md: questions without answers give one diagnostic and no cards', () => {
    const { parsed } = fixture('question-bank.md');
    expect(parsed.drafts).toEqual([]);
    expect(parsed.diagnostics).toHaveLength(1);
    expect(parsed.diagnostics[0]).toMatchObject({ file: 'question-bank.md', line: 1 });
    expect(parsed.diagnostics[0]?.message).toMatch(/no question\/answer structure/u);
  });
});

describe('front matter', () => {
  it('is stripped: YAML and its closing --- do not make a setext heading', () => {
    const { drafts, diagnostics } = parse(md`
      ---
      category: 网络
      tags: tcp
      ---
      ## What is TCP?

      Reliable.
    `);
    expect(outlineOf(drafts)).toEqual(['What is TCP? / -']);
    expect(drafts[0]?.answer).toBe('Reliable.');
    expect(diagnostics).toEqual([]);
  });

  it.each([
    ['deck: Networking\ntitle: Ignored', 'Networking'],
    ['title: 计算机网络', '计算机网络'],
    ["deck: '  Spaced  '", 'Spaced'],
    ['deck: ""\ntitle: Fallback', 'Fallback'],
    ['deck: 42', 'note'],
    ['other: x', 'note'],
  ])('%j sets the deck to %s', (yaml, deck) => {
    const { drafts } = parse(`---\n${yaml}\n---\n## What is TCP?\n\nReliable.\n`);
    expect(drafts.map((each) => each.deck)).toEqual([deck]);
  });

  it('keeps source lines right: the body is counted from its line in the file', () => {
    const text = '---\ntitle: T\nlist:\n  - a\n  - b\n---\n\n## What is A?\n\nA.\n\n## What is B?\n\nB.\n';
    const { drafts } = parse(text);
    const lines = text.split('\n');
    expect(drafts.map((each) => each.source.line)).toEqual([8, 12]);
    expect(drafts.map((each) => lines[each.source.line - 1])).toEqual(['## What is A?', '## What is B?']);
  });

  describe('executable front matter is never run', () => {
    const probe = globalThis as { __prepFrontMatterRan?: unknown };
    afterEach(() => {
      delete probe.__prepFrontMatterRan;
    });

    it.each(['js', 'javascript', ' js'])('---%s', (language) => {
      const { drafts, diagnostics } = parse(md`
        ---${language}
        { deck: (globalThis.__prepFrontMatterRan = true, 'evil') }
        ---
        ## What is A?

        A.
      `);
      expect(probe.__prepFrontMatterRan).toBeUndefined();
      expect(drafts.map((each) => [each.deck, each.question, each.source.line])).toEqual([['note', 'What is A?', 4]]);
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]).toMatchObject({ file: 'note.md', line: 1 });
      expect(diagnostics[0]?.message).toMatch(/not read/u);
    });

    it('an unknown language is reported, not run', () => {
      const { drafts, diagnostics } = parse('---coffee\ndeck: "x"\n---\n## What is A?\n\nA.\n');
      expect(drafts.map((each) => each.deck)).toEqual(['note']);
      expect(diagnostics).toHaveLength(1);
    });
  });

  it.each([
    ['an unclosed flow sequence', '---\ntitle: T\ntags: [a, b\nmore: 1\n---\n', [3, 4, 5]],
    ['a broken mapping', '---\ntitle: T\nfoo: : bar\n  baz: 1\n---\n', [3, 4]],
    ['a duplicate key', '---\ntitle: T\ntitle: U\n---\n', [2, 3, 4]],
  ])('invalid YAML (%s) is reported at a line of the front matter, and the cards still load', (_name, front, lines) => {
    const { drafts, diagnostics } = parse(`${front}## What is A?\n\nA.\n`);
    expect(outlineOf(drafts)).toEqual(['What is A? / -']);
    expect(drafts[0]?.deck).toBe('note');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.file).toBe('note.md');
    expect(lines).toContain(diagnostics[0]?.line);
    expect(diagnostics[0]?.message).toMatch(/invalid front matter/u);
  });

  it('an invalid questionLevel is reported and ignored', () => {
    const { drafts, diagnostics } = parse('---\nquestionLevel: 9\n---\n## What is A?\n\nA.\n');
    expect(drafts).toHaveLength(1);
    expect(diagnostics.map((each) => each.message)).toEqual([expect.stringMatching(/questionLevel/u)]);
  });
});

describe('which heading depth holds the questions', () => {
  /** Few `###` questions and one answered through two `####` parts: the guess picks depth 4. */
  const body = md`
    ## 基础

    ### 什么是 JVM？

    运行字节码的虚拟机。

    ### JVM vs JDK vs JRE

    #### JVM

    运行字节码。

    #### JDK 和 JRE

    JDK 带工具，JRE 只能运行。
  `;

  it('the guess can be wrong: the parts become cards of their own', () => {
    expect(outlineOf(parse(body).drafts)).toEqual(['什么是 JVM？ / -', 'JVM / JVM vs JDK vs JRE', 'JDK 和 JRE / JVM vs JDK vs JRE']);
  });

  it('questionLevel in the front matter fixes it: one card whose answer holds the parts', () => {
    const { drafts, diagnostics } = parse(`---\nquestionLevel: 3\n---\n${body}`);
    expect(outlineOf(drafts)).toEqual(['什么是 JVM？ / -', 'JVM vs JDK vs JRE / -']);
    const answer = drafts[1]?.answer ?? '';
    expect(answer).toContain('#### JVM');
    expect(answer).toContain('#### JDK 和 JRE');
    expect(drafts.map((each) => each.source.line)).toEqual([6, 10]);
    expect(diagnostics).toEqual([]);
  });

  it('sub-headings of an answered question that are not questions stay in its answer (#### Example)', () => {
    const { drafts } = parse(md`
      ## Arrays

      ### What does map return?

      A new array.

      #### Example

      \`\`\`js
      [1, 2].map((x) => x * 2);
      \`\`\`

      ### How is reduce used?

      It folds an array into one value.

      #### Example

      Summing: \`reduce((a, b) => a + b, 0)\`.
    `);
    expect(outlineOf(drafts)).toEqual(['What does map return? / -', 'How is reduce used? / -']);
    expect(drafts[0]?.answer).toMatch(/^A new array\.\n\n#### Example\n\n```js\n/u);
    expect(drafts[1]?.answer).toContain('#### Example');
  });

  it('questionLevel keeps a deeper heading that reads as a question inside the answer', () => {
    const { drafts } = parse(md`
      ---
      questionLevel: 2
      ---
      ## 重载和重写

      两种多态。

      ### 什么是重载？

      同名不同参。
    `);
    expect(outlineOf(drafts)).toEqual(['重载和重写 / -']);
    expect(drafts[0]?.answer).toContain('### 什么是重载？');
  });
});

describe('lists, code and HTML under a heading', () => {
  it('a tab-indented list right under a heading is a list, not code', () => {
    const { drafts } = parse('## 进程如何通信？\n\t- 管道\n\t- 信号\n\t- 共享内存\n');
    const tokens = new Lexer().lex(drafts[0]?.answer ?? '');
    expect(tokens.map((token) => token.type)).toEqual(['list']);
    expect(tokens[0]?.type === 'list' ? tokens[0].items.length : 0).toBe(3);
  });

  it('indented code that is not a list stays code', () => {
    const { drafts } = parse('## 怎么打印？\n\n    print("hi")\n    print("bye")\n');
    expect(new Lexer().lex(drafts[0]?.answer ?? '').map((token) => token.type)).toEqual(['code']);
  });

  it('a comment between paragraphs is left out of the answer, which keeps both', () => {
    const { drafts } = parse('## What is Q?\n\nFirst.\n<!-- note -->\n\nSecond.\n');
    expect(drafts.map((each) => each.answer.replace(/\n+/gu, ' '))).toEqual(['First. Second.']);
  });

  it('HTML comments and back-to-top links are left out of answers', () => {
    const { drafts } = parse(md`
      ## What is A?

      <!-- TODO: add a picture -->

      A is the first letter.

      **[⬆ Back to Top](#table-of-contents)**

      ## What is B?

      B comes after A.

      [↑ 返回顶部](#目录)

      <p align="right"><a href="#top">back to top</a></p>
    `);
    expect(drafts.map((each) => each.answer)).toEqual(['A is the first letter.', 'B comes after A.']);
  });

  it('a link to another page is an answer, not noise', () => {
    const { drafts } = parse('## Where is the spec?\n\n[The spec](https://tc39.es/ecma262/)\n');
    expect(drafts.map((each) => each.answer)).toEqual(['[The spec](https://tc39.es/ecma262/)']);
  });
});

describe('<details> blocks', () => {
  it('bare blocks under a topic heading are cards of their own, their summaries the questions', () => {
    const { drafts, diagnostics } = parse(md`
      ## Hoisting

      <details>
      <summary>What is hoisting?</summary>

      Declarations move to the top of their scope.

      </details>

      <details>
      <summary><b>Are let and const hoisted?</b></summary>

      Yes, into the temporal dead zone.

      </details>
    `);
    expect(outlineOf(drafts)).toEqual(['What is hoisting? / Hoisting', 'Are let and const hoisted? / Hoisting']);
    expect(drafts.map((each) => each.answer)).toEqual(['Declarations move to the top of their scope.', 'Yes, into the temporal dead zone.']);
    expect(drafts.map((each) => each.source.line)).toEqual([3, 10]);
    expect(diagnostics).toEqual([]);
  });

  it('blocks before any heading are cards with no path', () => {
    const { drafts } = parse('<details><summary>What is 1 + 1?</summary>\n\n2\n\n</details>\n');
    expect(outlineOf(drafts)).toEqual(['What is 1 + 1? / -']);
    expect(drafts[0]?.answer).toBe('2');
  });

  it('a block without a summary is reported', () => {
    const { drafts, diagnostics } = parse('## Topic\n\n<details>\n\nNo summary here.\n\n</details>\n\n<details><summary>Q?</summary>\n\nA.\n\n</details>\n');
    expect(outlineOf(drafts)).toEqual(['Q? / Topic']);
    expect(diagnostics).toEqual([expect.objectContaining({ line: 3, message: expect.stringMatching(/<details>/u) })]);
  });

  it('a closing tag cut by a blank line (`</details`, then `>` starting a quote) still closes the block', () => {
    const { drafts } = parse('## Topic\n\n<details><summary>Q?</summary>\n\nA </details\n\n> quote\n\n<details><summary>Q2?</summary>\n\nB\n\n</details>\n');
    expect(drafts.map((each) => [each.question, each.answer])).toEqual([
      ['Q?', 'A'],
      ['Q2?', 'B'],
    ]);
  });

  it('an unclosed block followed by 20,000 paragraphs answers with all of them, in time that grows with the text', () => {
    const paragraphs = Array.from({ length: 20_000 }, (_, index) => `Paragraph ${index}.`);
    const started = performance.now();
    const { drafts } = parse(`## What is it?\n\n<details><summary>Q?</summary>\n\n${paragraphs.join('\n\n')}\n`);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(drafts.map((each) => each.question)).toEqual(['What is it?']);
    expect(drafts[0]?.answer.endsWith('Paragraph 19999.')).toBe(true);
  });
});

describe('not cards', () => {
  it.each([
    ['## 参考', '- [一](https://a.example)\n- [二](https://b.example)'],
    ['## References', '1. https://a.example\n2. https://b.example'],
    ['## 参考资料：', '- 《一本书》'],
    ['## Table of Contents', '- [What is A?](#what-is-a)'],
    ['## 目录', '1. [一](#一)\n1. [二](#二)'],
  ])('%s', (heading, list) => {
    const { drafts } = parse(`## What is A?\n\nA.\n\n${heading}\n\n${list}\n`);
    expect(outlineOf(drafts)).toEqual(['What is A? / -']);
    expect(drafts[0]?.answer).toBe('A.');
  });

  it('a list of links under a heading is a table of contents of what follows: their section (rule 5)', () => {
    const { drafts } = parse('## Contents of this file\n\n- [One](#one)\n- [Two](#two)\n\n## What is A?\n\nA.\n');
    expect(outlineOf(drafts)).toEqual(['What is A? / Contents of this file']);
  });

  it('the preamble before the first heading', () => {
    const { drafts } = parse('Welcome to my notes.\n\nRead them daily.\n\n## What is A?\n\nA.\n');
    expect(outlineOf(drafts)).toEqual(['What is A? / -']);
    expect(drafts[0]?.answer).toBe('A.');
  });

  it.each([
    ['a heading with nothing under it', '## What is A?\n\nA.\n\n## What is B?\n', 5, /empty question "What is B\?"/u],
    ['an empty heading before the next one', '## What is A?\n\n## What is B?\n\nB.\n', 1, /empty question "What is A\?"/u],
    ['a heading with only comments under it', '## What is B?\n\nB.\n\n## What is A?\n\n<!-- later -->\n', 5, /empty question/u],
    ['a heading with only an outline number', '## 一：\n\n答案。\n\n## 二：什么是 B？\n\nB。\n', 1, /only an outline number/u],
  ])('%s is reported at its line', (_name, note, line, message) => {
    const { drafts, diagnostics } = parse(note);
    expect(drafts).toHaveLength(1);
    expect(diagnostics).toEqual([expect.objectContaining({ file: 'note.md', line, message: expect.stringMatching(message) })]);
  });

  it.each([
    ['an empty note', ''],
    ['prose without headings', 'Just some words.\n\nAnd more.\n'],
    ['headings without answers', '## What is A?\n\n## What is B?\n'],
    ['front matter only', '---\ntitle: T\n---\n'],
  ])('%s gives a no-structure diagnostic and no cards', (_name, note) => {
    const { drafts, diagnostics } = parse(note);
    expect(drafts).toEqual([]);
    expect(diagnostics.filter((each) => /no question\/answer structure/u.test(each.message))).toHaveLength(1);
  });
});

describe('headings as people write them', () => {
  it.each([
    ['## ⭐️ 什么是闭包？', '什么是闭包？'],
    ['## 🔥🔥 1. 什么是闭包？', '什么是闭包？'],
    ['## <a name="closure"></a>什么是闭包？', '什么是闭包？'],
    ['## <a id="closure">什么是闭包？</a>', '什么是闭包？'],
    ['## What does `Array.prototype.map` return?', 'What does `Array.prototype.map` return?'],
    ['## 4.1: 什么是闭包？（重要）', '什么是闭包？（重要）'],
    ['## Q3: What is a closure? ##', 'What is a closure?'],
  ])('%s → %s', (heading, question) => {
    const { drafts } = parse(`${heading}\n\n答案。\n`);
    expect(drafts.map((each) => each.question)).toEqual([question]);
  });

  it('a setext heading is a question too', () => {
    const { drafts } = parse('What is A?\n----------\n\nA.\n\nWhat is B?\n----------\n\nB.\n');
    expect(outlineOf(drafts)).toEqual(['What is A? / -', 'What is B? / -']);
    expect(drafts.map((each) => each.source.line)).toEqual([1, 6]);
  });
});

describe('line ends and byte-order marks', () => {
  const note = md`
    ---
    deck: 网络
    ---
    # 我的笔记

    ## 1. 什么是 TCP？

    可靠传输。

    \`\`\`bash
    # 抓包
    tcpdump -i eth0
    \`\`\`

    ## 2. 什么是 UDP？

    - 无连接
    - 不可靠
  `;
  const lf = parse(note);

  it('the LF note gives two cards', () => {
    expect(outlineOf(lf.drafts)).toEqual(['什么是 TCP？ / -', '什么是 UDP？ / -']);
    expect(lf.drafts.map((each) => [each.deck, each.source.line])).toEqual([['网络', 6], ['网络', 15]]);
  });

  it.each([
    ['CRLF', note.replace(/\n/gu, '\r\n')],
    ['CR', note.replace(/\n/gu, '\r')],
    ['a BOM', `\uFEFF${note}`],
    ['a BOM and CRLF', `\uFEFF${note.replace(/\n/gu, '\r\n')}`],
  ])('%s gives the same cards and diagnostics as LF', (_name, text) => {
    expect(parse(text)).toEqual(lf);
  });
});
