import { describe, expect, it } from 'vitest';
import { buildOutline, explicitIdIn, lexBlocks, type HeadingNode } from '../../src/notes/outline.js';
import { md } from './support.js';

/** The outline as nested `title@line` strings, children indented. */
function tree(markdown: string, firstLine = 1): string[] {
  const lines: string[] = [];
  const visit = (nodes: HeadingNode[], depth: number) => {
    for (const node of nodes) {
      lines.push(`${'  '.repeat(depth)}${node.title}@${node.line}`);
      visit(node.children, depth + 1);
    }
  };
  visit(buildOutline(lexBlocks(markdown, firstLine)).roots, 0);
  return lines;
}

describe('buildOutline: outline numbers win over heading levels', () => {
  it.each([
    {
      name: '### 十一 after ## 十 is a sibling, ### 12.1 belongs under ### 十二',
      note: md`
        ## 十：网络
        正文
        ### 十一：Cookie？
        正文
        ### 十二：框架
        ### 12.1: 区别？
        正文
      `,
      outline: ['网络@1', 'Cookie？@3', '框架@5', '  区别？@6'],
    },
    {
      name: '### 4.1 stays under ## 四 and ## 五 closes it',
      note: md`
        ## 四：数据库
        ### 4.1: 索引？
        ### 4.2: 事务？
        ## 五：网络
        ### 5.1: TCP？
      `,
      outline: ['数据库@1', '  索引？@2', '  事务？@3', '网络@4', '  TCP？@5'],
    },
    {
      name: 'a dotted number under an unrelated number is not its child',
      note: md`
        ## 四：数据库
        ### 5.1: TCP？
      `,
      outline: ['数据库@1', 'TCP？@2'],
    },
    {
      name: 'levels decide where there are no numbers',
      note: md`
        ## 基础
        ### 什么是 A？
        #### A 的细节
        ## 进阶
      `,
      outline: ['基础@1', '  什么是 A？@2', '    A 的细节@3', '进阶@4'],
    },
    {
      name: 'sections and questions numbered alike, restarting per section: ### 2. stays with ### 1.',
      note: md`
        ## 1. Java 基础
        ### 1. 什么是 JVM？
        ### 2. 什么是 JDK？
        ## 2. 并发
        ### 1. 什么是线程？
        ### 2. 什么是锁？
        ### 3. 什么是死锁？
      `,
      outline: ['Java 基础@1', '  什么是 JVM？@2', '  什么是 JDK？@3', '并发@4', '  什么是线程？@5', '  什么是锁？@6', '  什么是死锁？@7'],
    },
    {
      name: 'a continued dotted number is a sibling: ### 4.2 after ### 4.1 under ## 四',
      note: md`
        ## 四：数据库
        ### 4.1: 索引？
        ### 4.1: 又一个 4.1？
        ### 4.2: 事务？
        ### 五：网络
      `,
      outline: ['数据库@1', '  索引？@2', '  又一个 4.1？@3', '  事务？@4', '网络@5'],
    },
    {
      name: 'different numbering schemes fall back to levels',
      note: md`
        ## 一：基础
        ### 1. 什么是 A？
        ### 2. 什么是 B？
      `,
      outline: ['基础@1', '  什么是 A？@2', '  什么是 B？@3'],
    },
  ])('$name', ({ note, outline }) => {
    expect(tree(note)).toEqual(outline);
  });
});

describe('buildOutline: what Markdown does not call a heading', () => {
  it('# lines inside code fences', () => {
    const note = md`
      ## 怎么看日志？

      ~~~bash
      # tail the log
      tail -f app.log
      ~~~

      \`\`\`c
      #define MAX 10
      #include <stdio.h>
      \`\`\`
    `;
    expect(tree(note)).toEqual(['怎么看日志？@1']);
  });

  it('# lines inside list items and block quotes', () => {
    const note = md`
      ## 有哪些步骤？

      - # 第一步
      - ## 第二步

      > # 引用里的标题
    `;
    expect(tree(note)).toEqual(['有哪些步骤？@1']);
  });

  it('headings inside a closed <details> block', () => {
    const note = md`
      ###### 1. 输出是什么？

      <details><summary>答案</summary>

      #### 答案：B

      解释。

      </details>

      ###### 2. 输出又是什么？
    `;
    expect(tree(note)).toEqual(['输出是什么？@1', '输出又是什么？@11']);
  });

  it('an unclosed <details> hides no headings', () => {
    const note = md`
      ## 什么是闭包？

      <details><summary>答案</summary>

      ## 什么是原型链？

      内容
    `;
    expect(tree(note)).toEqual(['什么是闭包？@1', '什么是原型链？@5']);
  });
});

describe('buildOutline: heading text', () => {
  it.each([
    ['## <a name="q1"></a>1. What is `this`?', 'What is `this`?', [1]],
    ["## <a name='toc'>目录</a>", '目录', undefined],
    ['## ⭐️ JVM vs JDK vs JRE', 'JVM vs JDK vs JRE', undefined],
    ['### 🚀 4.1: 什么是索引？ 🔥', '什么是索引？ 🔥', [4, 1]],
    ['## What is TCP? <!-- id: tcp -->', 'What is TCP?', undefined],
    ['## [What is a closure?](https://example.com)', '[What is a closure?](https://example.com)', undefined],
  ])('%s', (heading, title, numbers) => {
    const [node] = buildOutline(lexBlocks(`${heading}\n\nanswer\n`, 1)).roots;
    expect(node?.title).toBe(title);
    expect(node?.number?.numbers).toEqual(numbers);
  });

  it('keeps the heading as written, without inline HTML', () => {
    const [node] = buildOutline(lexBlocks('## <a name="x"></a>十三：进阶：\n', 1)).roots;
    expect(node?.heading).toBe('十三：进阶：');
  });
});

describe('buildOutline: explicit ids', () => {
  it.each([
    ['on the heading line', '## What is TCP? <!-- id: tcp-basics -->\n\nReliable.\n', 'tcp-basics'],
    ['on the line after', '## What is TCP?\n<!-- id: tcp-basics -->\n\nReliable.\n', 'tcp-basics'],
    ['after a blank line, first under the heading', '## What is TCP?\n\n<!--id:tcp.v2-->\n\nReliable.\n', 'tcp.v2'],
    ['not in the middle of the answer', '## What is TCP?\n\nReliable.\n\n<!-- id: tcp-basics -->\n', undefined],
    ['not an ordinary comment', '## What is TCP?\n<!-- todo: expand -->\n\nReliable.\n', undefined],
  ])('%s', (_name, note, id) => {
    const [node] = buildOutline(lexBlocks(note, 1)).roots;
    expect(node?.explicitId).toBe(id);
  });

  it.each([
    ['<!-- id: my-id -->', 'my-id'],
    ['<!--id:a.b_c-->', 'a.b_c'],
    ['<!-- identity: x -->', undefined],
    ['<!-- id: -->', undefined],
  ])('explicitIdIn(%s)', (text, id) => {
    expect(explicitIdIn(text)).toBe(id);
  });
});

describe('lexBlocks: where each block is in the note', () => {
  it.each([
    ['blocks of every kind', '# T\n\nText\nmore text\n\n- a\n  - b\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n```js\nx\n```\n\n    code\n\n> quote\n\n<div>\nhtml\n</div>\n\n[ref]: https://example.com\n\n---\nSetext\n===\n'],
    ['a paragraph continued by indented code and a definition', 'Para\n    code\n[a]: b\n\n## Q\n'],
    ['no line break at the end', '## Q?\n\nA.'],
  ])('%s: a block with a position has its raw text there', (_name, note) => {
    const blocks = lexBlocks(note, 1);
    expect(blocks.length).toBeGreaterThan(1);
    for (const block of blocks) {
      if (block.start === undefined) continue;
      expect(block.lexed).toBe(note);
      expect(note.slice(block.start, block.start + block.token.raw.length)).toBe(block.token.raw);
    }
    expect(blocks.every((block) => block.start !== undefined)).toBe(blocks.map((block) => block.token.raw).join('') === note);
  });
});

describe('lexBlocks: lines', () => {
  it('gives every heading its line, counting from the first line of the body', () => {
    const note = md`
      Preamble.

      ## One

      | a | b |
      | - | - |
      | 1 | 2 |

      [ref]: https://example.com

      ## Two
      - item
      \`\`\`
      code
      \`\`\`
      ## Three
    `;
    expect(tree(note, 5)).toEqual(['One@7', 'Two@15', 'Three@20']);
  });

  it('puts the preamble before the first heading', () => {
    const outline = buildOutline(lexBlocks('Some words.\n\n- a list\n\n## Q?\n\nA.\n', 1));
    expect(outline.preamble.map((block) => block.token.type).filter((type) => type !== 'space')).toEqual(['paragraph', 'list']);
    expect(outline.preamble.map((block) => block.line).slice(0, 1)).toEqual([1]);
    expect(outline.roots.map((node) => node.line)).toEqual([5]);
  });
});
