import { describe, expect, it } from 'vitest';
import { expectRule, type RuleCase } from './rule-table.js';
import { md, parse } from './support.js';

/*
 * What a file's headings are: one question with facets (rule 3), sections at the questions' own
 * level (rule 4), topics whose text is a card or only an introduction (rule 5), and study notes
 * whose leaf topics are cards (rule 8).
 */

describe('rule 3: one question per file', () => {
  const shortener = md`
    # Design a URL shortener

    *This page is a sketch; the full write-up lives elsewhere.*

    ## Step 1: Outline use cases and constraints

    ### Use cases

    * A user enters a long URL and gets a short one back.

    ### Constraints

    Ten million new links a month, a hundred reads per write.

    ## Step 2: Create a high level design

    A write API, a read API and a key-value store.

    ## Step 3: Design core components

    ### Use case: a user shortens a URL

    Hash the URL, keep the first seven characters, store the pair.

    ## Step 4: Scale the design

    ### Security

    Refer to the security section.
  `;

  it.each<RuleCase>([
    { name: 'a title that sets a task over `Step N:` and `Use case:` facets', note: shortener, cards: ['Design a URL shortener / -'], diagnostics: [] },
    {
      name: '`# 面试题：…是什么？` over `一、二、` facets is one card, its label stripped',
      note: md`
        # 面试题：秒杀系统的库存扣减难点是什么？

        ## 一、超卖

        并发扣减时库存可能变成负数。

        ---

        ## 二、热点行

        所有请求都更新同一行。

        ### 1）分桶

        把库存拆成多行。

        ## 三、面试总结

        先预扣缓存，再异步落库。
      `,
      cards: ['秒杀系统的库存扣减难点是什么？ / -'],
      diagnostics: [],
    },
    {
      name: 'a task over problem facets (Approach, Complexity)',
      note: md`
        # Implement an LRU cache

        ## Approach

        A hash map plus a doubly linked list.

        ## Complexity

        O(1) for get and put.
      `,
      cards: ['Implement an LRU cache / -'],
      answers: ['## Approach\n\nA hash map plus a doubly linked list.\n\n## Complexity\n\nO(1) for get and put.'],
      diagnostics: [],
    },
    {
      name: 'near miss: the same `一、二、` numbering on headings that ask gives a card each',
      note: md`
        # 网络面试题

        ## 一、什么是 TCP？

        面向连接的可靠传输协议。

        ## 二、什么是 UDP？

        无连接的数据报协议。

        ## 三、TCP 和 UDP 有什么区别？

        一个可靠有连接，一个不可靠无连接。
      `,
      cards: ['什么是 TCP？ / -', '什么是 UDP？ / -', 'TCP 和 UDP 有什么区别？ / -'],
      diagnostics: [],
    },
    {
      name: 'near miss: a title that asks over sub-headings that ask is not one question',
      note: md`
        # What is Redis?

        ## What data types does it have?

        Strings, lists, hashes, sets and sorted sets.

        ## How does it persist data?

        RDB snapshots and an append-only file.
      `,
      cards: ['What data types does it have? / -', 'How does it persist data? / -'],
      diagnostics: [],
    },
    {
      name: 'near miss: a title that names a topic (`Design patterns`) over topics is no task',
      note: md`
        # Design patterns

        ## Singleton

        One instance per process, reached through one accessor.

        ## Factory

        Object creation behind a function, so callers do not name classes.
      `,
      cards: ['Singleton / -', 'Factory / -'],
      diagnostics: [],
    },
  ])('$name', expectRule);

  it('the one card of a task keeps the whole body as its answer, facets and all', () => {
    const { drafts } = parse(shortener);
    const answer = drafts[0]?.answer ?? '';
    for (const part of ['This page is a sketch', '## Step 1: Outline use cases and constraints', '### Use case: a user shortens a URL', 'Refer to the security section.']) {
      expect(answer).toContain(part);
    }
  });
});

describe('rule 4: sections at the questions’ own level', () => {
  it.each<RuleCase>([
    {
      name: 'empty `## Arrays` then `## What is …?` at the same level: a section in the path',
      note: md`
        ## Arrays

        ## How do you reverse an array in place?

        Swap elements from both ends towards the middle.

        ## What is a dynamic array?

        An array that grows by copying into a larger block.

        ## Strings

        ## Why are strings immutable in Java?

        So they can be shared and cached safely.
      `,
      cards: ['How do you reverse an array in place? / Arrays', 'What is a dynamic array? / Arrays', 'Why are strings immutable in Java? / Strings'],
      diagnostics: [],
    },
    {
      name: 'Chinese dividers, and an empty question among them still reported',
      note: md`
        ## 数组

        ## 什么是数组？

        一段连续的内存。

        ## 链表

        ## 什么是链表？

        节点用指针串起来的表。

        ## 什么是双向链表？
      `,
      cards: ['什么是数组？ / 数组', '什么是链表？ / 链表'],
      diagnostics: [[13, 'empty question "什么是双向链表？"']],
    },
    {
      name: 'a title with an empty body followed by `# 一 …` at its own level, the rest at `##`',
      note: md`
        # Go 语法面试题

        # 一 什么是 goroutine？

        由运行时调度的轻量级线程。

        ## 二 什么是 channel？

        goroutine 之间传值的管道。

        ## 三、select 有什么用？

        同时等待多个 channel。
      `,
      cards: ['什么是 goroutine？ / Go 语法面试题', '什么是 channel？ / Go 语法面试题', 'select 有什么用？ / Go 语法面试题'],
      diagnostics: [],
    },
    {
      name: 'near miss: an empty heading that asks is an empty question, not a section',
      note: md`
        ## What is a stack?

        ## What is a queue?

        First in, first out.
      `,
      cards: ['What is a queue? / -'],
      diagnostics: [[1, 'empty question "What is a stack?"']],
    },
    {
      name: 'near miss: an empty heading at the end of the file is an empty question',
      note: md`
        ## Sorting

        ## What is a stable sort?

        Equal keys keep their order.

        ## Searching
      `,
      cards: ['What is a stable sort? / Sorting'],
      diagnostics: [[7, 'empty question "Searching"']],
    },
  ])('$name', expectRule);
});

describe('rule 5: a topic’s own text, or only its introduction', () => {
  it.each<RuleCase>([
    {
      name: 'a topic with text of its own and questions under it is a card of its text',
      note: md`
        # Notes

        ## Threads

        A thread is the unit the scheduler runs.

        ### What is a race condition?

        Two threads touch shared data without an order between them.

        ## Memory

        ### What is a stack frame?

        The slot that holds one call's locals.
      `,
      cards: ['Threads / -', 'What is a race condition? / Threads', 'What is a stack frame? / Memory'],
      answers: ['A thread is the unit the scheduler runs.', 'Two threads touch shared data without an order between them.', "The slot that holds one call's locals."],
      diagnostics: [],
      notes: [],
    },
    {
      name: 'the same in Chinese',
      note: md`
        ## 缓存

        缓存把热数据放在更快的存储里，减少对数据库的访问。

        ### 什么是缓存穿透？

        查询不存在的数据，每次都打到数据库。

        ## 索引

        ### 什么是 B+ 树？

        多路平衡查找树，叶子节点串成链表。
      `,
      cards: ['缓存 / -', '什么是缓存穿透？ / 缓存', '什么是 B+ 树？ / 索引'],
      diagnostics: [],
      notes: [],
    },
    {
      name: 'near miss: text that leads into the sub-headings (a colon and a short list) is no card',
      note: md`
        # Notes

        ## Threads

        This part covers:

        - races
        - locks

        ### What is a race condition?

        Two threads touch shared data without an order between them.

        ### What is a deadlock?

        Threads wait on each other forever.

        ## Memory

        ### What is a stack frame?

        The slot that holds one call's locals.
      `,
      cards: ['What is a race condition? / Threads', 'What is a deadlock? / Threads', 'What is a stack frame? / Memory'],
      diagnostics: [],
      notes: [[5, 'the introduction of "Threads" is in no card']],
    },
    {
      name: 'near miss: one paragraph pointing elsewhere with a link is no card',
      note: md`
        # Notes

        ## Memory

        For the basics see [the memory guide](https://example.com/memory).

        ### What is a stack frame?

        The slot that holds one call's locals.

        ## Files

        ### What is an inode?

        The record of a file's metadata.
      `,
      cards: ['What is a stack frame? / Memory', 'What is an inode? / Files'],
      diagnostics: [],
      notes: [[5, 'the introduction of "Memory" is in no card']],
    },
    {
      name: 'near miss: the intro under a title naming a collection ("… Interview Questions") is no card',
      note: md`
        # JavaScript Interview Questions

        A hand-picked list of questions for front-end interviews, with answers.

        ## What is a closure?

        A function together with the scope it was made in.

        ## What is hoisting?

        Declarations are moved to the top of their scope.
      `,
      cards: ['What is a closure? / -', 'What is hoisting? / -'],
      diagnostics: [],
      notes: [[3, 'the introduction of "JavaScript Interview Questions" is in no card']],
    },
    {
      name: 'near miss: the intro under `Golang常见面试题总结` is no card',
      note: md`
        # Golang常见面试题总结

        本文整理了常见的 Go 面试题，持续更新。

        ## 什么是 goroutine？

        由运行时调度的轻量级线程。

        ## 什么是 channel？

        goroutine 之间传值的管道。
      `,
      cards: ['什么是 goroutine？ / -', '什么是 channel？ / -'],
      diagnostics: [],
      notes: [[3, 'the introduction of "Golang常见面试题总结" is in no card']],
    },
    {
      name: 'near miss: a collection heading that is not the title gives no card of its intro either',
      note: md`
        # Front end

        ## CSS Interview Questions

        Questions on layout and the cascade.

        ### What is the box model?

        Content, padding, border and margin.

        ## HTML Interview Questions

        ### What is a doctype for?

        It puts the browser in standards mode.
      `,
      cards: ['What is the box model? / CSS Interview Questions', 'What is a doctype for? / HTML Interview Questions'],
      diagnostics: [],
      notes: [[5, 'the introduction of "CSS Interview Questions" is in no card']],
    },
  ])('$name', expectRule);
});

describe('rule 8: study notes whose headings are topics', () => {
  it.each<RuleCase>([
    {
      name: 'leaf topics with text are cards, their parents the path',
      note: md`
        # Network

        ## TCP

        ### Sticky packets

        TCP is a byte stream, so message boundaries are lost.

        ### Reliable delivery

        Sequence numbers, acknowledgements and retransmission.

        ## UDP

        ### Broadcast

        One datagram to every host on the subnet.
      `,
      cards: ['Sticky packets / TCP', 'Reliable delivery / TCP', 'Broadcast / UDP'],
      diagnostics: [],
    },
    {
      name: 'Chinese topics; a references section is not a card',
      note: md`
        # 操作系统

        ## 进程

        ### 进程状态

        就绪、运行、阻塞三种基本状态。

        ### 进程通信

        管道、消息队列、共享内存。

        ## 内存

        ### 虚拟内存

        每个进程看到独立的地址空间。

        ## 参考

        - [一本书](https://example.com/book)
      `,
      cards: ['进程状态 / 进程', '进程通信 / 进程', '虚拟内存 / 内存'],
      diagnostics: [],
    },
    {
      name: 'a question in a block quote inside a topic is a card of its own after the topic',
      note: md`
        # Network

        ## HTTP

        ### Headers

        Key-value lines after the request line.

        > <a name="q-get-post"></a> How do GET and POST differ?

        GET reads and is idempotent; POST sends a body.

        ### Agent

        The client library keeps a pool of sockets per host.
      `,
      cards: ['Headers / HTTP', 'How do GET and POST differ? / HTTP › Headers', 'Agent / HTTP'],
      answers: ['Key-value lines after the request line.', 'GET reads and is idempotent; POST sends a body.', 'The client library keeps a pool of sockets per host.'],
      diagnostics: [],
    },
    {
      name: 'near miss: a topic whose body is only `TODO` is no card',
      note: md`
        # Services

        ## RPC

        ### Thrift

        An interface language and a binary protocol, from one definition file.

        ### Message queues

        TODO

        ## Logging

        ### Structured logs

        One JSON object per line, so that tools can filter fields.
      `,
      cards: ['Thrift / RPC', 'Structured logs / Logging'],
    },
    {
      name: 'near miss: an empty topic among topics in list items is no card and no section',
      note: md`
        # Orchestration

        - Objects
            - ## Pod

              The smallest unit that runs containers.

            - ## Probes

            - ## Service

              A stable address in front of a set of pods.
      `,
      cards: ['Pod / -', 'Service / -'],
    },
  ])('$name', expectRule);
});

describe('rule 11: front matter cards: sets the prompt kind when the guess is wrong', () => {
  const boldUnderQuestions = md`
    ---
    cards: bold
    ---

    ## What is Redis?

    **Why is it fast?**

    It keeps data in memory.

    **Is it single-threaded?**

    Its command loop is.
  `;
  it.each<RuleCase>([
    {
      name: 'cards: bold reads bold lines that the guess leaves in the answers of asking headings',
      note: boldUnderQuestions,
      // The lone heading is the note's title: its deck, not a section (rule 9).
      cards: ['Why is it fast? / -', 'Is it single-threaded? / -'],
      answers: ['It keeps data in memory.', 'Its command loop is.'],
      diagnostics: [],
    },
    {
      name: 'without cards: the same bold lines are parts of the heading’s answer',
      note: boldUnderQuestions.replace('cards: bold', 'tags: [redis]'),
      cards: ['What is Redis? / -'],
      answers: [/\*\*Why is it fast\?\*\*[\s\S]*Its command loop is\./u],
    },
    {
      name: 'cards: headings leaves Q: labels in the answers',
      note: md`
        ---
        cards: headings
        ---

        ## Locks

        Q: What is a mutex?

        A: A lock one thread holds at a time.

        Q: What is a semaphore?

        A: A counter of permits.
      `,
      cards: ['Locks / -'],
      answers: [/^Q: What is a mutex\?[\s\S]*A counter of permits\.$/u],
    },
    {
      name: 'cards: qa reads labels the guess would take as too few',
      note: md`
        ---
        cards: qa
        ---

        ## Locks

        Q: What is a mutex?

        A: A lock one thread holds at a time.
      `,
      cards: ['What is a mutex? / -'],
      answers: ['A lock one thread holds at a time.'],
    },
    {
      name: 'cards: file makes the note one card, its top heading the question',
      note: md`
        ---
        cards: file
        ---

        # Two sum

        ## Solution

        A hash map from value to index.

        ## What is the complexity?

        Linear.
      `,
      cards: ['Two sum / -'],
      answers: [/^## Solution[\s\S]*Linear\.$/u],
    },
    {
      name: 'cards: file without one heading over the note is said, and the note read as usual',
      note: md`
        ---
        cards: file
        ---

        ## What is A?

        A.

        ## What is B?

        B.
      `,
      cards: ['What is A? / -', 'What is B? / -'],
      diagnostics: [[1, 'cards: file needs one heading over the whole note']],
    },
  ])('$name', expectRule);
});

describe('facets under a question inside a collection', () => {
  it.each<RuleCase>([
    {
      name: '题目描述 / 解题思路 under each problem make one card per problem, in English too',
      note: md`
        # LeetCode

        ## 两数之和

        ### 题目描述

        给定一个整数数组。

        ### 解题思路

        哈希表。

        ## Three sum

        ### Description

        Find triples that sum to zero.

        ### Approach

        Sort, then two pointers.
      `,
      cards: ['两数之和 / -', 'Three sum / -'],
      answers: [/^### 题目描述[\s\S]*哈希表。$/u, /^### Description[\s\S]*two pointers\.$/u],
      diagnostics: [],
    },
  ])('$name', expectRule);
});
