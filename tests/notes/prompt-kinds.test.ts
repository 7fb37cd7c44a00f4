import { describe, it } from 'vitest';
import { expectRule, type RuleCase } from './rule-table.js';
import { md } from './support.js';

/*
 * Rule 1: what marks a prompt. Headings at any level, headings inside list items, bold lines,
 * `Q:`/`A:` labels and asking block quotes are questions; bold inside a line, quotations and
 * lead-ins are not. Questions with no answer give no card and one diagnostic per file.
 */

describe('headings at any level, and headings inside list items', () => {
  it.each<RuleCase>([
    {
      name: 'questions as level-1 headings',
      note: md`
        # What is a process?

        A program while it runs.

        # What is a thread?

        A path of execution in a process.
      `,
      cards: ['What is a process? / -', 'What is a thread? / -'],
      answers: ['A program while it runs.', 'A path of execution in a process.'],
      diagnostics: [],
    },
    {
      name: 'questions as level-5 headings under two sections',
      note: md`
        # Notes

        ## Memory

        ##### 什么是栈？

        函数调用用的内存。

        ## Files

        ##### 什么是 inode？

        文件的元数据。
      `,
      cards: ['什么是栈？ / Memory', '什么是 inode？ / Files'],
      diagnostics: [],
    },
    {
      name: '`1. ### …` with the answer indented under the item',
      note: md`
        # JavaScript

        1. ### What is a closure?

           A function that remembers the scope it was made in.

        2. ### What is hoisting?

           Declarations move to the top of their scope.
      `,
      cards: ['What is a closure? / -', 'What is hoisting? / -'],
      answers: ['A function that remembers the scope it was made in.', 'Declarations move to the top of their scope.'],
      diagnostics: [],
    },
    {
      name: '`- ## Pod` nested two lists deep',
      note: md`
        # Orchestration

        - Objects
            - ## Pod

              The smallest unit that runs containers.

            - ## Service

              A stable address in front of a set of pods.
      `,
      cards: ['Pod / -', 'Service / -'],
      answers: ['The smallest unit that runs containers.', 'A stable address in front of a set of pods.'],
    },
    {
      name: 'near miss: a `#` line in a fenced code block is no heading',
      note: md`
        ## How do you list open ports?

        \`\`\`bash
        # one line per socket
        ss -tlnp
        \`\`\`

        ## What is a socket?

        An endpoint of a connection.
      `,
      cards: ['How do you list open ports? / -', 'What is a socket? / -'],
      answers: ['```bash\n# one line per socket\nss -tlnp\n```', 'An endpoint of a connection.'],
      diagnostics: [],
    },
  ])('$name', expectRule);
});

describe('bold lines', () => {
  it.each<RuleCase>([
    {
      name: 'a bold paragraph is the question, the paragraphs after it its answer',
      note: md`
        # Interview

        ## Python

        **What is the GIL?**

        A lock that lets one thread run bytecode at a time.

        It keeps reference counting simple.

        **What is a decorator?**

        A function that wraps another.

        ## Statistics

        **What is a p-value? ⭐️**

        The chance of data this extreme if the null hypothesis holds.

        **What is a confidence interval? 👶**

        A range that holds the true value in most repeated samples.
      `,
      cards: ['What is the GIL? / Python', 'What is a decorator? / Python', 'What is a p-value? ⭐️ / Statistics', 'What is a confidence interval? 👶 / Statistics'],
      answers: [
        'A lock that lets one thread run bytecode at a time.\n\nIt keeps reference counting simple.',
        'A function that wraps another.',
        'The chance of data this extreme if the null hypothesis holds.',
        'A range that holds the true value in most repeated samples.',
      ],
      diagnostics: [],
    },
    {
      name: 'near miss: bold text at the start of an answer line (`**Bias** is …`) stays in the answer',
      note: md`
        ## Models

        **What is the bias-variance trade-off?**

        **Bias** is the error from wrong assumptions.

        **Variance** is the error from fitting noise.

        **What is regularisation?**

        A penalty on large weights.
      `,
      cards: ['What is the bias-variance trade-off? / -', 'What is regularisation? / -'],
      answers: ['**Bias** is the error from wrong assumptions.\n\n**Variance** is the error from fitting noise.', 'A penalty on large weights.'],
      diagnostics: [],
    },
    {
      name: 'bold list items (`1. **…**`) with the answer indented under them',
      note: md`
        ## 操作系统

        1. **什么是进程？**

           运行中的程序，有自己的地址空间。

        2. **什么是线程？**

           进程里的一条执行路径。
      `,
      cards: ['什么是进程？ / -', '什么是线程？ / -'],
      answers: ['运行中的程序，有自己的地址空间。', '进程里的一条执行路径。'],
      diagnostics: [],
    },
    {
      name: 'near miss: in a note of heading questions, a lone bold line inside an answer is part of it',
      note: md`
        ## What is a hash table?

        An array of buckets indexed by a hash.

        **Example**

        A phone book keyed by name.

        ## What is a heap?

        A tree where each parent is smaller than its children.
      `,
      cards: ['What is a hash table? / -', 'What is a heap? / -'],
      answers: ['An array of buckets indexed by a hash.\n\n**Example**\n\nA phone book keyed by name.', 'A tree where each parent is smaller than its children.'],
      diagnostics: [],
    },
    {
      name: 'near miss: a bold lead-in ending in a colon (`**Note:**`) is no question',
      note: md`
        ## Caching

        **What is a cache hit?**

        The data was found in the cache.

        **Note:**

        - hits are cheap
        - misses are not

        **What is a cache miss?**

        The data had to be fetched from the source.
      `,
      cards: ['What is a cache hit? / -', 'What is a cache miss? / -'],
      answers: ['The data was found in the cache.\n\n**Note:**\n\n- hits are cheap\n- misses are not', 'The data had to be fetched from the source.'],
      diagnostics: [],
    },
    {
      name: 'bold questions under topic headings, as many questions as headings',
      note: md`
        # Interview

        ## Python

        **What is the GIL?**

        A lock that lets one thread run bytecode at a time.

        ## Statistics

        **What is a p-value?**

        The chance of data this extreme if the null hypothesis holds.

        **What is a confidence interval?**

        A range that holds the true value in most repeated samples.
      `,
      cards: ['What is the GIL? / Python', 'What is a p-value? / Statistics', 'What is a confidence interval? / Statistics'],
      diagnostics: [],
    },
  ])('$name', expectRule);
});

describe('question and answer labels', () => {
  it.each<RuleCase>([
    {
      name: '`Q:`/`A:` and `Question:`/`Answer:` paragraphs, labels stripped',
      note: md`
        ## Transport

        Q: What is TCP?

        A: A reliable, ordered byte stream.

        Question: What is UDP?

        Answer: Datagrams, without delivery guarantees.
      `,
      cards: ['What is TCP? / -', 'What is UDP? / -'],
      answers: ['A reliable, ordered byte stream.', 'Datagrams, without delivery guarantees.'],
      diagnostics: [],
    },
    {
      name: '`问：`/`答：` and `问题：`/`答案：`',
      note: md`
        ## 网络

        问：什么是 DNS？

        答：把域名解析成地址的系统。

        问题：什么是 CDN？

        答案：离用户近的缓存节点。
      `,
      cards: ['什么是 DNS？ / -', '什么是 CDN？ / -'],
      answers: ['把域名解析成地址的系统。', '离用户近的缓存节点。'],
      diagnostics: [],
    },
    {
      name: '`- Q1)` items with nested `- A:` answers, one `A:` a sibling item, one answer without a label',
      note: md`
        ## Containers

        - Q1) What is an image?
        - A: A read-only template for containers.
        - Q2) What is a container?
            - A: A running instance of an image.
        - Q3) What is a volume?
            - Storage that outlives the container.
      `,
      cards: ['What is an image? / -', 'What is a container? / -', 'What is a volume? / -'],
      // The label goes; whether the answer stays a list item is not this rule's business.
      answers: [/^\s*(?:- )?A read-only template for containers\.$/u, /^\s*(?:- )?A running instance of an image\.$/u, /^\s*(?:- )?Storage that outlives the container\.$/u],
      diagnostics: [],
    },
    {
      name: '`-1. Question:` paragraphs (no list: no space after `-`) with `Solution:` answers',
      note: md`
        ## Architecture:

        -1. Question: How do you roll out a change safely?

        Solution: Ship it to a few hosts first and watch the error rate.

        -2. Question: What is a circuit breaker?

        Solution: A switch that stops calls to a failing service for a while.
      `,
      cards: ['How do you roll out a change safely? / -', 'What is a circuit breaker? / -'],
      answers: ['Ship it to a few hosts first and watch the error rate.', 'A switch that stops calls to a failing service for a while.'],
      diagnostics: [],
    },
    {
      name: '`Q13)` without a space after the label',
      note: md`
        ## Shell

        - Q1)What does \`chmod +x\` do?
            - A: Makes a file executable.
        - Q2)What does \`df -h\` show?
            - A: Free disk space, in readable units.
      `,
      cards: ['What does `chmod +x` do? / -', 'What does `df -h` show? / -'],
      answers: [/^\s*(?:- )?Makes a file executable\.$/u, /^\s*(?:- )?Free disk space, in readable units\.$/u],
      diagnostics: [],
    },
    {
      name: 'near miss: answer options `- A: …`, `- B: …` under a heading question are its answer, not answers to questions',
      note: md`
        ## Which value is falsy?

        - A: \`[]\`
        - B: \`0\`

        B: zero is falsy.

        ## Which value is truthy?

        - A: \`""\`
        - B: \`{}\`

        B: every object is truthy.
      `,
      cards: ['Which value is falsy? / -', 'Which value is truthy? / -'],
      diagnostics: [],
    },
  ])('$name', expectRule);
});

describe('block quotes that ask', () => {
  it.each<RuleCase>([
    {
      name: 'under topic headings, a quote that asks is a question and the text after it its answer',
      note: md`
        # Network

        ## Sockets

        > What is a socket?

        An endpoint of a connection, named by address and port.

        ## Addresses

        > <a name="q-nat"></a> 什么是 NAT？为什么需要它？

        路由器改写地址，让多台主机共用一个公网地址。
      `,
      cards: ['What is a socket? / Sockets', '什么是 NAT？为什么需要它？ / Addresses'],
      answers: ['An endpoint of a connection, named by address and port.', '路由器改写地址，让多台主机共用一个公网地址。'],
      diagnostics: [],
    },
    {
      name: 'near miss: under a heading that asks, a quote that asks restates it and stays in the answer',
      note: md`
        ## What does listen() do?

        > Similar question: what does the backlog argument mean?

        It marks a socket as passive and sizes its queue.

        ## What does accept() do?

        It takes a connection off the queue.
      `,
      cards: ['What does listen() do? / -', 'What does accept() do? / -'],
      answers: ['> Similar question: what does the backlog argument mean?\n\nIt marks a socket as passive and sizes its queue.', 'It takes a connection off the queue.'],
      diagnostics: [],
    },
    {
      name: 'near miss: a quotation that does not ask is part of the topic text',
      note: md`
        # Network

        ## Backlog

        > The backlog argument sets the longest queue of pending connections.

        The kernel keeps two queues, one for each handshake stage.

        ## Keepalive

        Probes sent on an idle connection to see if the peer is still there.
      `,
      cards: ['Backlog / -', 'Keepalive / -'],
      answers: [
        '> The backlog argument sets the longest queue of pending connections.\n\nThe kernel keeps two queues, one for each handshake stage.',
        'Probes sent on an idle connection to see if the peer is still there.',
      ],
      diagnostics: [],
    },
  ])('$name', expectRule);
});

describe('questions without answers', () => {
  it.each<RuleCase>([
    {
      name: 'an item ending in `:` whose nested items are sub-prompts is unanswered: no card',
      note: md`
        ## Programming:

        - Q1) Data structures - discuss:
            - Binary tree
            - Hash map
        - Q2) What is recursion?
            - A: A function that calls itself.
      `,
      cards: ['What is recursion? / -'],
      diagnostics: [[3, 'a question has no answer']],
    },
    {
      name: 'several unanswered `Q1)` items give one diagnostic listing their lines',
      note: md`
        ## Linux

        - Q1) What is a zombie process?
            - A: A finished child whose parent has not reaped it.
        - Q2) What is a daemon?
        - Q3) What is a runlevel?
        - Q4) What does nice do?
      `,
      cards: ['What is a zombie process? / -'],
      diagnostics: [[5, '3 questions have no answer under them (lines 5, 6, 7)']],
    },
    {
      name: '`问：` paragraphs without `答：` answers',
      note: md`
        ## 基础

        问：什么是进程？

        答：运行中的程序。

        问：什么是线程？

        问：什么是协程？
      `,
      cards: ['什么是进程？ / -'],
      diagnostics: [[7, '2 questions have no answer under them (lines 7, 9)']],
    },
    {
      name: 'bold questions with nothing under them before the next',
      note: md`
        ## Trees

        **What is a binary tree?**

        **What is a B-tree?**

        A balanced tree with many keys per node.

        **What is a trie?**
      `,
      cards: ['What is a B-tree? / -'],
      diagnostics: [[3, '2 questions have no answer under them (lines 3, 9)']],
    },
  ])('$name', expectRule);
});

describe('shapes met in real notes', () => {
  it.each<RuleCase>([
    {
      name: 'numbered headings in list items after a table of contents: beside it, answers unindented, back-to-top links out',
      note: md`
        # Interview questions

        ### Table of Contents

        | No. | Questions |
        | --- | --------- |
        | 1 | [What is a hook?](#what-is-a-hook) |

        1. ### What is a hook?

            A function that lets a component **use state**.

            **[⬆ Back to Top](#table-of-contents)**

        2. ### What is a ref?

            A box that keeps a value across renders.
      `,
      cards: ['What is a hook? / -', 'What is a ref? / -'],
      answers: ['A function that lets a component **use state**.', 'A box that keeps a value across renders.'],
      diagnostics: [],
    },
    {
      name: 'bold questions numbered across sections: a section title between them stays a section',
      note: md`
        ## 基础

        **1. 重载和重写的区别？**

        重载在同一个类中，重写在父子类之间。

        ## 集合

        **2. HashMap 的底层实现？**

        数组加链表加红黑树。
      `,
      cards: ['重载和重写的区别？ / 基础', 'HashMap 的底层实现？ / 集合'],
      answers: ['重载在同一个类中，重写在父子类之间。', '数组加链表加红黑树。'],
      diagnostics: [],
    },
  ])('$name', expectRule);
});

describe('more shapes met in real notes', () => {
  it.each<RuleCase>([
    {
      name: '<details> opened after an inline tag on its line (a paragraph to Markdown) asks its summary',
      note: md`
        ## HTML

        <b><details><summary>1. 什么是语义化标签？</summary></b>

        <p>

        用正确的标签做正确的事情。

        </p>
        </details>
      `,
      cards: ['什么是语义化标签？ / HTML'],
      answers: ['用正确的标签做正确的事情。'],
      diagnostics: [],
    },
    {
      name: '`Question N.` before a heading’s question is an outline number',
      note: md`
        ## Question 1. What is hoisting?

        Declarations move to the top.

        ## Problem 2: What is a closure?

        A function with its scope.
      `,
      cards: ['What is hoisting? / -', 'What is a closure? / -'],
    },
  ])('$name', expectRule);
});
